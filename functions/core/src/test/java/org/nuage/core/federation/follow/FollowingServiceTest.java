package org.nuage.core.federation.follow;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
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
import org.nuage.core.Refusal;
import org.nuage.core.federation.delivery.Delivery;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.index.InMemoryIndex;
import org.nuage.core.federation.remote.ActorResolver;
import org.nuage.core.federation.remote.RemoteActorCache;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.federation.remote.WebFinger;
import org.nuage.core.json.Json;
import org.nuage.core.net.AddressPolicy;
import org.nuage.core.net.SafeHttp;
import org.nuage.core.net.SafeUrls;
import org.nuage.core.queue.WorkQueue;

/**
 * Following a remote channel: WebFinger and the actor from a server on loopback serving
 * PeerTube's captured channel (Esup-Pod's fixtures, see COPIED.md), the Follow queued for the
 * channel's inbox, and PeerTube's real Accept matched to our Follow by its id.
 */
class FollowingServiceTest {

    private static final String US = "https://nuage.example";

    private final InMemoryIndex memory = new InMemoryIndex();
    private final Map<String, Subscription> stored = memory.follows;
    private final List<String> queued = new CopyOnWriteArrayList<>();
    private final List<Subscription> backfilled = new CopyOnWriteArrayList<>();
    private HttpServer peer;
    private String peerHost;
    private FollowingService following;

    private static String fixture(String path) {
        try (InputStream in = FollowingServiceTest.class.getResourceAsStream("/activitypub/esup-pod/fixtures/" + path)) {
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeEach
    void start() throws IOException {
        peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        peerHost = "127.0.0.1:" + peer.getAddress().getPort();
        String channel = fixture("channel.json").replace("http://peertube.test", "http://" + peerHost);
        Map<String, String> served = Map.of(
                "/.well-known/webfinger?resource=acct%3Aroot_channel%40" + peerHost.replace(":", "%3A"),
                Json.write(Map.of("subject", "acct:root_channel@" + peerHost, "links", List.of(Map.of("rel", "self",
                        "type", "application/activity+json", "href", "http://" + peerHost + "/video-channels/root_channel")))),
                "/video-channels/root_channel", channel);
        peer.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String body = served.get(exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.getBytes(UTF_8).length);
                exchange.getResponseBody().write(body.getBytes(UTF_8));
            }
            exchange.close();
        });
        peer.start();
        SafeHttp http = new SafeHttp(new SafeUrls(new AddressPolicy(true), SafeUrls.SYSTEM_DNS), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 1024 * 1024, "Nuage-test");
        Map<String, RemoteActorCache.Cached> cache = new ConcurrentHashMap<>();
        RemoteActors remote = new RemoteActors(http, target -> Map.of(), new RemoteActorCache() {
            @Override
            public Optional<Cached> find(String actorId) {
                return Optional.ofNullable(cache.get(actorId));
            }

            @Override
            public void save(org.nuage.core.federation.remote.RemoteActor actor, Instant fetchedAt) {
                cache.put(actor.id(), new Cached(actor, fetchedAt));
            }
        }, Clock.systemUTC());
        WorkQueue queue = (name, body) -> queued.add(name + " " + body);
        // send() only queues: the key is read, the breaker asked and the request signed by deliver(), which these tests do not run.
        OutboundService outbound = new OutboundService(queue, null, http, null, Clock.systemUTC());
        following = new FollowingService(memory.subscriptions(), new ActorResolver(new WebFinger(http, "http"), remote), outbound,
                US, backfilled::add, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        peer.stop(0);
    }

    private Delivery onlyDelivery() {
        assertEquals(1, queued.size(), queued.toString());
        assertTrue(queued.getFirst().startsWith("OUTBOUND "));
        return Json.read(queued.getFirst().substring("OUTBOUND ".length()), Delivery.class);
    }

    @Test
    void aSubscriptionIsPendingAndItsFollowQueuedForTheChannelsOwnInbox() {
        Subscription s = following.subscribe("alice", "root_channel@" + peerHost);
        String channel = "http://" + peerHost + "/video-channels/root_channel";
        assertEquals(Subscription.State.PENDING, s.state());
        assertEquals(channel, s.target());
        Delivery delivery = onlyDelivery();
        assertEquals(US + "/accounts/alice", delivery.signer());
        assertEquals(channel + "/inbox", delivery.inbox());
        JsonNode follow = Json.tree(delivery.activity());
        assertEquals("Follow", follow.path("type").asText());
        assertEquals(US + "/accounts/alice", follow.path("actor").asText());
        assertEquals(channel, follow.path("object").asText());
        assertEquals(s.followId(), follow.path("id").asText());
        assertFalse(delivery.activity().contains("PRIVATE KEY"), "the key never enters a message");
        assertEquals(Map.of("root_channel@" + peerHost, true, "other@" + peerHost, false),
                following.exist("alice", List.of("root_channel@" + peerHost, "other@" + peerHost)));
    }

    @Test
    void onlyTheFollowedActorsAcceptAcceptsAndARejectRemoves() {
        Subscription s = following.subscribe("alice", "root_channel@" + peerHost);
        JsonNode accept = Json.tree("{\"type\":\"Accept\",\"id\":\"x\",\"object\":{\"type\":\"Follow\",\"id\":\"" + s.followId() + "\"}}");
        assertFalse(following.answered("http://" + peerHost + "/accounts/mallory", accept, true));
        assertEquals(Subscription.State.PENDING, stored.get(s.followId()).state());
        assertTrue(following.answered(s.target(), accept, true));
        assertEquals(Subscription.State.ACCEPTED, stored.get(s.followId()).state());
        assertEquals(List.of(), backfilled, "an account's follow starts no backfill");

        assertTrue(following.answered(s.target(), accept, false));
        assertTrue(stored.isEmpty());
    }

    @Test
    void peerTubesRealAcceptOfAnInstanceFollowIsMatchedByTheFollowIdAndStartsTheBackfill() {
        JsonNode accept = Json.tree(fixture("accept.json"));
        String followId = accept.path("object").path("id").asText();
        stored.put(followId, new Subscription(following.instanceActor(), "http://peertube.test/accounts/peertube",
                "peertube@peertube.test", "http://peertube.test/accounts/peertube/inbox", followId,
                Subscription.State.PENDING, Instant.EPOCH));
        assertTrue(following.answered(accept.path("actor").asText(), accept, true));
        assertEquals(Subscription.State.ACCEPTED, stored.get(followId).state());
        assertEquals(1, backfilled.size());
    }

    @Test
    void unsubscribingSendsAnUndoOfTheFollowAndForgetsIt() {
        Subscription s = following.subscribe("alice", "root_channel@" + peerHost);
        queued.clear();
        following.unsubscribe("alice", "root_channel@" + peerHost);
        JsonNode undo = Json.tree(onlyDelivery().activity());
        assertEquals("Undo", undo.path("type").asText());
        assertEquals(s.followId(), undo.path("object").path("id").asText());
        assertTrue(stored.isEmpty());
        assertEquals(404, assertThrows(Refusal.class, () -> following.unsubscribe("alice", "root_channel@" + peerHost)).status());
    }

    @Test
    void aBadOrUnknownHandleIsRefusedWithItsReason() {
        assertEquals(400, assertThrows(Refusal.class, () -> following.subscribe("alice", "no handle")).status());
        Refusal unknown = assertThrows(Refusal.class, () -> following.subscribe("alice", "nobody@" + peerHost));
        assertEquals(400, unknown.status());
        assertTrue(unknown.getMessage().contains("404"), unknown.getMessage());
        assertTrue(queued.isEmpty() && stored.isEmpty());
    }
}
