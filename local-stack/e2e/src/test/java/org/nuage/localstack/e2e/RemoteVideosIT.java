package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nuage.core.federation.signature.HttpMessage;
import org.nuage.core.federation.signature.RsaKeys;
import org.nuage.core.federation.signature.SignatureVerifier;
import org.nuage.localstack.runner.LocalNuage;
import org.nuage.localstack.runner.LoopbackPeer;

/**
 * Following other servers and the remote video index, end to end: a peer on loopback plays a
 * PeerTube server (WebFinger, actors, signed activities, a real captured Video object served under
 * its address) while the packaged functions run in the local runner against the emulators.
 */
class RemoteVideosIT {

    private static final Duration ASYNC = Duration.ofSeconds(60);
    private static final String CAPTURED_UUID = "0e04770d-2da5-4ec8-905c-6c8e56e51dbc";

    static LocalNuage nuage;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        nuage = SharedNuage.get();
        Api.use(nuage);
        base = nuage.url().toString().replaceAll("/+$", "");
    }

    /** PeerTube's captured Video, moved onto {@code peer}: owned by its {@code account} and {@code channel}. */
    private static ObjectNode video(LoopbackPeer peer, String account, String channel, String uuid, String name,
            Instant updated) throws Exception {
        String captured;
        try (InputStream in = RemoteVideosIT.class.getResourceAsStream("/activitypub/peertube_video_second.json")) {
            captured = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ObjectNode video = (ObjectNode) Api.JSON.readTree(captured
                .replace("http://peertube.test/accounts/root", peer.actorUrl(account))
                .replace("http://peertube.test/video-channels/root_channel", peer.actorUrl(channel))
                .replace("http://peertube.test", peer.base())
                .replace(CAPTURED_UUID, uuid));
        video.put("name", name);
        video.put("updated", updated.toString());
        return video;
    }

    private static String activity(String type, String actor, Object object) throws Exception {
        return Api.JSON.writeValueAsString(Map.of("@context", "https://www.w3.org/ns/activitystreams",
                "id", actor + "/activities/" + UUID.randomUUID(), "type", type, "actor", actor, "object", object));
    }

    /** Polls {@code path} until {@code test} holds. */
    private static JsonNode awaitJson(String what, String path, String token, Predicate<JsonNode> test) {
        return Await.until(what, ASYNC, () -> {
            try {
                JsonNode json = Api.getJson(path, token);
                return test.test(json) ? Optional.of(json) : Optional.empty();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private static Optional<JsonNode> listed(JsonNode list, String uuid) {
        for (JsonNode v : list.path("data")) {
            if (v.path("uuid").asText().equals(uuid)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private static LoopbackPeer.Received awaitPost(LoopbackPeer peer, String path, String type) {
        return Await.until("a " + type + " at " + path, ASYNC, () -> peer.received().stream()
                .filter(r -> r.path().equals(path) && new String(r.body(), StandardCharsets.UTF_8).contains("\"" + type + "\""))
                .findFirst());
    }

    /** The request was signed with the key {@code actorUrl}'s document publishes. */
    private static void assertSignedBy(String actorUrl, LoopbackPeer.Received request) throws Exception {
        JsonNode actor = Api.activityJson(actorUrl, 200);
        new SignatureVerifier(Clock.systemUTC()).verify(
                HttpMessage.received("POST", "http", request.path(), request.headers(), request.body()),
                keyId -> keyId.equals(actorUrl + "#main-key")
                        ? Optional.of(RsaKeys.readPublicKey(actor.path("publicKey").path("publicKeyPem").asText()))
                        : Optional.empty());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void aSubscribedChannelsVideosAreIndexedUpdatedAndDeletedOnlyByTheirOwner() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start("bob", "mallory")) {
            peer.addActor("bob_channel", "Group");
            String channel = peer.actorUrl("bob_channel");
            String[] user = Api.newUser();
            String handle = "bob_channel@" + peer.host();

            HttpResponse<String> subscribed = Api.json("POST", "/api/v1/users/me/subscriptions", user[1], Map.of("uri", handle));
            assertEquals(204, subscribed.statusCode(), subscribed.body());
            LoopbackPeer.Received follow = awaitPost(peer, "/users/bob_channel/inbox", "Follow");
            String account = base + "/accounts/" + user[0];
            assertSignedBy(account, follow);
            JsonNode followJson = Api.JSON.readTree(follow.body());
            assertEquals(account, followJson.path("actor").asText());
            assertEquals(channel, followJson.path("object").asText());
            JsonNode pending = Api.getJson("/api/v1/users/me/subscriptions", user[1]);
            assertEquals("pending", pending.path("data").path(0).path("followState").asText());
            assertEquals(peer.host(), pending.path("data").path(0).path("host").asText());
            assertTrue(Api.getJson("/api/v1/users/me/subscriptions/exist?uris=" + enc(handle), user[1]).path(handle).asBoolean());

            postToInbox(peer, "bob_channel", activity("Accept", channel, followJson));
            awaitJson("the subscription accepted", "/api/v1/users/me/subscriptions", user[1],
                    j -> j.path("data").path(0).path("followState").asText().equals("accepted"));
            JsonNode following = Api.activityJson(account + "/following?page=1", 200);
            assertEquals(List.of(channel), List.of(following.path("orderedItems").path(0).asText()));

            String uuid = UUID.randomUUID().toString();
            postToInbox(peer, "bob", activity("Create", peer.actorUrl("bob"),
                    video(peer, "bob", "bob_channel", uuid, "Waves from afar", Instant.now().minusSeconds(60))));
            JsonNode remote = listed(awaitJson("the video listed as remote", "/api/v1/videos?isLocal=false&count=100",
                    null, j -> listed(j, uuid).isPresent()), uuid).orElseThrow();
            assertFalse(remote.path("isLocal").asBoolean(true));
            assertEquals("Waves from afar", remote.path("name").asText());
            assertEquals(peer.host(), remote.path("account").path("host").asText());
            assertEquals("bob_channel", remote.path("channel").path("name").asText());
            assertEquals(peer.host(), remote.path("channel").path("host").asText());
            assertEquals(31, remote.path("duration").asInt());
            assertTrue(remote.path("files").path(0).path("fileUrl").asText().startsWith(peer.base() + "/static/"));
            assertTrue(listed(Api.getJson("/api/v1/videos?count=100", null), uuid).isPresent(), "listed with ours by default");
            assertTrue(listed(Api.getJson("/api/v1/videos?isLocal=true&count=100", null), uuid).isEmpty());
            JsonNode detail = Api.getJson("/api/v1/videos/" + uuid, null);
            assertEquals("Waves from afar", detail.path("name").asText(), "a remote video has its detail here too");
            assertFalse(detail.path("isLocal").asBoolean(true));

            postToInbox(peer, "bob", activity("Update", peer.actorUrl("bob"),
                    video(peer, "bob", "bob_channel", uuid, "Waves, renamed by their owner", Instant.now())));
            awaitJson("the update", "/api/v1/videos?isLocal=false&count=100", null, j -> listed(j, uuid)
                    .map(v -> v.path("name").asText().equals("Waves, renamed by their owner")).orElse(false));

            String videoId = peer.base() + "/videos/watch/" + uuid;
            postToInbox(peer, "mallory", activity("Delete", peer.actorUrl("mallory"), videoId));
            postToInbox(peer, "mallory", activity("Update", peer.actorUrl("mallory"),
                    video(peer, "bob", "bob_channel", uuid, "Hijacked", Instant.now().plusSeconds(60))));
            Thread.sleep(4000);
            assertEquals("Waves, renamed by their owner", listed(Api.getJson("/api/v1/videos?isLocal=false&count=100", null), uuid)
                    .orElseThrow(() -> new AssertionError("deleted by someone who does not own it")).path("name").asText());

            postToInbox(peer, "bob", activity("Delete", peer.actorUrl("bob"), videoId));
            awaitJson("the owner's delete", "/api/v1/videos?isLocal=false&count=100", null, j -> listed(j, uuid).isEmpty());
            assertEquals(404, Api.send("GET", "/api/v1/videos/" + uuid, null, null, null).statusCode());

            HttpResponse<String> gone = Api.send("DELETE", "/api/v1/users/me/subscriptions/" + enc(handle), user[1], null, null);
            assertEquals(204, gone.statusCode(), gone.body());
            JsonNode undo = Api.JSON.readTree(awaitPost(peer, "/users/bob_channel/inbox", "Undo").body());
            assertEquals(followJson.path("id").asText(), undo.path("object").path("id").asText());
            assertEquals(0, Api.getJson("/api/v1/users/me/subscriptions", user[1]).path("total").asInt());
            assertEquals(400, Api.json("POST", "/api/v1/users/me/subscriptions", user[1], Map.of("uri", "not a handle"))
                    .statusCode());
            assertEquals(401, Api.json("POST", "/api/v1/users/me/subscriptions", null, Map.of("uri", handle)).statusCode());
        }
    }

    @Test
    void aSearchByUrlFetchesSignedAndIndexesTheVideoForSignedInUsersOnly() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start("carol")) {
            peer.addActor("carol_channel", "Group");
            String uuid = UUID.randomUUID().toString();
            String url = peer.base() + "/videos/watch/" + uuid;
            peer.serve("/videos/watch/" + uuid, video(peer, "carol", "carol_channel", uuid, "Found by its address",
                    Instant.now()));
            String[] user = Api.newUser();

            assertEquals(0, Api.getJson("/api/v1/search/videos?search=" + enc(url), null).path("total").asInt());
            assertTrue(peer.fetched().isEmpty(), "an anonymous search makes us fetch nothing");

            JsonNode found = Api.getJson("/api/v1/search/videos?search=" + enc(url), user[1]);
            assertEquals(1, found.path("total").asInt(), found.toString());
            assertEquals(uuid, found.path("data").path(0).path("uuid").asText());
            assertFalse(found.path("data").path(0).path("isLocal").asBoolean(true));
            LoopbackPeer.Fetched fetch = peer.fetched().getFirst();
            assertEquals("/videos/watch/" + uuid, fetch.path());
            assertTrue(fetch.headers().getOrDefault("signature", "").contains("keyId=\"" + base + "/accounts/peertube#main-key\""),
                    fetch.headers().toString());
            assertTrue(listed(Api.getJson("/api/v1/videos?isLocal=false&count=100", null), uuid).isPresent());
            assertEquals(1, Api.getJson("/api/v1/search/videos?search=" + enc(url), null).path("total").asInt(),
                    "known now, so anonymous searches find it too");
            assertEquals(1, Api.getJson("/api/v1/search/videos?search=" + enc("by its ADDRESS"), null).path("total").asInt());

            HttpResponse<String> missing = Api.send("GET", "/api/v1/search/videos?search="
                    + enc(peer.base() + "/videos/watch/" + UUID.randomUUID()), user[1], null, null);
            assertEquals(400, missing.statusCode(), missing.body());
            assertTrue(missing.body().contains("404"), missing.body());

            JsonNode channel = Api.getJson("/api/v1/search/video-channels?search=" + enc("carol_channel@" + peer.host()), user[1]);
            assertEquals(1, channel.path("total").asInt(), channel.toString());
            assertEquals(peer.host(), channel.path("data").path(0).path("host").asText());
            assertEquals(peer.actorUrl("carol_channel"), channel.path("data").path(0).path("url").asText());
            assertEquals(0, Api.getJson("/api/v1/search/video-channels?search=" + enc("carol_channel@" + peer.host()), null)
                    .path("total").asInt());
            assertEquals(400, Api.send("GET", "/api/v1/search/video-channels?search=" + enc("carol@" + peer.host()),
                    user[1], null, null).statusCode(), "an account is not a channel");
        }
    }

    @Test
    void anAdministratorFollowsAnotherInstanceWhoseOutboxIsBackfilledOnAccept() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start("dora")) {
            peer.addActor("peertube", "Application");
            peer.addActor("dora_channel", "Group");
            String server = peer.actorUrl("peertube");
            String created = UUID.randomUUID().toString();
            String announced = UUID.randomUUID().toString();
            peer.serve("/videos/watch/" + announced, video(peer, "dora", "dora_channel", announced, "Announced in the outbox",
                    Instant.now()));
            peer.serve("/users/peertube/outbox", Map.of("type", "OrderedCollection", "id", server + "/outbox",
                    "totalItems", 2, "first", server + "/outbox?page=1"));
            peer.serve("/users/peertube/outbox?page=1", Map.of("type", "OrderedCollectionPage",
                    "id", server + "/outbox?page=1", "partOf", server + "/outbox", "orderedItems", List.of(
                            Map.of("type", "Create", "id", server + "/c/" + created, "actor", peer.actorUrl("dora"),
                                    "object", video(peer, "dora", "dora_channel", created, "Created in the outbox",
                                            Instant.now())),
                            Map.of("type", "Announce", "id", server + "/a/" + announced, "actor", server,
                                    "object", peer.base() + "/videos/watch/" + announced))));

            String[] user = Api.newUser();
            assertEquals(403, Api.json("POST", "/api/v1/server/following", user[1], Map.of("hosts", List.of(peer.host())))
                    .statusCode());
            String root = Api.JSON.readTree(Api.tokenRequest(Map.of("grant_type", "password", "username", "root",
                    "password", SharedNuage.ROOT_PASSWORD)).body()).path("access_token").asText();
            HttpResponse<String> followed = Api.json("POST", "/api/v1/server/following", root,
                    Map.of("hosts", List.of(peer.host())));
            assertEquals(204, followed.statusCode(), followed.body());

            LoopbackPeer.Received follow = awaitPost(peer, "/users/peertube/inbox", "Follow");
            assertSignedBy(base + "/accounts/peertube", follow);
            JsonNode followJson = Api.JSON.readTree(follow.body());
            assertEquals(base + "/accounts/peertube", followJson.path("actor").asText());
            assertEquals(server, followJson.path("object").asText());
            JsonNode follows = Api.getJson("/api/v1/server/following", null);
            assertTrue(follows.toString().contains(peer.host()), follows.toString());

            postToInbox(peer, "peertube", activity("Accept", server, followJson));
            awaitJson("both outbox videos indexed", "/api/v1/videos?isLocal=false&count=100", null,
                    j -> listed(j, created).isPresent() && listed(j, announced).isPresent());
            awaitJson("the instance follow accepted", "/api/v1/server/following", null,
                    j -> j.toString().contains("\"accepted\""));
            assertTrue(Api.activityJson(base + "/accounts/peertube/following?page=1", 200).path("orderedItems").toString()
                    .contains(server));
        }
    }

    /** POSTs {@code body} to our shared inbox, signed by the peer's actor {@code name}. */
    private static void postToInbox(LoopbackPeer peer, String name, String body) throws Exception {
        HttpResponse<String> response = Api.postToInbox(peer, name, body);
        assertEquals(202, response.statusCode(), response.body());
    }
}
