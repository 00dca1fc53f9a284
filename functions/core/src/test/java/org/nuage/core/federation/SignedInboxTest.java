package org.nuage.core.federation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nuage.core.federation.actor.ActorKeyPair;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.core.federation.remote.RemoteActorCache;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.federation.signature.HttpMessage;
import org.nuage.core.federation.signature.LdSignature;
import org.nuage.core.federation.signature.RequestSigner;
import org.nuage.core.federation.signature.RsaKeys;
import org.nuage.core.federation.signature.SignatureVerifier;
import org.nuage.core.federation.signature.SigningKey;
import org.nuage.core.json.Json;
import org.nuage.core.net.AddressPolicy;
import org.nuage.core.net.SafeHttp;
import org.nuage.core.net.SafeUrls;

/**
 * The inbox's signature check against a peer on loopback that serves two actors, each with its own
 * key: a request must be signed, fresh, unaltered, and by the activity's own actor.
 */
class SignedInboxTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    /** No cache: every check fetches the key, which is what the peer serves. */
    static final RemoteActorCache NO_CACHE = new RemoteActorCache() {
        @Override
        public Optional<Cached> find(String actorId) {
            return Optional.empty();
        }

        @Override
        public void save(RemoteActor actor, Instant fetchedAt) {
        }
    };

    static InboxAuthenticator authenticator(boolean allowLoopback, Clock clock) {
        SafeHttp http = new SafeHttp(new SafeUrls(new AddressPolicy(allowLoopback), SafeUrls.SYSTEM_DNS),
                Duration.ofSeconds(5), Duration.ofSeconds(10), 1024 * 1024, "Nuage-test");
        return new InboxAuthenticator(new SignatureVerifier(clock), new RemoteActors(http, u -> Map.of(), NO_CACHE, clock),
                "https");
    }

    private HttpServer peer;
    private String base;
    private final ActorKeyPair aliceKeys = ActorKeyPair.generate();
    private final ActorKeyPair malloryKeys = ActorKeyPair.generate();

    @BeforeEach
    void startPeer() throws Exception {
        peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        base = "http://localhost:" + peer.getAddress().getPort();
        serveActor("alice", aliceKeys);
        serveActor("mallory", malloryKeys);
        peer.start();
    }

    private void serveActor(String name, ActorKeyPair keys) {
        String id = base + "/users/" + name;
        byte[] body = Json.write(Map.of("@context", List.of("https://www.w3.org/ns/activitystreams"), "id", id,
                "type", "Person", "preferredUsername", name, "inbox", id + "/inbox",
                "publicKey", Map.of("id", id + "#main-key", "owner", id, "publicKeyPem", keys.publicKeyPem())))
                .getBytes(UTF_8);
        peer.createContext("/users/" + name, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/activity+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    @AfterEach
    void stopPeer() {
        peer.stop(0);
    }

    private String follow(String actor) {
        return Json.write(Map.of("@context", "https://www.w3.org/ns/activitystreams", "id", base + "/follows/1",
                "type", "Follow", "actor", actor, "object", "https://nuage.example/accounts/bob"));
    }

    /** A POST to our shared inbox as the peer signs it, with {@code body} sent (maybe not the signed one). */
    private InboxRequest signed(String keyId, ActorKeyPair keys, String signedBody, String sentBody, Clock signedAt) {
        return signedTo("/inbox", keyId, keys, signedBody, sentBody, signedAt);
    }

    private InboxRequest signedTo(String path, String keyId, ActorKeyPair keys, String signedBody, String sentBody,
            Clock signedAt) {
        HttpMessage message = new HttpMessage("POST", URI.create("https://nuage.example" + path),
                Map.of("content-type", "application/activity+json"), signedBody.getBytes(UTF_8));
        Map<String, String> headers = new HashMap<>(new RequestSigner(signedAt).signDraftCavage(message,
                new SigningKey(keyId, RsaKeys.readPrivateKey(keys.privateKeyPem()))));
        headers.put("host", "nuage.example");
        headers.put("content-type", "application/activity+json");
        Map<String, String> lower = new HashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return new InboxRequest("POST", path, lower, sentBody.getBytes(UTF_8));
    }

    @Test
    void aRequestSignedByTheActivitysActorIsAuthenticated() {
        String alice = base + "/users/alice";
        String body = follow(alice);
        RemoteActor sender = authenticator(true, CLOCK).authenticate(
                signed(alice + "#main-key", aliceKeys, body, body, CLOCK), Json.tree(body));
        assertEquals(alice, sender.id());
    }

    @Test
    void aRequestSignedBySomeoneElseIsForbidden() {
        String alice = base + "/users/alice";
        String body = follow(alice);
        org.nuage.core.Refusal refused = assertThrows(org.nuage.core.Refusal.class, () -> authenticator(true, CLOCK)
                .authenticate(signed(base + "/users/mallory#main-key", malloryKeys, body, body, CLOCK), Json.tree(body)));
        assertEquals(403, refused.status());
        assertTrue(refused.getMessage().contains("signed by " + base + "/users/mallory"), refused.getMessage());
    }

    @Test
    void forgedAlteredStaleOrUnfetchableSignaturesAreRefused() {
        String alice = base + "/users/alice";
        String body = follow(alice);
        Map<String, InboxRequest> cases = new java.util.LinkedHashMap<>();
        cases.put("signed with mallory's key under alice's name",
                signed(alice + "#main-key", malloryKeys, body, body, CLOCK));
        cases.put("body changed after signing",
                signed(alice + "#main-key", aliceKeys, body, body.replace("bob", "eve"), CLOCK));
        cases.put("signed 13 hours ago",
                signed(alice + "#main-key", aliceKeys, body, body, Clock.offset(CLOCK, Duration.ofHours(-13))));
        cases.put("signed 13 hours ahead",
                signed(alice + "#main-key", aliceKeys, body, body, Clock.offset(CLOCK, Duration.ofHours(13))));
        cases.put("key the peer does not have", signed(base + "/users/nobody#main-key", aliceKeys, body, body, CLOCK));
        cases.put("key at the metadata service",
                signed("http://169.254.169.254/latest/meta-data#main-key", aliceKeys, body, body, CLOCK));
        cases.put("key id that is not a URL", signed("not a url at all", aliceKeys, body, body, CLOCK));
        for (Map.Entry<String, InboxRequest> c : cases.entrySet()) {
            org.nuage.core.Refusal refused = assertThrows(org.nuage.core.Refusal.class,
                    () -> authenticator(true, CLOCK).authenticate(c.getValue(), Json.tree(body)), c.getKey());
            assertEquals(401, refused.status(), c.getKey() + ": " + refused.getMessage());
        }
        org.nuage.core.Refusal loopback = assertThrows(org.nuage.core.Refusal.class, () -> authenticator(false, CLOCK)
                .authenticate(signed(alice + "#main-key", aliceKeys, body, body, CLOCK), Json.tree(body)));
        assertEquals(401, loopback.status());
        assertTrue(loopback.getMessage().contains("loopback"), loopback.getMessage());
    }

    /** A cache that only records what it is asked to keep. */
    private static final class RecordingCache implements RemoteActorCache {
        final List<String> saved = new java.util.ArrayList<>();

        @Override
        public Optional<Cached> find(String actorId) {
            return Optional.empty();
        }

        @Override
        public void save(RemoteActor actor, Instant fetchedAt) {
            saved.add(actor.id());
        }
    }

    private static InboxAuthenticator authenticator(RemoteActorCache cache) {
        SafeHttp http = new SafeHttp(new SafeUrls(new AddressPolicy(true), SafeUrls.SYSTEM_DNS),
                Duration.ofSeconds(5), Duration.ofSeconds(10), 1024 * 1024, "Nuage-test");
        return new InboxAuthenticator(new SignatureVerifier(CLOCK), new RemoteActors(http, u -> Map.of(), cache, CLOCK),
                "https");
    }

    @Test
    void aKeyFetchedForARefusedRequestIsNotCachedAndOneThatAuthenticatesIs() {
        String alice = base + "/users/alice";
        String body = follow(alice);
        RecordingCache cache = new RecordingCache();
        InboxAuthenticator authenticator = authenticator(cache);
        assertEquals(401, assertThrows(org.nuage.core.Refusal.class, () -> authenticator.authenticate(
                signed(alice + "#main-key", malloryKeys, body, body, CLOCK), Json.tree(body))).status());
        assertEquals(403, assertThrows(org.nuage.core.Refusal.class, () -> authenticator.authenticate(
                signed(base + "/users/mallory#main-key", malloryKeys, body, body, CLOCK), Json.tree(body))).status());
        assertEquals(List.of(), cache.saved, "refused requests cached no key");
        authenticator.authenticate(signed(alice + "#main-key", aliceKeys, body, body, CLOCK), Json.tree(body));
        assertEquals(List.of(alice), cache.saved);
    }

    /** {@code body} with an RsaSignature2017 made with {@code keys} under {@code creator}. */
    private static String ldSigned(String body, String creator, ActorKeyPair keys) {
        return Json.write(new LdSignature().sign(Json.tree(body), new SigningKey(creator,
                RsaKeys.readPrivateKey(keys.privateKeyPem())), CLOCK.instant()));
    }

    @Test
    void anActivityForwardedWithItsActorsLdSignatureIsTakenAsTheActors() {
        String alice = base + "/users/alice";
        String mallory = base + "/users/mallory";
        RecordingCache cache = new RecordingCache();
        // Mastodon's creator names the key, PeerTube's the actor: both are the actor's.
        for (String creator : List.of(alice + "#main-key", alice)) {
            String body = ldSigned(follow(alice), creator, aliceKeys);
            RemoteActor author = authenticator(cache).authenticate(
                    signed(mallory + "#main-key", malloryKeys, body, body, CLOCK), Json.tree(body));
            assertEquals(alice, author.id(), creator);
        }
        assertEquals(List.of(mallory, alice, mallory, alice), cache.saved, "the forwarder's key and the author's are cached");
    }

    @Test
    void aForwardedActivityNamingFedifysContextsIsTakenAsItsActors() {
        // Fedify's @context, as its Follow carries it (test resources, activitypub/fedify/follow.json).
        String alice = base + "/users/alice";
        com.fasterxml.jackson.databind.node.ObjectNode follow = (com.fasterxml.jackson.databind.node.ObjectNode) Json.tree(follow(alice));
        follow.set("@context", Json.MAPPER.valueToTree(List.of("https://w3id.org/identity/v1",
                "https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1",
                "https://w3id.org/security/data-integrity/v1", "https://www.w3.org/ns/did/v1",
                "https://w3id.org/security/multikey/v1")));
        String body = ldSigned(Json.write(follow), alice + "#main-key", aliceKeys);
        String mallory = base + "/users/mallory";
        RemoteActor author = authenticator(new RecordingCache()).authenticate(
                signed(mallory + "#main-key", malloryKeys, body, body, CLOCK), Json.tree(body));
        assertEquals(alice, author.id());
    }

    @Test
    void aForwardedActivityWithoutAValidLdSignatureOfItsActorIsForbiddenAndCachesNothing() {
        String alice = base + "/users/alice";
        String mallory = base + "/users/mallory";
        String signedByAlice = ldSigned(follow(alice), alice + "#main-key", aliceKeys);
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("carries no LD signature", follow(alice));
        bodies.put("was made by " + mallory + "#main-key, not by that actor",
                ldSigned(follow(alice), mallory + "#main-key", malloryKeys));
        bodies.put("does not verify", ldSigned(follow(alice), alice + "#main-key", malloryKeys));
        bodies.put("does not verify: the activity was changed after it was signed",
                signedByAlice.replace("accounts/bob", "accounts/eve"));
        bodies.put("is of type 'RsaSignature2018'", signedByAlice.replace("RsaSignature2017", "RsaSignature2018"));
        bodies.put("cannot be had", ldSigned(follow(alice), alice + "#other-key", aliceKeys));
        RecordingCache cache = new RecordingCache();
        for (Map.Entry<String, String> c : bodies.entrySet()) {
            String body = c.getValue();
            org.nuage.core.Refusal refused = assertThrows(org.nuage.core.Refusal.class, () -> authenticator(cache)
                    .authenticate(signed(mallory + "#main-key", malloryKeys, body, body, CLOCK), Json.tree(body)));
            assertEquals(403, refused.status(), c.getKey() + ": " + refused.getMessage());
            assertTrue(refused.getMessage().contains("signed by " + mallory + " but the activity's actor is " + alice)
                    && refused.getMessage().contains(c.getKey()), refused.getMessage());
        }
        assertEquals(List.of(), cache.saved, "refused requests cached no key");
    }

    @Test
    void aSignedPostToAnInboxNobodyHasIsNotFoundAndStoresNothing() {
        String alice = base + "/users/alice";
        String body = follow(alice);
        List<String> touched = new java.util.ArrayList<>();
        InboxStore store = recordingStore(touched);
        InboxService inbox = new InboxService(store, (queue, message) -> touched.add("queue " + message),
                authenticator(true, CLOCK), path -> path.equals("/inbox") || path.equals("/accounts/bob/inbox"), CLOCK);

        InboxResponse answer = inbox.receive(signedTo("/accounts/nobody/inbox", alice + "#main-key", aliceKeys, body,
                body, CLOCK));
        assertEquals(404, answer.status(), answer.message());
        assertTrue(answer.message().contains("/accounts/nobody/inbox"), answer.message());
        assertEquals(List.of(), touched);

        assertEquals(202, inbox.receive(signedTo("/accounts/bob/inbox", alice + "#main-key", aliceKeys, body, body,
                CLOCK)).status());
        assertEquals(2, touched.size(), "recorded and queued: " + touched);
    }

    /** An inbox over a store and queue that record what they are asked to do, authenticating with {@link #NO_CACHE}. */
    private static InboxService recordingInbox(List<String> touched) {
        InboxStore store = recordingStore(touched);
        return new InboxService(store, (queue, message) -> touched.add("queue " + message), authenticator(true, CLOCK),
                path -> path.equals("/inbox"), CLOCK);
    }

    /** A store that records what it is asked to do, as if every activity were new. */
    private static InboxStore recordingStore(List<String> touched) {
        return new InboxStore() {
            @Override
            public boolean recordIfNew(ReceivedActivity activity) {
                touched.add("record " + activity.activityId());
                return true;
            }

            @Override
            public void forget(String activityId) {
                touched.add("forget " + activityId);
            }

            @Override
            public Optional<ReceivedActivity> find(String activityId) {
                return Optional.empty();
            }

            @Override
            public void markProcessed(String activityId, Instant at) {
                touched.add("processed " + activityId);
            }
        };
    }

    @Test
    void aForwardThatReMapsItsSignedTermsThroughAnInlineContextIsForbidden() {
        String alice = base + "/users/alice";
        String mallory = base + "/users/mallory";
        com.fasterxml.jackson.databind.node.ObjectNode forged =
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.tree(ldSigned(follow(alice), alice + "#main-key", aliceKeys));
        // The same graph under other names: the signed type and object move to aliases, and the
        // names the handlers read are emptied of meaning, so the raw JSON says something else.
        forged.set("@context", Json.tree("[\"https://www.w3.org/ns/activitystreams\", {\"kind\": \"@type\","
                + " \"thing\": {\"@id\": \"as:object\", \"@type\": \"@id\"}, \"type\": null, \"object\": null}]"));
        forged.put("kind", "Follow");
        forged.set("thing", forged.get("object"));
        forged.put("type", "Update");
        forged.set("object", Json.tree(Json.write(Map.of("id", alice, "type", "Person", "inbox", alice + "/inbox",
                "publicKey", Map.of("id", alice + "#main-key", "owner", alice, "publicKeyPem", malloryKeys.publicKeyPem())))));
        String body = Json.write(forged);
        org.nuage.core.Refusal refused = assertThrows(org.nuage.core.Refusal.class, () -> authenticator(new RecordingCache())
                .authenticate(signed(mallory + "#main-key", malloryKeys, body, body, CLOCK), Json.tree(body)));
        assertEquals(403, refused.status(), refused.getMessage());
        assertTrue(refused.getMessage().contains("context"), refused.getMessage());
    }

    @Test
    void aForwardWhoseLdSignatureIsOlderThanTheDedupeWindowIsForbidden() {
        String alice = base + "/users/alice";
        String mallory = base + "/users/mallory";
        String old = Json.write(new LdSignature().sign(Json.tree(follow(alice)), new SigningKey(alice + "#main-key",
                RsaKeys.readPrivateKey(aliceKeys.privateKeyPem())), CLOCK.instant().minus(Duration.ofDays(31))));
        org.nuage.core.Refusal refused = assertThrows(org.nuage.core.Refusal.class, () -> authenticator(new RecordingCache())
                .authenticate(signed(mallory + "#main-key", malloryKeys, old, old, CLOCK), Json.tree(old)));
        assertEquals(403, refused.status(), refused.getMessage());
        assertTrue(refused.getMessage().contains("created"), refused.getMessage());
    }

    @Test
    void anUpdateOfAnActorNeverStoresTheKeyItEmbeds() {
        String alice = base + "/users/alice";
        com.fasterxml.jackson.databind.node.ObjectNode update = Json.MAPPER.createObjectNode()
                .put("id", alice + "#updates/1").put("type", "Update").put("actor", alice);
        update.set("object", Json.tree(Json.write(Map.of("id", alice, "type", "Person", "preferredUsername", "alice",
                "inbox", alice + "/inbox", "publicKey", Map.of("id", alice + "#main-key", "owner", alice,
                        "publicKeyPem", malloryKeys.publicKeyPem())))));
        List<RemoteActor> saved = new java.util.ArrayList<>();
        RemoteActorCache cache = new RemoteActorCache() {
            @Override
            public Optional<Cached> find(String actorId) {
                return Optional.empty();
            }

            @Override
            public void save(RemoteActor actor, Instant fetchedAt) {
                saved.add(actor);
            }
        };
        SafeHttp http = new SafeHttp(new SafeUrls(new AddressPolicy(true), SafeUrls.SYSTEM_DNS),
                Duration.ofSeconds(5), Duration.ofSeconds(10), 1024 * 1024, "Nuage-test");
        org.nuage.core.federation.inbound.ActorHandling actors = new org.nuage.core.federation.inbound.ActorHandling(
                new RemoteActors(http, u -> Map.of(), cache, CLOCK), cache, null, null);
        actors.updated(new InboxEnvelope(alice + "#updates/1", "Update", alice, "/inbox", CLOCK.instant()), update);
        assertEquals(1, saved.size(), "the actor is refreshed");
        assertEquals(aliceKeys.publicKeyPem().strip(), saved.get(0).publicKeyPem().strip(),
                "the key is the one alice's server serves, not the one the Update carries");
    }

    @Test
    void anActivityOrCreatedObjectWhoseIdIsOnAnotherHostThanItsActorIsRefusedAndStoresNothing() {
        String alice = base + "/users/alice";
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("activity id on another host", Json.write(Map.of("@context", "https://www.w3.org/ns/activitystreams",
                "id", "https://victim.example/activities/1", "type", "Follow", "actor", alice,
                "object", "https://nuage.example/accounts/bob")));
        bodies.put("created object id on another host", Json.write(Map.of("@context", "https://www.w3.org/ns/activitystreams",
                "id", base + "/notes/1/activity", "type", "Create", "actor", alice,
                "object", Map.of("id", "https://victim.example/comments/1", "type", "Note", "attributedTo", alice,
                        "content", "hi", "inReplyTo", "https://nuage.example/videos/watch/1"))));
        for (Map.Entry<String, String> c : bodies.entrySet()) {
            List<String> touched = new java.util.ArrayList<>();
            String body = c.getValue();
            InboxResponse answer = recordingInbox(touched).receive(signed(alice + "#main-key", aliceKeys, body, body, CLOCK));
            assertEquals(400, answer.status(), c.getKey() + ": " + answer.message());
            assertTrue(answer.message().contains("victim.example") && answer.message().contains("host"),
                    c.getKey() + ": " + answer.message());
            assertEquals(List.of(), touched, c.getKey());
        }
    }

    @Test
    void pathologicalJsonInAForwardIsRefusedWithA4xxAndItsReason() {
        String alice = base + "/users/alice";
        String mallory = base + "/users/mallory";
        String signedFollow = ldSigned(follow(alice), alice + "#main-key", aliceKeys);
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("a number beyond double", signedFollow.replaceFirst("\\{", "{\"width\":1e400,"));
        bodies.put("a 64-digit integer", signedFollow.replaceFirst("\\{", "{\"width\":" + "9".repeat(64) + ","));
        bodies.put("arrays nested 900 deep", signedFollow.replaceFirst("\\{",
                "{\"to\":" + "[".repeat(900) + "\"https://www.w3.org/ns/activitystreams#Public\"" + "]".repeat(900) + ","));
        bodies.put("arrays nested 5000 deep", signedFollow.replaceFirst("\\{",
                "{\"to\":" + "[".repeat(5000) + "\"https://www.w3.org/ns/activitystreams#Public\"" + "]".repeat(5000) + ","));
        for (Map.Entry<String, String> c : bodies.entrySet()) {
            List<String> touched = new java.util.ArrayList<>();
            String body = c.getValue();
            InboxResponse answer = recordingInbox(touched).receive(signed(mallory + "#main-key", malloryKeys, body, body, CLOCK));
            assertTrue(answer.status() >= 400 && answer.status() < 500, c.getKey() + ": " + answer.status() + " "
                    + answer.message());
            assertEquals(List.of(), touched, c.getKey());
        }
    }

    @Test
    void anActivityUnderOurOwnVideoContextForwardedByAnotherServerIsTaken() {
        // Nuage's Video activities name an inline context: a server forwarding one must not be refused for it.
        String alice = base + "/users/alice";
        String mallory = base + "/users/mallory";
        com.fasterxml.jackson.databind.node.ObjectNode follow =
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.tree(follow(alice));
        follow.set("@context", Json.MAPPER.valueToTree(VideoObjects.CONTEXT));
        String body = ldSigned(Json.write(follow), alice + "#main-key", aliceKeys);
        assertEquals(alice, authenticator(new RecordingCache())
                .authenticate(signed(mallory + "#main-key", malloryKeys, body, body, CLOCK), Json.tree(body)).id());
    }
}
