package org.nuage.core.federation.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;
import org.nuage.core.video.VideoReactions;

/** PeerTube's View and Mastodon's Like, as captured, applied to one of our videos. */
class VideoReactionHandlingTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);
    /** The fixture's PeerTube host plays our instance, so its video URL names one of our videos. */
    private static final URI BASE = URI.create("http://peertube.test");
    private static final String UUID = "717c9d87-c912-4943-a392-49fadf2f235d";

    private final List<String> calls = new ArrayList<>();

    private VideoReactionHandling handling(Video.State state, Video.Privacy privacy) {
        Video video = new Video(UUID, "root", "root_channel", new Video.VideoMetadata("terre", "", privacy, List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, true, true), state, Optional.empty(), 0,
                Optional.empty(), CLOCK.instant());
        VideoCatalog catalog = (VideoCatalog) Proxy.newProxyInstance(VideoCatalog.class.getClassLoader(),
                new Class<?>[] {VideoCatalog.class}, (proxy, method, args) -> {
                    if (method.getName().equals("find")) {
                        return Optional.of(video).filter(v -> v.uuid().equals(args[0]));
                    }
                    throw new AssertionError("the catalog is only read: " + method.getName());
                });
        VideoReactions reactions = (VideoReactions) Proxy.newProxyInstance(VideoReactions.class.getClassLoader(),
                new Class<?>[] {VideoReactions.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + " " + args[0] + " " + args[1] + (args.length > 2 ? " " + args[2] : ""));
                    return true;
                });
        return new VideoReactionHandling(new OurVideos(catalog, BASE), reactions, v -> calls.add("viewed " + v.uuid()), CLOCK);
    }

    @Test
    void peerTubeViewWithExpiresReportsAViewerAndIsNotCounted() {
        ObjectNode view = Fixtures.json(Fixtures.PEERTUBE_DEV + "video_view.json");
        handling(Video.State.PUBLISHED, Video.Privacy.PUBLIC).view(Fixtures.envelope(view), view);
        assertEquals(List.of(), calls);
    }

    @Test
    void peerTubeViewWithoutExpiresIsCountedUnderItsActivityIdAndReachesTheFollowersWithTheNextUpdate() {
        ObjectNode view = Fixtures.json(Fixtures.PEERTUBE_DEV + "video_view.json");
        view.remove("expires");
        handling(Video.State.PUBLISHED, Video.Privacy.UNLISTED).view(Fixtures.envelope(view), view);
        assertEquals(List.of("view " + UUID + " " + view.path("id").asText(), "viewed " + UUID), calls);
    }

    @Test
    void mastodonLikeOfOurVideoIsTheActorsRateAndOfAPrivateOrUnpublishedVideoNothing() {
        ObjectNode like = Fixtures.json(Fixtures.MASTODON + "activities/like_page.json")
                .put("object", BASE + "/videos/watch/" + UUID);
        handling(Video.State.PUBLISHED, Video.Privacy.PRIVATE).like(Fixtures.envelope(like), like);
        handling(Video.State.TRANSCODING, Video.Privacy.PUBLIC).like(Fixtures.envelope(like), like);
        assertEquals(List.of(), calls, "a private or unpublished video is not ours to show");

        handling(Video.State.PUBLISHED, Video.Privacy.PUBLIC).like(Fixtures.envelope(like), like);
        // Counted, and the video's followers get the new counts with the next Update.
        assertEquals(List.of("rate " + UUID + " https://mastodon.madrid/users/felix LIKE", "viewed " + UUID), calls);
    }
}
