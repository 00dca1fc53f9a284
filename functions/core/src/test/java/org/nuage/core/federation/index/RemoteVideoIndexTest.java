package org.nuage.core.federation.index;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nuage.core.federation.follow.Subscription;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.federation.remote.RemoteObjects;
import org.nuage.core.json.Json;
import org.nuage.core.net.AddressPolicy;
import org.nuage.core.net.SafeHttp;
import org.nuage.core.net.SafeUrls;

/**
 * The index's rules with PeerTube's real activities (Esup-Pod's captures of a PeerTube server,
 * see COPIED.md): who may create, update and delete a video, and what a follow lets in. Fetches
 * go to a server on loopback that serves the same captures under its own address.
 */
class RemoteVideoIndexTest {

    private static final String ESUP = ActivityToRemoteVideoTest.ESUP;
    private static final String US = "https://nuage.example";
    private static final String INSTANCE = US + "/accounts/peertube";
    private static final String ROOT = "http://peertube.test/accounts/root";
    private static final String CHANNEL = "http://peertube.test/video-channels/root_channel";
    private static final String VIDEO = "http://peertube.test/videos/watch/717c9d87-c912-4943-a392-49fadf2f235d";

    private final InMemoryIndex memory = new InMemoryIndex();
    private final Map<String, String> served = new ConcurrentHashMap<>();
    private final List<String> fetches = new CopyOnWriteArrayList<>();
    private HttpServer peer;
    private String peerBase;
    private RemoteObjects objects;
    private RemoteVideoIndex index;

    @BeforeEach
    void start() throws IOException {
        peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        peer.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String path = exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
            fetches.add(path + " signed:" + exchange.getRequestHeaders().getFirst("Signature"));
            String body = served.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] bytes = body.getBytes(UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        peer.start();
        peerBase = "http://127.0.0.1:" + peer.getAddress().getPort();
        SafeHttp http = new SafeHttp(new SafeUrls(new AddressPolicy(true), SafeUrls.SYSTEM_DNS), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 1024 * 1024, "Nuage-test");
        objects = new RemoteObjects(http, target -> Map.of("Signature", "by-instance"));
        index = new RemoteVideoIndex(memory.videos(), memory.subscriptions(), objects, INSTANCE, US);
    }

    @AfterEach
    void stop() {
        peer.stop(0);
    }

    private void follow(String follower, String target) {
        memory.subscriptions().save(new Subscription(follower, target, "x@" + Subscription.hostOf(target), target + "/inbox",
                follower + "/follows/" + target.hashCode(), Subscription.State.ACCEPTED, Instant.EPOCH));
    }

    /** A fixture with the captured server's address replaced by the loopback peer's. */
    private JsonNode onPeer(String fixture) {
        return Json.tree(Json.write(ActivityToRemoteVideoTest.fixture(fixture)).replace("http://peertube.test", peerBase));
    }

    private static JsonNode create(String actor, JsonNode video) {
        ObjectNode create = Json.MAPPER.createObjectNode();
        create.put("type", "Create").put("id", video.path("id").asText() + "/activity").put("actor", actor);
        create.set("object", video);
        return create;
    }

    @Test
    void aVideoOfAnActorNobodyHereFollowsIsNotIndexed() {
        assertFalse(index.createdOrUpdated(ROOT, ActivityToRemoteVideoTest.fixture(ESUP + "video_update.json")));
        assertTrue(memory.videos.isEmpty());
    }

    @Test
    void theOwnersUpdatesAreIndexedAndALateOlderUpdateChangesNothing() {
        follow(US + "/accounts/alice", CHANNEL);
        assertTrue(index.createdOrUpdated(ROOT, ActivityToRemoteVideoTest.fixture(ESUP + "video_update.json")));
        assertEquals("terre", memory.videos.get(VIDEO).metadata().name());

        assertTrue(index.createdOrUpdated(ROOT, create(ROOT, ActivityToRemoteVideoTest.fixture(ESUP + "peertube_video.json"))));
        assertEquals("Titre de la vidéo", memory.videos.get(VIDEO).metadata().name());

        // video_update.json was edited in May, the stored copy in June: a redelivery must not undo June.
        assertFalse(index.createdOrUpdated(ROOT, ActivityToRemoteVideoTest.fixture(ESUP + "video_update.json")));
        assertEquals("Titre de la vidéo", memory.videos.get(VIDEO).metadata().name());
    }

    @Test
    void aViewsUpdateWithTheSameUpdatedDateRefreshesTheViews() {
        // PeerTube's views buffer sends the video again with its new views, its updated date unchanged.
        follow(US + "/accounts/alice", CHANNEL);
        ObjectNode update = (ObjectNode) ActivityToRemoteVideoTest.fixture(ESUP + "video_update.json");
        assertTrue(index.createdOrUpdated(ROOT, update));
        long before = memory.videos.get(VIDEO).views().orElse(0L);

        ((ObjectNode) update.path("object")).put("views", before + 41);
        update.put("id", update.path("id").asText() + "-views");
        assertTrue(index.createdOrUpdated(ROOT, update));
        assertEquals(Optional.of(before + 41), memory.videos.get(VIDEO).views());
    }

    @Test
    void anUpdateByAnActorWhoDoesNotOwnTheVideoIsRefused() {
        follow(US + "/accounts/alice", CHANNEL);
        index.createdOrUpdated(ROOT, create(ROOT, ActivityToRemoteVideoTest.fixture(ESUP + "peertube_video.json")));
        JsonNode notOwner = ActivityToRemoteVideoTest.fixture(ESUP + "video_update_not_owner.json");
        assertFalse(index.createdOrUpdated(notOwner.path("actor").asText(), notOwner));

        // The same actor on the video's own host, but not its account or channel.
        assertFalse(index.createdOrUpdated("http://peertube.test/accounts/mallory",
                ActivityToRemoteVideoTest.fixture(ESUP + "video_update.json")));
        assertEquals("Titre de la vidéo", memory.videos.get(VIDEO).metadata().name());
    }

    @Test
    void aDeleteRemovesTheVideoOnlyWhenItsActorOwnsIt() {
        follow(US + "/accounts/alice", CHANNEL);
        index.createdOrUpdated(ROOT, create(ROOT, ActivityToRemoteVideoTest.fixture(ESUP + "peertube_video.json")));
        JsonNode notOwner = ActivityToRemoteVideoTest.fixture(ESUP + "video_delete_not_owner.json");
        assertFalse(index.deleted(notOwner.path("actor").asText(), notOwner));
        assertTrue(memory.videos.containsKey(VIDEO));

        assertTrue(index.deleted(ROOT, ActivityToRemoteVideoTest.fixture(ESUP + "video_delete.json")));
        assertFalse(memory.videos.containsKey(VIDEO));
    }

    @Test
    void aChannelsAnnounceIsFetchedFromTheVideosOriginWithASignedGet() {
        follow(US + "/accounts/alice", peerBase + "/video-channels/root_channel");
        String path = "/videos/watch/717c9d87-c912-4943-a392-49fadf2f235d";
        served.put(path, Json.write(onPeer(ESUP + "peertube_video.json")));
        JsonNode announce = onPeer(ESUP + "video_creation_channel_announce.json");

        assertTrue(index.announced(announce.path("actor").asText(), announce));
        assertEquals("Titre de la vidéo", memory.videos.get(peerBase + path).metadata().name());
        assertEquals(List.of(path + " signed:by-instance"), fetches);
    }

    @Test
    void anAnnounceBySomeoneNobodyFollowsFetchesNothing() {
        JsonNode announce = onPeer(ESUP + "video_creation_channel_announce.json");
        assertFalse(index.announced(announce.path("actor").asText(), announce));
        assertEquals(List.of(), fetches);
    }

    @Test
    void anInstanceFollowLetsInEveryVideoOfThatServerButNoOther() {
        follow(INSTANCE, "http://peertube.test/accounts/peertube");
        assertTrue(index.createdOrUpdated(ROOT, ActivityToRemoteVideoTest.fixture(ESUP + "video_update.json")));

        JsonNode elsewhere = Json.tree(Json.write(ActivityToRemoteVideoTest.fixture(ESUP + "peertube_video_second.json"))
                .replace("http://peertube.test", "http://other.example"));
        assertFalse(index.createdOrUpdated("http://other.example/accounts/root", create("http://other.example/accounts/root",
                elsewhere)));
    }

    @Test
    void aSearchedUrlIsFetchedAndIndexedWithoutAFollowButOurOwnUrlsAreNot() {
        String path = "/videos/watch/0e04770d-2da5-4ec8-905c-6c8e56e51dbc";
        served.put(path, Json.write(onPeer(ESUP + "peertube_video_second.json")));
        RemoteVideo found = index.lookUp(peerBase + path);
        assertEquals(peerBase + path, found.id());
        assertTrue(memory.videos.containsKey(found.id()));

        assertThrows(ActivityToRemoteVideo.InvalidVideo.class, () -> index.lookUp(US + "/videos/watch/x"));
        assertThrows(RemoteActors.Unavailable.class, () -> index.lookUp(peerBase + "/videos/watch/missing"));
    }

    @Test
    void aServersOutboxIsCrawledForItsVideosAfterOurInstanceFollowIsAccepted() {
        String actor = peerBase + "/accounts/peertube";
        follow(INSTANCE, actor);
        served.put("/accounts/peertube", Json.write(onPeer(ESUP + "application_actor.json")));
        served.put("/accounts/peertube/outbox", Json.write(onPeer(ESUP + "outbox.json")));
        served.put("/accounts/peertube/outbox?page=1", Json.write(onPeer(ESUP + "outbox-page-1.json")));
        served.put("/videos/watch/717c9d87-c912-4943-a392-49fadf2f235d", Json.write(onPeer(ESUP + "peertube_video.json")));

        int indexed = new OutboxBackfill(objects, index, 100, Clock.systemUTC()).crawl(actor);
        assertEquals(1, indexed);
        assertTrue(memory.videos.containsKey(peerBase + "/videos/watch/717c9d87-c912-4943-a392-49fadf2f235d"));
        assertEquals(0, new OutboxBackfill(objects, index, 0, Clock.systemUTC()).crawl(actor), "the item cap holds");
    }
}
