package org.nuage.core.federation.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nuage.core.json.Json;
import org.nuage.core.video.Video;

/** PeerTube's real Video objects (src/test/resources/activitypub, see COPIED.md) read into the index's shape. */
class ActivityToRemoteVideoTest {

    static final String ESUP = "/activitypub/esup-pod/fixtures/";

    static JsonNode fixture(String path) {
        try (InputStream in = ActivityToRemoteVideoTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + path);
            }
            return Json.tree(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readsPeerTubesVideoWithItsOwnersRenditionsAndMetadata() {
        RemoteVideo video = ActivityToRemoteVideo.parse(fixture(ESUP + "peertube_video.json"), "peertube.test");
        assertEquals("http://peertube.test/videos/watch/717c9d87-c912-4943-a392-49fadf2f235d", video.id());
        assertEquals("717c9d87-c912-4943-a392-49fadf2f235d", video.uuid());
        assertEquals("Titre de la vidéo", video.metadata().name());
        assertEquals("Ceci est une *description* au format markdown", video.metadata().description());
        assertEquals(31, video.durationSeconds());
        assertEquals("http://peertube.test/accounts/root", video.accountId());
        assertEquals("http://peertube.test/video-channels/root_channel", video.channelId());
        assertEquals(Instant.parse("2024-06-06T13:06:05.060Z"), video.published());
        assertEquals(Instant.parse("2024-06-06T13:13:27.957Z"), video.updated());
        assertEquals(List.of("etiquette1", "etiquette2"), video.metadata().tags());
        assertEquals(Optional.of(11), video.metadata().category());
        assertEquals(Optional.of(1), video.metadata().licence());
        assertEquals(Optional.of("fr"), video.metadata().language());
        assertTrue(video.metadata().nsfw());
        assertEquals(Video.Privacy.PUBLIC, video.metadata().privacy());
        assertEquals(Optional.of(0L), video.views());
        assertEquals(Optional.empty(), video.likes(), "PeerTube gives likes as a collection URL, not a count");
        assertTrue(video.hlsPlaylistUrl().orElseThrow().endsWith("-master.m3u8"));
        assertTrue(video.mp4Urls().getFirst().contains("-2160-fragmented.mp4"), video.mp4Urls().toString());
        assertTrue(video.mp4Urls().stream().allMatch(u -> u.startsWith("http://peertube.test/")));
        assertTrue(video.thumbnailUrl().orElseThrow().contains("/thumbnails/"), "the narrower icon is the thumbnail");
    }

    @Test
    void readsAVideoCapturedFromALiveServer() {
        RemoteVideo video = ActivityToRemoteVideo.parse(fixture("/activitypub/lemmy/assets/peertube/objects/video.json"),
                "tilvids.com");
        assertEquals(1145, video.durationSeconds());
        assertEquals(Optional.of(360L), video.views());
        assertEquals("https://tilvids.com/video-channels/thelinuxexperiment_channel", video.channelId());
        assertEquals("https://tilvids.com/videos/watch/e7946124-7b72-4ad7-9d22-844a84bb2de1", video.url());
        assertFalse(video.mp4Urls().isEmpty());
        assertTrue(video.mp4Urls().stream().noneMatch(u -> u.startsWith("magnet:") || u.startsWith("ws")));
    }

    @Test
    void refusesAVideoWhoseIdIsNotOnTheHostItCameFrom() {
        ActivityToRemoteVideo.InvalidVideo refused = assertThrows(ActivityToRemoteVideo.InvalidVideo.class,
                () -> ActivityToRemoteVideo.parse(fixture(ESUP + "peertube_video_second.json"), "evil.example"));
        assertTrue(refused.getMessage().contains("not on evil.example"), refused.getMessage());
    }

    @Test
    void refusesAVideoAttributedToAnActorOfAnotherHostOrWithoutItsChannel() {
        ObjectNode foreignOwner = (ObjectNode) fixture(ESUP + "peertube_video_second.json");
        ((ObjectNode) foreignOwner.path("attributedTo").path(0)).put("id", "http://evil.example/accounts/root");
        assertThrows(ActivityToRemoteVideo.InvalidVideo.class, () -> ActivityToRemoteVideo.parse(foreignOwner, "peertube.test"));

        ObjectNode noChannel = (ObjectNode) fixture(ESUP + "peertube_video_second.json");
        ((ArrayNode) noChannel.path("attributedTo")).remove(1);
        assertThrows(ActivityToRemoteVideo.InvalidVideo.class, () -> ActivityToRemoteVideo.parse(noChannel, "peertube.test"));
    }

    @Test
    void refusesAnIdThatIsNotHttpAndABadUuidNameOrDuration() {
        for (String[] change : new String[][] {{"id", "javascript:alert(1)"}, {"uuid", "not-a-uuid"},
                {"name", "ab"}, {"name", "x".repeat(121)}, {"duration", "31 seconds"}, {"published", "yesterday"},
                {"type", "Note"}}) {
            ObjectNode video = (ObjectNode) fixture(ESUP + "peertube_video_second.json");
            video.put(change[0], change[1]);
            assertThrows(ActivityToRemoteVideo.InvalidVideo.class, () -> ActivityToRemoteVideo.parse(video, "peertube.test"),
                    change[0] + " = " + change[1]);
        }
    }

    @Test
    void dropsUrlsThatAreNotHttpOrTooLongAndCutsALongDescriptionAsPeerTubeDoes() {
        ObjectNode video = (ObjectNode) fixture(ESUP + "peertube_video_second.json");
        ((ObjectNode) video.path("icon").path(0)).put("url", "http://peertube.test/" + "a".repeat(2000));
        ((ObjectNode) video.path("icon").path(1)).put("url", "file:///etc/passwd");
        ((ObjectNode) video.path("url").path(1).path("tag").path(2)).put("href", "ftp://peertube.test/video.mp4");
        video.put("content", "é".repeat(12_000));
        ArrayNode tags = (ArrayNode) video.path("tag");
        tags.addObject().put("type", "Hashtag").put("name", "x");
        tags.addObject().put("type", "Hashtag").put("name", "y".repeat(31));
        RemoteVideo parsed = ActivityToRemoteVideo.parse(video, "peertube.test");
        assertEquals(Optional.empty(), parsed.thumbnailUrl());
        assertEquals(List.of(), parsed.mp4Urls());
        assertEquals(10_000, parsed.metadata().description().length());
        assertEquals(List.of("etiquette1", "etiquette2"), parsed.metadata().tags());
    }

    @Test
    void aVideoNotAddressedToThePublicIsUnlisted() {
        ObjectNode video = (ObjectNode) fixture(ESUP + "peertube_video_second.json");
        video.putArray("to").add("http://peertube.test/accounts/root/followers");
        assertEquals(Video.Privacy.UNLISTED, ActivityToRemoteVideo.parse(video, "peertube.test").metadata().privacy());
    }
}
