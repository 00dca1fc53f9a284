package org.nuage.core.video;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: what other servers' actors did with our videos (rates, views, shares) and the counters
 * that add them up. Each method is safe to call twice with the same arguments: per-actor records
 * are conditional writes and a counter moves only when its record changed.
 */
public interface VideoReactions {

    /** A rate, as PeerTube has them: one per actor and video, a like or a dislike. */
    enum Rate { LIKE, DISLIKE }

    /** The counters the API shows, as PeerTube's video JSON names them. */
    record Counters(long likes, long dislikes, long views, long shares) {
        public static final Counters NONE = new Counters(0, 0, 0, 0);
    }

    /**
     * An actor's standing rate of a video and the id of the activity that made it, which an
     * {@code Undo} must name.
     */
    record ActorRate(Rate rate, String activityId) {
    }

    /** An Announce of one of our videos by a remote actor. */
    record Share(String actor, String announceId, Instant at) {
    }

    /**
     * Records {@code actor}'s {@code rate} of the video, made by the activity {@code activityId}; an
     * actor who rated the other way has the rate switched (and its activity id replaced). True when
     * a counter moved.
     */
    boolean rate(String videoUuid, String actor, Rate rate, String activityId);

    /** {@code actor}'s standing rate of the video, read consistently. */
    Optional<ActorRate> rateOf(String videoUuid, String actor);

    /** Removes {@code actor}'s rate when it is {@code rate}; true when a counter moved. */
    boolean unrate(String videoUuid, String actor, Rate rate);

    /** Counts one view, once per {@code viewId} (the View activity's id); true when counted. */
    boolean view(String videoUuid, String viewId);

    /** Records {@code actor}'s share of the video, once per actor; true when new. */
    boolean share(String videoUuid, Share share);

    /** Forgets {@code actor}'s share of the video; true when there was one. */
    boolean unshare(String videoUuid, String actor);

    List<Share> shares(String videoUuid);

    Counters counters(String videoUuid);

    /**
     * The counters of several videos in as few reads as the store allows (a page of cards); a video
     * without counters maps to {@link Counters#NONE}.
     */
    Map<String, Counters> counters(Collection<String> videoUuids);

    /**
     * The views each video got from {@code firstDay} (UTC) to today, counted by {@link #view} per day
     * as they come: what trending ranks. Videos without a view in those days are absent.
     */
    Map<String, Long> viewsSince(LocalDate firstDay);
}
