package org.nuage.core.federation.remote;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nuage.core.json.Json;
import org.nuage.core.net.AddressPolicy;
import org.nuage.core.net.SafeHttp;
import org.nuage.core.net.SafeUrls;

/**
 * Fetching actors from a peer on loopback that serves a real PeerTube account, moved to its own
 * address. No cache here: every lookup fetches, which is what these tests count.
 */
class RemoteActorsTest {

    private static final RemoteActorCache NO_CACHE = new RemoteActorCache() {
        @Override
        public Optional<Cached> find(String actorId) {
            return Optional.empty();
        }

        @Override
        public void save(RemoteActor actor, java.time.Instant fetchedAt) {
        }
    };

    private HttpServer peer;
    private String base;
    private final List<com.sun.net.httpserver.Headers> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startPeer() throws Exception {
        peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        base = "http://localhost:" + peer.getAddress().getPort();
        String person = RemoteActorTest.resource("lemmy/assets/peertube/objects/person.json")
                .replace("https://tilvids.com", base);
        peer.createContext("/accounts/thelinuxexperiment", exchange -> {
            requests.add(exchange.getRequestHeaders());
            byte[] body = person.getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/activity+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        peer.createContext("/accounts/impostor", exchange -> {
            ObjectNode other = (ObjectNode) Json.tree(person);
            byte[] body = Json.write(other).getBytes(UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        peer.createContext("/accounts/html", exchange -> {
            byte[] body = "<html>not json</html>".getBytes(UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        peer.start();
    }

    @AfterEach
    void stopPeer() {
        peer.stop(0);
    }

    private RemoteActors actors(boolean allowLoopback) {
        SafeHttp http = new SafeHttp(new SafeUrls(new AddressPolicy(allowLoopback), SafeUrls.SYSTEM_DNS),
                Duration.ofSeconds(5), Duration.ofSeconds(10), 1024 * 1024, "Nuage-test");
        return new RemoteActors(http, target -> Map.of("Signature", "signed-for " + target.getPath()), NO_CACHE,
                Clock.systemUTC());
    }

    @Test
    void anActorIsFetchedWithASignedGetAskingForActivityJson() {
        RemoteActor actor = actors(true).get(base + "/accounts/thelinuxexperiment");
        assertEquals(base + "/accounts/thelinuxexperiment/inbox", actor.inbox());
        assertEquals(1, requests.size());
        assertTrue(requests.getFirst().getFirst("Accept").startsWith("application/activity+json"));
        assertEquals("signed-for /accounts/thelinuxexperiment", requests.getFirst().getFirst("Signature"));
    }

    @Test
    void aKeyIdLeadsToItsOwner() {
        RemoteActor owner = actors(true).byKeyId(base + "/accounts/thelinuxexperiment#main-key");
        assertEquals(base + "/accounts/thelinuxexperiment", owner.id());
        assertThrows(RemoteActors.Unavailable.class,
                () -> actors(true).byKeyId(base + "/accounts/thelinuxexperiment#other-key"));
    }

    @Test
    void aDocumentThatIsAnotherActorOrNotJsonOrMissingIsUnavailable() {
        RemoteActors actors = actors(true);
        RemoteActors.Unavailable impostor = assertThrows(RemoteActors.Unavailable.class,
                () -> actors.get(base + "/accounts/impostor"));
        assertTrue(impostor.getMessage().contains("is the actor"), impostor.getMessage());
        assertThrows(RemoteActors.Unavailable.class, () -> actors.get(base + "/accounts/html"));
        RemoteActors.Unavailable missing = assertThrows(RemoteActors.Unavailable.class,
                () -> actors.get(base + "/accounts/nobody"));
        assertTrue(missing.getMessage().contains("404"), missing.getMessage());
    }

    @Test
    void loopbackAndTheMetadataServiceAreNeverFetchedInProduction() {
        RemoteActors.Unavailable refused = assertThrows(RemoteActors.Unavailable.class,
                () -> actors(false).get(base + "/accounts/thelinuxexperiment"));
        assertTrue(refused.getMessage().contains("loopback"), refused.getMessage());
        assertThrows(RemoteActors.Unavailable.class,
                () -> actors(true).get("http://169.254.169.254/latest/meta-data/iam"));
        assertEquals(0, requests.size());
    }
}
