package org.nuage.core.federation.inbound;

import static org.nuage.core.federation.inbound.InboundRoutes.id;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.nuage.core.federation.InboxEnvelope;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoReactions;
import org.nuage.core.video.VideoReactions.Rate;

/**
 * Likes, dislikes, views and shares of our videos by remote actors, and their undoing, as
 * PeerTube applies them: one rate and one share per actor, one view per View activity.
 */
public final class VideoReactionHandling {

    private static final Logger LOG = Logger.getLogger(VideoReactionHandling.class.getName());

    private final OurVideos videos;
    private final VideoReactions reactions;
    private final Consumer<Video> viewed;
    private final Clock clock;

    /**
     * {@code viewed} hears of each view counted and each rate that moved a counter, so the video's
     * followers learn the new counts.
     */
    public VideoReactionHandling(OurVideos videos, VideoReactions reactions, Consumer<Video> viewed, Clock clock) {
        this.videos = videos;
        this.reactions = reactions;
        this.viewed = viewed;
        this.clock = clock;
    }

    public void like(InboxEnvelope envelope, JsonNode like) {
        rate(envelope, like, Rate.LIKE);
    }

    /** PeerTube sends {@code Dislike}; Mastodon has none. */
    public void dislike(InboxEnvelope envelope, JsonNode dislike) {
        rate(envelope, dislike, Rate.DISLIKE);
    }

    private void rate(InboxEnvelope envelope, JsonNode activity, Rate rate) {
        video(envelope, activity.path("object")).ifPresent(video -> {
            boolean moved = reactions.rate(video.uuid(), envelope.actor(), rate, envelope.activityId());
            if (moved) {
                viewed.accept(video);
            }
            LOG.info(() -> envelope.actor() + " " + rate + " video " + video.uuid() + (moved ? "" : " (already counted)"));
        });
    }

    /** An Undo of a Like or Dislike: only the actor who rated can take the rate back. */
    public void undoRate(InboxEnvelope envelope, JsonNode undo) {
        JsonNode rated = undo.path("object");
        Rate rate = "Dislike".equals(rated.path("type").asText()) ? Rate.DISLIKE : Rate.LIKE;
        if (!envelope.actor().equals(id(rated.path("actor")))) {
            LOG.warning(() -> envelope.actor() + " tried to undo a " + rate + " by " + id(rated.path("actor")) + "; refused");
            return;
        }
        video(envelope, rated.path("object")).ifPresent(video -> {
            boolean moved = reactions.unrate(video.uuid(), envelope.actor(), rate);
            if (moved) {
                viewed.accept(video);
            }
            LOG.info(() -> envelope.actor() + " took back a " + rate + " of video " + video.uuid()
                    + (moved ? "" : " (none was counted)"));
        });
    }

    /**
     * PeerTube's View. One with {@code expires} reports a viewer still watching (its live viewer
     * count), not a view; PeerTube does not add it to the views either, and neither do we.
     */
    public void view(InboxEnvelope envelope, JsonNode view) {
        if (view.hasNonNull("expires")) {
            LOG.info(() -> "View " + envelope.activityId() + " reports a viewer (expires), not a view; acknowledged");
            return;
        }
        video(envelope, view.path("object")).ifPresent(video -> {
            boolean counted = reactions.view(video.uuid(), envelope.activityId());
            if (counted) {
                viewed.accept(video);
            }
            LOG.info(() -> "view of video " + video.uuid() + " from " + envelope.actor() + (counted ? "" : " (already counted)"));
        });
    }

    /** An Announce of our video: a share, one per actor, as PeerTube's video shares. */
    public void announce(InboxEnvelope envelope, JsonNode announce) {
        video(envelope, announce.path("object")).ifPresent(video -> {
            boolean added = reactions.share(video.uuid(),
                    new VideoReactions.Share(envelope.actor(), envelope.activityId(), clock.instant()));
            LOG.info(() -> envelope.actor() + " shared video " + video.uuid() + (added ? "" : " (already shared)"));
        });
    }

    /** An Undo of an Announce: the actor's share is forgotten. */
    public void undoAnnounce(InboxEnvelope envelope, JsonNode undo) {
        JsonNode announce = undo.path("object");
        if (!envelope.actor().equals(id(announce.path("actor")))) {
            LOG.warning(() -> envelope.actor() + " tried to undo an Announce by " + id(announce.path("actor")) + "; refused");
            return;
        }
        video(envelope, announce.path("object")).ifPresent(video -> reactions.unshare(video.uuid(), envelope.actor()));
    }

    private Optional<Video> video(InboxEnvelope envelope, JsonNode object) {
        String url = id(object);
        Optional<Video> video = videos.byUrl(url);
        if (video.isEmpty()) {
            LOG.info(() -> envelope.activityType() + " " + envelope.activityId() + " of " + url
                    + ", not a video of ours; acknowledged");
        }
        return video;
    }
}
