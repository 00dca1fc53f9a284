package org.nuage.core.federation.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.List;
import java.util.logging.Logger;
import org.nuage.core.federation.follow.Subscription;
import org.nuage.core.federation.follow.Subscriptions;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.federation.remote.RemoteObjects;

/**
 * Keeps the remote video index: Videos created, updated, announced and deleted by actors we
 * follow, and videos looked up by URL. The rules, each refusal logged and nothing stored:
 * <ul>
 *   <li>a Create or Update comes from the video's account or channel, and the video's id is on the
 *       signing actor's host;</li>
 *   <li>a video we do not have yet is indexed only from an actor one of ours follows (its account,
 *       its channel, or anyone on a server our instance follows);</li>
 *   <li>an Update older than what we hold is ignored, so a late redelivery cannot undo an edit;</li>
 *   <li>an Announce names a video that is fetched from its origin, the only source trusted for it;</li>
 *   <li>a Delete removes a video only when its actor owns it.</li>
 * </ul>
 */
public final class RemoteVideoIndex {

    private static final Logger LOG = Logger.getLogger(RemoteVideoIndex.class.getName());

    private final RemoteVideos videos;
    private final Subscriptions subscriptions;
    private final RemoteObjects objects;
    private final String instanceActor;
    private final String base;

    /** {@code base} is our public URL: objects under it are ours, never indexed as remote. */
    public RemoteVideoIndex(RemoteVideos videos, Subscriptions subscriptions, RemoteObjects objects, String instanceActor,
            String base) {
        this.videos = videos;
        this.subscriptions = subscriptions;
        this.objects = objects;
        this.instanceActor = instanceActor;
        this.base = base.replaceAll("/+$", "");
    }

    /** A {@code Create} or {@code Update} of a Video by {@code actor}; true when the video was stored. */
    public boolean createdOrUpdated(String actor, JsonNode activity) {
        JsonNode object = activity.path("object");
        RemoteVideo video;
        try {
            video = object.isTextual() ? fetch(object.asText()) : ActivityToRemoteVideo.parse(object, Subscription.hostOf(actor));
        } catch (ActivityToRemoteVideo.InvalidVideo | RemoteActors.Unavailable e) {
            LOG.warning(() -> activity.path("type").asText() + " " + activity.path("id").asText() + " from " + actor
                    + " refused: " + e.getMessage());
            return false;
        }
        if (!video.host().equals(Subscription.hostOf(actor))) {
            LOG.warning(() -> actor + " sent the video " + video.id() + " of another host; refused");
            return false;
        }
        if (!video.ownedBy(actor)) {
            LOG.warning(() -> actor + " does not own the video " + video.id() + " (" + video.accountId() + ", "
                    + video.channelId() + "); refused");
            return false;
        }
        return store(video, actor);
    }

    /**
     * An {@code Announce} of a Video by {@code actor} (a channel sharing its new video, or a server
     * actor): the video is fetched from its id, whatever the Announce embeds. Objects of ours and
     * objects that are not videos are left to others; true when a video was stored.
     */
    public boolean announced(String actor, JsonNode activity) {
        JsonNode object = activity.path("object");
        String id = object.isTextual() ? object.asText() : object.path("id").asText("");
        if (id.startsWith(base + "/") || (object.isObject() && !"Video".equals(object.path("type").asText()))) {
            return false;
        }
        if (!followed(Subscription.hostOf(actor), List.of(actor))) {
            LOG.info(() -> "Announce " + activity.path("id").asText() + " by " + actor + ", whom we do not follow; ignored");
            return false;
        }
        try {
            return store(fetch(id), actor);
        } catch (ActivityToRemoteVideo.InvalidVideo | RemoteActors.Unavailable e) {
            LOG.warning(() -> "Announce " + activity.path("id").asText() + " by " + actor + ": " + e.getMessage());
            return false;
        }
    }

    /** A {@code Delete} by {@code actor}: the video goes when the actor owns it; true when it went. */
    public boolean deleted(String actor, JsonNode activity) {
        JsonNode object = activity.path("object");
        String id = object.isTextual() ? object.asText() : object.path("id").asText("");
        Optional<RemoteVideo> known = videos.find(id);
        if (known.isEmpty()) {
            return false;
        }
        if (!known.get().ownedBy(actor)) {
            LOG.warning(() -> "Delete " + activity.path("id").asText() + " of " + id + " by " + actor
                    + ", who does not own it; refused");
            return false;
        }
        videos.delete(id);
        LOG.info(() -> "remote video " + id + " deleted by " + actor);
        return true;
    }

    /**
     * The video at {@code url}, fetched now (signed, through the SSRF guard) and indexed, as
     * PeerTube's search by URL does: a person asked for it, so no follow is needed.
     */
    public RemoteVideo lookUp(String url) {
        RemoteVideo video = fetch(url);
        videos.save(video);
        LOG.info(() -> "remote video " + video.id() + " indexed from a search");
        return video;
    }

    /** Indexes a video listed in the outbox of {@code owner}'s server, which our instance follows. */
    boolean backfilled(String origin, JsonNode item) {
        String type = item.path("type").asText();
        try {
            RemoteVideo video;
            JsonNode object = item.path("object");
            if (object.isObject() && "Video".equals(object.path("type").asText())
                    && (type.equals("Create") || type.equals("Update"))) {
                video = ActivityToRemoteVideo.parse(object, Subscription.hostOf(origin));
            } else if (type.equals("Announce") && (object.isTextual() || object.isObject())) {
                video = fetch(object.isTextual() ? object.asText() : object.path("id").asText(""));
            } else {
                return false;
            }
            if (!video.host().equals(Subscription.hostOf(origin))) {
                // An instance follow is a follow of that server's own videos, not of what it shares.
                return false;
            }
            return store(video, origin);
        } catch (ActivityToRemoteVideo.InvalidVideo | RemoteActors.Unavailable e) {
            LOG.warning(() -> "outbox item " + item.path("id").asText() + " of " + origin + " skipped: " + e.getMessage());
            return false;
        }
    }

    private RemoteVideo fetch(String url) {
        if (url.startsWith(base + "/")) {
            throw new ActivityToRemoteVideo.InvalidVideo(url + " is one of ours, not a remote video");
        }
        RemoteObjects.Fetched fetched = objects.fetch(url);
        RemoteVideo video = ActivityToRemoteVideo.parse(fetched.document(), Subscription.hostOf(fetched.url().toString()));
        return video;
    }

    private boolean store(RemoteVideo video, String actor) {
        Optional<RemoteVideo> known = videos.find(video.id());
        if (known.isEmpty() && !followed(video.host(), List.of(actor, video.accountId(), video.channelId()))) {
            LOG.info(() -> "video " + video.id() + " from " + actor + ", whom we do not follow; ignored");
            return false;
        }
        if (known.isPresent() && known.get().updated().isAfter(video.updated())) {
            LOG.info(() -> "video " + video.id() + " is older than the copy we hold; ignored");
            return false;
        }
        videos.save(video);
        LOG.info(() -> (known.isPresent() ? "remote video updated: " : "remote video indexed: ") + video.id());
        return true;
    }

    /** Whether one of ours follows one of {@code actors}, or our instance follows the server at {@code host}. */
    private boolean followed(String host, List<String> actors) {
        return subscriptions.onHost(host).stream().anyMatch(s -> s.isAccepted()
                && (s.follower().equals(instanceActor) || actors.contains(s.target())));
    }
}
