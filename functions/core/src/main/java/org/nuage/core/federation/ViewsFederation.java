package org.nuage.core.federation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.nuage.core.json.Json;
import org.nuage.core.queue.WorkQueue;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;
import org.nuage.core.video.VideoReactions;

/**
 * Tells the servers that follow our videos how many views they have, the way PeerTube does it:
 * views are counted at once, and the video's followers get an {@code Update} of the Video, with
 * its {@code views}, at most once per interval (PeerTube's {@code VideoViewsBufferScheduler}, every
 * {@code views.videos.local_buffer_update_interval}, 30 minutes by default). The first view after
 * an update marks the video and queues one delayed message; the views counted while it waits ride
 * along, and the message clears the mark before it reads the counter, so a view counted after
 * that read schedules the next update: none is left out. A like or dislike schedules the same
 * update, as current PeerTube's does ({@code sendVideoRateChange}): its followers then read the
 * counts from the Video's {@code likes} and {@code dislikes} collections.
 */
public final class ViewsFederation {

    private static final Logger LOG = Logger.getLogger(ViewsFederation.class.getName());

    /** SQS's longest delay per message. */
    static final Duration MAX_HOP = Duration.ofSeconds(900);

    private final VideoCatalog videos;
    private final VideoReactions reactions;
    private final ScheduledUpdates scheduled;
    private final WorkQueue queue;
    private final VideoFederation federation;
    private final Duration interval;
    private final Clock clock;

    public ViewsFederation(VideoCatalog videos, VideoReactions reactions, ScheduledUpdates scheduled, WorkQueue queue,
            VideoFederation federation, Duration interval, Clock clock) {
        this.videos = videos;
        this.reactions = reactions;
        this.scheduled = scheduled;
        this.queue = queue;
        this.federation = federation;
        this.interval = interval;
        this.clock = clock;
    }

    /** A view or a rate of one of our videos was counted: an update is scheduled unless one is waiting. */
    public void viewed(Video video) {
        if (!VideoFederation.federated(video)) {
            return;
        }
        Instant now = clock.instant();
        Instant due = now.plus(interval);
        // A mark older than two intervals past its due time lost its message (the queue refused it).
        if (scheduled.schedule(video.uuid(), due, now.minus(interval.multipliedBy(2)))) {
            hop(new ViewsUpdate(video.uuid(), due));
            LOG.fine(() -> "views update of video " + video.uuid() + " scheduled for " + due);
        }
    }

    /** A scheduled update: sent to the video's followers with the views counted until now. */
    public void due(ViewsUpdate update) {
        if (clock.instant().isBefore(update.notBefore())) {
            hop(update);
            return;
        }
        // Cleared before the counter is read: a view counted after the read finds no mark and
        // schedules another update, so it cannot be left out.
        scheduled.clear(update.videoUuid());
        videos.find(update.videoUuid()).filter(VideoFederation::federated).ifPresentOrElse(
                video -> federation.viewsUpdated(video, reactions.counters(video.uuid()).views(), clock.instant()),
                () -> LOG.info(() -> "views update of video " + update.videoUuid() + ", no longer federated; dropped"));
    }

    private void hop(ViewsUpdate update) {
        long seconds = Math.max(0, Duration.between(clock.instant(), update.notBefore()).toSeconds());
        queue.send(WorkQueue.Name.OUTBOUND, Json.write(update), (int) Math.min(MAX_HOP.toSeconds(), seconds));
    }
}
