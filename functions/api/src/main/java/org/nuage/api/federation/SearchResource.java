package org.nuage.api.federation;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nuage.api.account.Caller;
import org.nuage.api.account.Representations;
import org.nuage.api.video.VideoViews;
import org.nuage.api.video.VideosResource;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.core.Refusal;
import org.nuage.core.account.AccountService;
import org.nuage.core.federation.follow.Subscription;
import org.nuage.core.federation.index.ActivityToRemoteVideo;
import org.nuage.core.federation.index.RemoteVideoIndex;
import org.nuage.core.federation.index.RemoteVideos;
import org.nuage.core.federation.remote.ActorResolver;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.video.ShortUuid;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;

/**
 * PeerTube's search. A URL or a {@code name@host} of another server is fetched and indexed, as
 * PeerTube does with its default settings only for signed-in users ({@code search.remote_uri.users:
 * true, anonymous: false}): an anonymous caller finds only what is already known here. Words
 * search the names of the videos we list, ours and remote.
 */
@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private final RemoteVideoIndex index;
    private final RemoteVideos remoteVideos;
    private final VideoCatalog videos;
    private final VideoViews views;
    private final ActorResolver actors;
    private final AccountService accounts;
    private final Representations representations;
    private final Caller caller;
    private final String base;

    public SearchResource(RemoteVideoIndex index, RemoteVideos remoteVideos, VideoCatalog videos, VideoViews views,
            ActorResolver actors, AccountService accounts, Representations representations, Caller caller,
            InstanceConfig instance) {
        this.index = index;
        this.remoteVideos = remoteVideos;
        this.videos = videos;
        this.views = views;
        this.actors = actors;
        this.accounts = accounts;
        this.representations = representations;
        this.caller = caller;
        this.base = instance.publicUrl().toString().replaceAll("/+$", "");
    }

    @GET
    @Path("videos")
    public Map<String, Object> videos(@HeaderParam("Authorization") String authorization,
            @QueryParam("search") String search, @QueryParam("start") @DefaultValue("0") int start,
            @QueryParam("count") @DefaultValue("15") int count) {
        String query = required(search);
        List<VideosResource.Listed> found = new ArrayList<>();
        if (isUrl(query)) {
            if (query.startsWith(base + "/")) {
                ShortUuid.resolve(query.substring(query.lastIndexOf('/') + 1)).flatMap(videos::find)
                        .filter(v -> v.state() == Video.State.PUBLISHED && v.metadata().privacy() != Video.Privacy.PRIVATE)
                        .ifPresent(v -> found.add(new VideosResource.Listed(v.createdAt(), () -> views.summary(v))));
            } else if (caller.optional(authorization).isPresent()) {
                try {
                    var video = index.lookUp(query);
                    found.add(new VideosResource.Listed(video.published(), () -> views.remote(video)));
                } catch (ActivityToRemoteVideo.InvalidVideo | RemoteActors.Unavailable e) {
                    throw Refusal.badRequest("no video at " + query + ": " + e.getMessage());
                }
            } else {
                remoteVideos.find(query).ifPresent(v -> found.add(new VideosResource.Listed(v.published(),
                        () -> views.remote(v))));
            }
        } else {
            String words = query.toLowerCase(Locale.ROOT);
            // A word that is one of a video's tags finds it too (with or without its '#'), as in PeerTube.
            String tag = words.startsWith("#") ? words.substring(1) : words;
            java.util.function.Predicate<Video.VideoMetadata> matches = m -> m.name().toLowerCase(Locale.ROOT)
                    .contains(words) || m.tags().stream().anyMatch(t -> t.equalsIgnoreCase(tag));
            videos.publicVideos().filter(v -> matches.test(v.metadata()))
                    .forEach(v -> found.add(new VideosResource.Listed(v.createdAt(), () -> views.summary(v))));
            remoteVideos.publicVideos().filter(v -> matches.test(v.metadata()))
                    .forEach(v -> found.add(new VideosResource.Listed(v.published(), () -> views.remote(v))));
            found.sort(java.util.Comparator.comparing(VideosResource.Listed::at).reversed());
        }
        return VideosResource.listPage(found, start, count);
    }

    /** A channel by {@code name@host} or URL; a local name finds the local channel. */
    @GET
    @Path("video-channels")
    public Map<String, Object> channels(@HeaderParam("Authorization") String authorization,
            @QueryParam("search") String search) {
        String query = required(search).replaceFirst("^@", "");
        Optional<String> localName = localName(query);
        if (localName.isPresent()) {
            try {
                org.nuage.core.account.Channel channel = accounts.channel(localName.get());
                return one(representations.channel(channel, accounts.account(channel.owner())));
            } catch (Refusal notFound) {
                return Map.of("total", 0, "data", List.of());
            }
        }
        if (caller.optional(authorization).isEmpty()) {
            // Anonymous callers do not make us fetch from other servers (PeerTube's default).
            return Map.of("total", 0, "data", List.of());
        }
        RemoteActor actor = actors.resolve(query);
        if (!actor.type().equals("Group")) {
            throw Refusal.badRequest(query + " is a " + actor.type() + ", not a channel");
        }
        return one(representations.remoteActor(actor));
    }

    /** The channel name {@code query} gives on this instance: a bare name, {@code name@ourhost} or one of our URLs. */
    private Optional<String> localName(String query) {
        if (isUrl(query)) {
            String prefix = base + "/video-channels/";
            return query.startsWith(prefix) ? Optional.of(query.substring(prefix.length())) : Optional.empty();
        }
        int at = query.lastIndexOf('@');
        if (at < 0) {
            return Optional.of(query);
        }
        return query.substring(at + 1).equalsIgnoreCase(Subscription.hostOf(base)) ? Optional.of(query.substring(0, at))
                : Optional.empty();
    }

    private static Map<String, Object> one(Map<String, Object> item) {
        return Map.of("total", 1, "data", List.of(item));
    }

    private static boolean isUrl(String query) {
        return query.startsWith("https://") || query.startsWith("http://");
    }

    private static String required(String search) {
        if (search == null || search.isBlank()) {
            throw Refusal.badRequest("search is required");
        }
        return search.strip();
    }
}
