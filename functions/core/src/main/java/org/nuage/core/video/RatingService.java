package org.nuage.core.video;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.nuage.core.Refusal;
import org.nuage.core.federation.VideoFederation;
import org.nuage.core.federation.VideoObjects;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.index.RemoteVideo;
import org.nuage.core.federation.index.RemoteVideos;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.video.VideoReactions.ActorRate;
import org.nuage.core.video.VideoReactions.Rate;

/**
 * A signed-in user's like or dislike of a video, ours or one of the remote index, kept with the
 * rates of remote actors (one per actor, the user's actor being their account) and sent as
 * {@code Like}, {@code Dislike} and {@code Undo} by the user's account: for our videos to the
 * followers of the video's account and channel (PeerTube's {@code sendVideoRelatedActivity}), for
 * a remote video to its origin, the inbox of the video's account (PeerTube's
 * {@code sendVideoRelatedActivityToOrigin}). As PeerTube does, a change first undoes the standing
 * rate, then makes the new one, and a rate the user already has sends nothing.
 */
public final class RatingService {

    private static final Logger LOG = Logger.getLogger(RatingService.class.getName());

    static final String CONTEXT = "https://www.w3.org/ns/activitystreams";

    /** The video a rate is about: one of ours, or one of the remote index. */
    private record Rated(String uuid, String url, Optional<Video> local, Optional<RemoteVideo> remote) {
    }

    private final VideoCatalog videos;
    private final RemoteVideos remoteVideos;
    private final VideoReactions reactions;
    private final VideoObjects objects;
    private final VideoFederation federation;
    private final RemoteActors remoteActors;
    private final OutboundService outbound;
    private final Consumer<Video> rated;

    /**
     * {@code rated} hears of each change of a rate of one of our videos, so that its followers
     * learn the new counts (an {@code Update} of the Video, see {@code ViewsFederation}).
     */
    public RatingService(VideoCatalog videos, RemoteVideos remoteVideos, VideoReactions reactions, VideoObjects objects,
            VideoFederation federation, RemoteActors remoteActors, OutboundService outbound, Consumer<Video> rated) {
        this.videos = videos;
        this.remoteVideos = remoteVideos;
        this.reactions = reactions;
        this.objects = objects;
        this.federation = federation;
        this.remoteActors = remoteActors;
        this.outbound = outbound;
        this.rated = rated;
    }

    /** {@code username}'s rating ({@code like}, {@code dislike} or {@code none}) of the video {@code id} (uuid or shortUUID). */
    public void rate(String username, String id, String rating) {
        Optional<Rate> wanted = switch (rating == null ? "" : rating) {
            case "like" -> Optional.of(Rate.LIKE);
            case "dislike" -> Optional.of(Rate.DISLIKE);
            case "none" -> Optional.empty();
            default -> throw Refusal.badRequest("rating must be like, dislike or none, not '" + rating + "'");
        };
        Rated video = rateable(username, id);
        String actor = objects.accountUrl(username);
        Optional<ActorRate> standing = reactions.rateOf(video.uuid(), actor);
        if (standing.map(ActorRate::rate).equals(wanted)) {
            return;
        }
        List<Map<String, Object>> activities = new ArrayList<>();
        if (wanted.isPresent()) {
            String activityId = actor + path(wanted.get()) + video.uuid() + "/" + UUID.randomUUID();
            if (!reactions.rate(video.uuid(), actor, wanted.get(), activityId)) {
                // Another request of the same user changed it first; that one tells the others.
                return;
            }
            standing.ifPresent(old -> activities.add(undo(actor, video, old)));
            activities.add(rateActivity(actor, video, wanted.get(), activityId));
        } else {
            ActorRate old = standing.get();
            if (!reactions.unrate(video.uuid(), actor, old.rate())) {
                return;
            }
            activities.add(undo(actor, video, old));
        }
        video.local().ifPresent(rated);
        send(actor, video, activities);
    }

    /** {@code username}'s rating of the video, as PeerTube's {@code /users/me/videos/{id}/rating} says it. */
    public String ratingOf(String username, String id) {
        Rated video = rateable(username, id);
        return reactions.rateOf(video.uuid(), objects.accountUrl(username))
                .map(r -> r.rate().name().toLowerCase(Locale.ROOT)).orElse("none");
    }

    /**
     * The {@code Like} or {@code Dislike} at {@code activityId}, while it is {@code username}'s
     * standing rate of the video: its id resolves, as PeerTube's {@code /accounts/{name}/likes/{video}} does.
     */
    public Optional<Map<String, Object>> activity(String username, String videoUuid, String activityId) {
        String actor = objects.accountUrl(username);
        return reactions.rateOf(videoUuid, actor).filter(r -> r.activityId().equals(activityId))
                .flatMap(r -> known(videoUuid).map(video -> rateActivity(actor, video, r.rate(), activityId)));
    }

    private Rated rateable(String username, String id) {
        String uuid = ShortUuid.resolve(id).orElseThrow(() -> Refusal.notFound("no video " + id));
        Optional<Video> ours = videos.find(uuid);
        // Ours first: a remote server claiming one of our uuids must not capture our rates.
        if (ours.isPresent()) {
            Optional<Video> local = ours.filter(v -> v.state() == Video.State.PUBLISHED)
                    .filter(v -> v.metadata().privacy() != Video.Privacy.PRIVATE || v.owner().equals(username));
            return local.map(v -> new Rated(uuid, objects.videoUrl(uuid), local, Optional.empty()))
                    .orElseThrow(() -> Refusal.notFound("no video " + id));
        }
        return remoteVideos.findByUuid(uuid).map(v -> new Rated(uuid, v.id(), Optional.empty(), Optional.of(v)))
                .orElseThrow(() -> Refusal.notFound("no video " + id));
    }

    private Optional<Rated> known(String uuid) {
        Optional<Video> local = videos.find(uuid).filter(VideoFederation::federated);
        if (local.isPresent()) {
            return Optional.of(new Rated(uuid, objects.videoUrl(uuid), local, Optional.empty()));
        }
        return remoteVideos.findByUuid(uuid).map(v -> new Rated(uuid, v.id(), Optional.empty(), Optional.of(v)));
    }

    private void send(String actor, Rated video, List<Map<String, Object>> activities) {
        List<String> inboxes;
        if (video.local().isPresent()) {
            if (!VideoFederation.federated(video.local().get())) {
                return;
            }
            inboxes = federation.followerInboxes(video.local().get());
        } else {
            try {
                inboxes = List.of(remoteActors.get(video.remote().get().accountId()).deliveryInbox());
            } catch (RemoteActors.Unavailable e) {
                // Recorded here all the same: the origin's count misses it, as it would if it were down.
                LOG.warning(() -> "rate of " + video.url() + " by " + actor + " not sent: " + e.getMessage());
                return;
            }
        }
        for (Map<String, Object> activity : activities) {
            outbound.send(actor, activity, inboxes);
        }
        LOG.info(() -> activities.stream().map(a -> String.valueOf(a.get("type"))).toList() + " of " + video.url()
                + " by " + actor + " sent to " + inboxes.size() + " inboxes");
    }

    private Map<String, Object> rateActivity(String actor, Rated video, Rate rate, String activityId) {
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put("@context", CONTEXT);
        activity.put("id", activityId);
        activity.put("type", rate == Rate.LIKE ? "Like" : "Dislike");
        activity.put("actor", actor);
        activity.put("object", video.url());
        activity.putAll(audience(video));
        return activity;
    }

    private Map<String, Object> undo(String actor, Rated video, ActorRate old) {
        // A rate recorded before ids were kept: PeerTube's own id for it.
        String oldId = old.activityId().isEmpty() ? actor + path(old.rate()) + video.uuid() : old.activityId();
        Map<String, Object> rate = rateActivity(actor, video, old.rate(), oldId);
        rate.remove("@context");
        Map<String, Object> undo = new LinkedHashMap<>();
        undo.put("@context", CONTEXT);
        undo.put("id", oldId + "/undo");
        undo.put("type", "Undo");
        undo.put("actor", actor);
        undo.put("object", rate);
        undo.putAll(audience(video));
        return undo;
    }

    /**
     * PeerTube's addressing: our video's audience (public: to the public, cc the account's
     * followers; unlisted: the reverse), or, for a remote video, the video's account alone.
     */
    private Map<String, Object> audience(Rated video) {
        return video.local().map(objects::audience)
                .orElseGet(() -> Map.of("to", List.of(video.remote().get().accountId()), "cc", List.of()));
    }

    private static String path(Rate rate) {
        return rate == Rate.LIKE ? "/likes/" : "/dislikes/";
    }
}
