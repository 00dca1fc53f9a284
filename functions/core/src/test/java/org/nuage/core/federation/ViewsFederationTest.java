package org.nuage.core.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.follow.Follower;
import org.nuage.core.federation.follow.Followers;
import org.nuage.core.json.Json;
import org.nuage.core.media.ObjectStore;
import org.nuage.core.queue.WorkQueue;
import org.nuage.core.transcode.TranscodeJobs;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;
import org.nuage.core.video.VideoReactions;

class ViewsFederationTest {

    private static final String BASE = "https://nuage.example";
    private static final String UUID = "717c9d87-c912-4943-a392-49fadf2f235d";
    private static final Duration INTERVAL = Duration.ofMinutes(30);

    /** A clock the test moves. */
    private static final class Hands extends Clock {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private record Queued(String body, int delaySeconds) {
    }

    private final Hands clock = new Hands();
    private final AtomicLong views = new AtomicLong();
    private final List<Queued> queued = new ArrayList<>();
    private final Map<String, Instant> marks = new HashMap<>();
    private final List<String> countersReadAt = new ArrayList<>();

    private final Video video = new Video(UUID, "root", "root_channel", new Video.VideoMetadata("terre", "",
            Video.Privacy.PUBLIC, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), false, true, true),
            Video.State.PUBLISHED, Optional.empty(), 0, Optional.empty(), Instant.parse("2026-12-01T00:00:00Z"));

    private ViewsFederation federation() {
        VideoCatalog catalog = proxy(VideoCatalog.class, (method, args) -> Optional.of(video).filter(v -> v.uuid().equals(args[0])));
        VideoReactions reactions = proxy(VideoReactions.class, (method, args) -> {
            assertEquals("counters", method);
            return new VideoReactions.Counters(0, 0, views.get(), 0);
        });
        ScheduledUpdates scheduled = new ScheduledUpdates() {
            @Override
            public boolean schedule(String videoUuid, Instant due, Instant staleBefore) {
                Instant mark = marks.get(videoUuid);
                if (mark != null && !mark.isBefore(staleBefore)) {
                    return false;
                }
                marks.put(videoUuid, due);
                return true;
            }

            @Override
            public void clear(String videoUuid) {
                marks.remove(videoUuid);
            }
        };
        WorkQueue queue = new WorkQueue() {
            @Override
            public void send(Name name, String body) {
                send(name, body, 0);
            }

            @Override
            public void send(Name name, String body, int delaySeconds) {
                assertEquals(Name.OUTBOUND, name);
                queued.add(new Queued(body, delaySeconds));
            }
        };
        Followers followers = proxy(Followers.class, (method, args) -> args[0].equals(BASE + "/video-channels/root_channel")
                ? List.of(new Follower("", "https://a.example/users/ann", "https://a.example/inbox", "f", clock.now))
                : List.of());
        // The Update itself, with its Video object, is checked end to end (RatesIT); here a video
        // without a job has no object, so what is tested is when updates are queued.
        TranscodeJobs jobs = proxy(TranscodeJobs.class, (method, args) -> {
            countersReadAt.add(marks.containsKey(UUID) ? "marked" : "cleared");
            return Optional.empty();
        });
        VideoObjects objects = new VideoObjects(jobs, proxy(ObjectStore.class, (m, a) -> URI.create("https://media/" + a[0])),
                URI.create(BASE));
        return new ViewsFederation(catalog, reactions, scheduled, queue,
                new VideoFederation(objects, followers, new OutboundService(queue, null, null, null, clock)), INTERVAL, clock);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.util.function.BiFunction<String, Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> answer.apply(method.getName(), args));
    }

    @Test
    void manyViewsWithinTheIntervalQueueOneDelayedUpdate() {
        ViewsFederation federation = federation();
        for (int i = 0; i < 50; i++) {
            views.incrementAndGet();
            federation.viewed(video);
            clock.now = clock.now.plusSeconds(10);
        }
        assertEquals(1, queued.size(), "one message for fifty views");
        // SQS delays at most 15 minutes: the 30 are two hops.
        assertEquals(900, queued.getFirst().delaySeconds());
        ViewsUpdate update = Json.read(queued.getFirst().body(), ViewsUpdate.class);
        assertEquals(UUID, update.videoUuid());
        assertEquals(Instant.parse("2026-12-07T12:30:00Z"), update.notBefore());
    }

    @Test
    void theDueUpdateWaitsAnotherHopThenClearsTheMarkBeforeReadingSoALaterViewSchedulesTheNext() {
        ViewsFederation federation = federation();
        views.incrementAndGet();
        federation.viewed(video);
        ViewsUpdate update = Json.read(queued.getFirst().body(), ViewsUpdate.class);
        queued.clear();

        clock.now = clock.now.plus(Duration.ofMinutes(15));
        federation.due(update);
        assertEquals(List.of(new Queued(queued.getFirst().body(), 900)), queued, "15 more minutes to wait");
        assertTrue(countersReadAt.isEmpty());
        queued.clear();

        clock.now = clock.now.plus(Duration.ofMinutes(15));
        federation.due(update);
        assertEquals(List.of("cleared"), countersReadAt, "the mark is cleared before the video is read");
        assertTrue(queued.isEmpty());

        views.incrementAndGet();
        federation.viewed(video);
        assertEquals(1, queued.size(), "a view after the update schedules the next one");
    }

    @Test
    void aMarkWhoseMessageWasLostIsReplacedOnceStale() {
        ViewsFederation federation = federation();
        federation.viewed(video);
        queued.clear();
        // The message vanished; within two intervals past its due time the mark still holds.
        clock.now = clock.now.plus(INTERVAL.multipliedBy(2));
        federation.viewed(video);
        assertTrue(queued.isEmpty());
        clock.now = clock.now.plus(INTERVAL.multipliedBy(2));
        federation.viewed(video);
        assertEquals(1, queued.size());
    }

    @Test
    void aPrivateOrUnpublishedVideoSchedulesNothing() {
        ViewsFederation federation = federation();
        federation.viewed(new Video(UUID, "root", "root_channel", video.metadata(), Video.State.TRANSCODING,
                Optional.empty(), 0, Optional.empty(), clock.now));
        assertTrue(queued.isEmpty());
    }
}
