package org.nuage.core.federation.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nuage.core.federation.actor.ActorKeyring;
import org.nuage.core.federation.signature.LdSignature;
import org.nuage.core.federation.signature.ReadmeAlgorithm;
import org.nuage.core.federation.signature.RequestSigner;
import org.nuage.core.federation.signature.RsaKeys;
import org.nuage.core.json.Json;
import org.nuage.core.net.AddressPolicy;
import org.nuage.core.net.SafeHttp;
import org.nuage.core.net.SafeUrls;
import org.nuage.core.queue.WorkQueue;
import org.nuage.core.time.TestClock;

/**
 * The activities we originate leave LD-signed by their actor, the key read from the table when
 * they are sent; what we forward for others leaves with its bytes unchanged. The POSTs go to an
 * inbox on loopback, which keeps what it received.
 */
class OutboundLdSigningTest {

    private static final String ALICE = "https://nuage.example/accounts/alice";
    private static final String INSTANCE = "https://nuage.example/accounts/peertube";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final List<String> queued = new ArrayList<>();
    private final List<byte[]> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final MemoryActorKeys keys = new MemoryActorKeys();
    private HttpServer peer;
    private String base;
    private OutboundService outbound;

    @BeforeEach
    void start() throws Exception {
        peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        peer.createContext("/", exchange -> {
            received.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        peer.start();
        base = "http://127.0.0.1:" + peer.getAddress().getPort();
        WorkQueue queue = new WorkQueue() {
            @Override
            public void send(Name name, String body) {
                queued.add(body);
            }

            @Override
            public void send(Name name, String body, int delaySeconds) {
                queued.add(body);
            }
        };
        SafeHttp http = new SafeHttp(new SafeUrls(new AddressPolicy(true), SafeUrls.SYSTEM_DNS), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 1024, "test");
        outbound = new OutboundService(queue, new ActorKeyring(keys, new RequestSigner(clock)), http,
                new DomainBreaker(new MemoryBreakerStates(), BreakerPolicy.DEFAULT, clock), clock);
    }

    @AfterEach
    void stop() {
        peer.stop(0);
    }

    private void deliverAll() {
        List<String> messages = new ArrayList<>(queued);
        queued.clear();
        messages.forEach(m -> outbound.deliver(Json.read(m, Delivery.class)));
    }

    private Map<String, Object> createNote() {
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("@context", "https://www.w3.org/ns/activitystreams");
        create.put("id", "https://nuage.example/videos/watch/u/comments/7/activity");
        create.put("type", "Create");
        create.put("actor", ALICE);
        create.put("object", Map.of("id", "https://nuage.example/videos/watch/u/comments/7", "type", "Note",
                "attributedTo", ALICE, "inReplyTo", "https://peertube.example/videos/watch/v", "content", "<p>Merci</p>"));
        create.put("to", List.of("https://www.w3.org/ns/activitystreams#Public"));
        return create;
    }

    private PublicKey publicKeyOf(String actor) {
        return RsaKeys.readPublicKey(keys.pairs.get(actor).publicKeyPem());
    }

    @Test
    void ourCreateOfANoteIsSentSignedByItsActorAndVerifiesTwoWays() throws Exception {
        outbound.send(ALICE, createNote(), List.of(base + "/a/inbox", base + "/b/inbox"));
        assertFalse(queued.get(0).contains("signature"), "the queue message carries the activity, not a signature");
        deliverAll();

        assertEquals(2, received.size());
        JsonNode first = Json.tree(received.get(0));
        assertEquals(ALICE + "#main-key", first.at("/signature/creator").asText());
        assertEquals("RsaSignature2017", first.at("/signature/type").asText());
        assertDoesNotThrow(() -> new LdSignature().verify(first, ALICE, publicKeyOf(ALICE)));
        assertTrue(ReadmeAlgorithm.verifies(new String(received.get(0), StandardCharsets.UTF_8), publicKeyOf(ALICE)));
        // Signed once, sent to each inbox as PeerTube's broadcast does.
        assertArrayEquals(received.get(0), received.get(1));
    }

    @Test
    void ourAcceptEmbeddingAFedifyFollowIsSentLdSigned() throws Exception {
        // Fedify's Follow names the data-integrity, DID and Multikey contexts; embedded as received,
        // as FollowerApproval does, the Accept must still be signed.
        JsonNode follow;
        try (var in = getClass().getResourceAsStream("/activitypub/fedify/follow.json")) {
            follow = Json.tree(in.readAllBytes());
        }
        Map<String, Object> accept = new LinkedHashMap<>();
        accept.put("@context", "https://www.w3.org/ns/activitystreams");
        accept.put("id", ALICE + "/accepts/1");
        accept.put("type", "Accept");
        accept.put("actor", ALICE);
        accept.put("object", Json.MAPPER.convertValue(follow, Map.class));
        outbound.send(ALICE, accept, List.of(base + "/inbox"));
        deliverAll();

        JsonNode sent = Json.tree(received.get(0));
        assertEquals("RsaSignature2017", sent.at("/signature/type").asText(), sent.toString());
        assertDoesNotThrow(() -> new LdSignature().verify(sent, ALICE, publicKeyOf(ALICE)));
        assertEquals(follow, sent.get("object"), "the Follow embedded as Fedify sent it");
    }

    @Test
    void anotherActorsActivityThatWeForwardKeepsItsBytes() {
        String theirs = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"https://mastodon.example/1/activity\","
                + "\"type\":\"Create\",\"actor\":\"https://mastodon.example/users/zoe\",\"object\":{\"type\":\"Note\"}}";
        outbound.forward(INSTANCE, theirs, List.of(base + "/inbox"));
        deliverAll();
        assertEquals(theirs, new String(received.get(0), StandardCharsets.UTF_8));
    }

    @Test
    void anActivityNamingAContextWeDoNotHoldIsSentUnsigned() {
        Map<String, Object> create = createNote();
        create.put("@context", List.of("https://www.w3.org/ns/activitystreams", "https://example.org/unknown-context"));
        outbound.send(ALICE, create, List.of(base + "/inbox"));
        String sent = Json.read(queued.get(0), Delivery.class).activity();
        deliverAll();
        assertEquals(sent, new String(received.get(0), StandardCharsets.UTF_8));
    }
}
