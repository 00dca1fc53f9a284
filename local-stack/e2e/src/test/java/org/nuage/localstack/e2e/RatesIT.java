package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.core.federation.signature.HttpMessage;
import org.nuage.core.federation.signature.RsaKeys;
import org.nuage.core.federation.signature.SignatureVerifier;
import org.nuage.localstack.runner.LocalNuage;
import org.nuage.localstack.runner.LoopbackPeer;

/**
 * Local likes, dislikes and views federated, end to end: a peer on loopback follows one of our
 * channels and receives, signed by our user's account, the {@code Like}, its {@code Undo} and the
 * views of the video as an {@code Update}, coalesced; and our user rates a video of the peer, whose
 * server receives the {@code Like} and its {@code Undo}. The e2e build sets the views interval to
 * 3 s (NUAGE_FEDERATION_VIEWS_INTERVAL); PeerTube's is 30 minutes.
 */
class RatesIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration ASYNC = Duration.ofSeconds(60);
    private static final String CAPTURED_UUID = "0e04770d-2da5-4ec8-905c-6c8e56e51dbc";

    static LocalNuage nuage;
    static LoopbackPeer peer;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        nuage = SharedNuage.get();
        Api.use(nuage);
        peer = LoopbackPeer.start("alice", "carol");
        peer.addActor("carol_channel", "Group");
        base = nuage.url().toString().replaceAll("/+$", "");
    }

    @AfterAll
    static void stop() {
        peer.close();
    }

    @Test
    void followersOfTheChannelReceiveTheLikeItsUndoAndTheViewsCoalesced(@TempDir Path tmp) throws Exception {
        String[] owner = Api.newUser();
        String uuid = Api.publishClip(owner, tmp);
        String videoUrl = base + "/videos/watch/" + uuid;
        String channel = base + "/video-channels/" + owner[0] + "_channel";
        String followId = peer.base() + "/follows/" + UUID.randomUUID();
        postToInbox("alice", Api.JSON.writeValueAsString(Map.of("@context", "https://www.w3.org/ns/activitystreams",
                "id", followId, "type", "Follow", "actor", peer.actorUrl("alice"), "object", channel)));
        awaitPost("the Accept of alice's follow", r -> text(r).contains(followId) && text(r).contains("\"Accept\""));

        String[] fan = Api.newUser();
        String account = base + "/accounts/" + fan[0];
        assertEquals(204, Api.json("PUT", "/api/v1/videos/" + uuid + "/rate", fan[1], Map.of("rating", "like")).statusCode());
        LoopbackPeer.Received likePost = awaitPost("the Like", r -> type(r).equals("Like")
                && json(r).path("object").asText().equals(videoUrl));
        JsonNode like = Api.JSON.readTree(likePost.body());
        assertEquals("/inbox", likePost.path(), "the follower's shared inbox");
        assertEquals(account, like.path("actor").asText());
        assertEquals(videoUrl, like.path("object").asText());
        assertEquals("https://www.w3.org/ns/activitystreams#Public", like.path("to").path(0).asText());
        assertEquals(base + "/accounts/" + owner[0] + "/followers", like.path("cc").path(0).asText());
        String likeId = like.path("id").asText();
        assertTrue(likeId.startsWith(account + "/likes/" + uuid + "/"), likeId);
        assertSignedBy(account, likePost);
        assertEquals(likeId, Api.activityJson(likeId, 200).path("id").asText(), "the Like's id resolves while it stands");
        assertEquals("like", Api.getJson("/api/v1/users/me/videos/" + uuid + "/rating", fan[1]).path("rating").asText());
        assertEquals(1, Api.getJson("/api/v1/videos/" + uuid, null).path("likes").asInt());
        // Current PeerTube's way to tell the counts: an Update of the Video, whose likes collection says how many.
        awaitPost("an Update of the liked video", r -> type(r).equals("Update")
                && json(r).path("object").path("id").asText().equals(videoUrl)
                && json(r).path("object").path("likes").asText().equals(videoUrl + "/likes"));
        assertEquals(1, Api.activityJson(videoUrl + "/likes", 200).path("totalItems").asInt());
        assertEquals(0, Api.activityJson(videoUrl + "/dislikes", 200).path("totalItems").asInt());

        assertEquals(204, Api.json("PUT", "/api/v1/videos/" + uuid + "/rate", fan[1], Map.of("rating", "none")).statusCode());
        LoopbackPeer.Received undoPost = awaitPost("the Undo of the Like", r -> type(r).equals("Undo")
                && json(r).path("object").path("object").asText().equals(videoUrl));
        JsonNode undo = Api.JSON.readTree(undoPost.body());
        assertEquals(likeId + "/undo", undo.path("id").asText());
        assertEquals(account, undo.path("actor").asText());
        assertEquals("Like", undo.path("object").path("type").asText());
        assertEquals(likeId, undo.path("object").path("id").asText(), "the Undo names the Like it takes back");
        assertEquals(videoUrl, undo.path("object").path("object").asText());
        assertSignedBy(account, undoPost);
        Api.activityJson(likeId, 404);
        assertEquals("none", Api.getJson("/api/v1/users/me/videos/" + uuid + "/rating", fan[1]).path("rating").asText());
        assertEquals(0, Api.getJson("/api/v1/videos/" + uuid, null).path("likes").asInt());
        assertEquals(204, Api.json("PUT", "/api/v1/videos/" + uuid + "/rate", fan[1], Map.of("rating", "none")).statusCode());

        // Five viewers within the interval, each from its own address: their views reach the follower together.
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> view = HomePageIT.viewer(i).send(HttpRequest.newBuilder(URI.create(base + "/api/v1/videos/" + uuid + "/views"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, view.statusCode(), view.body());
        }
        LoopbackPeer.Received updatePost = awaitPost("the views update", r -> type(r).equals("Update")
                && json(r).path("object").path("views").asInt() == 5);
        JsonNode update = Api.JSON.readTree(updatePost.body());
        assertEquals(base + "/accounts/" + owner[0], update.path("actor").asText());
        assertEquals(videoUrl, update.path("object").path("id").asText());
        assertEquals("Video", update.path("object").path("type").asText());
        assertSignedBy(base + "/accounts/" + owner[0], updatePost);
        long updates = peer.received().stream().filter(r -> type(r).equals("Update")
                && json(r).path("object").path("id").asText().equals(videoUrl)).count();
        assertTrue(updates < 5, updates + " updates for 5 views: one per interval, not one per view");
        assertEquals(5, Api.activityJson(videoUrl, 200).path("views").asInt());
        assertTrue(peer.received().stream().noneMatch(r -> type(r).equals("View")), "no View per view to followers");
    }

    @Test
    void ourUsersRateOfARemoteVideoGoesToItsOrigin() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String url = peer.base() + "/videos/watch/" + uuid;
        Instant served = Instant.now();
        peer.serve("/videos/watch/" + uuid, video(uuid, served));
        String[] user = Api.newUser();
        assertEquals(1, Api.getJson("/api/v1/search/videos?search=" + URLEncoder.encode(url, StandardCharsets.UTF_8), user[1])
                .path("total").asInt(), "indexed by a search");

        String account = base + "/accounts/" + user[0];
        HttpResponse<String> bad = Api.json("PUT", "/api/v1/videos/" + uuid + "/rate", user[1], Map.of("rating", "love"));
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals(404, Api.json("PUT", "/api/v1/videos/" + UUID.randomUUID() + "/rate", user[1],
                Map.of("rating", "like")).statusCode());
        assertEquals(401, Api.json("PUT", "/api/v1/videos/" + uuid + "/rate", null, Map.of("rating", "like")).statusCode());

        assertEquals(204, Api.json("PUT", "/api/v1/videos/" + uuid + "/rate", user[1], Map.of("rating", "like")).statusCode());
        LoopbackPeer.Received likePost = awaitPost("the Like at the origin",
                r -> type(r).equals("Like") && json(r).path("object").asText().equals(url));
        assertEquals("/inbox", likePost.path(), "carol's server's shared inbox");
        JsonNode like = json(likePost);
        assertEquals(account, like.path("actor").asText());
        assertEquals(peer.actorUrl("carol"), like.path("to").path(0).asText(), "addressed to the video's account");
        assertSignedBy(account, likePost);
        assertEquals("like", Api.getJson("/api/v1/users/me/videos/" + uuid + "/rating", user[1]).path("rating").asText());
        assertEquals(1, Api.getJson("/api/v1/videos/" + uuid, null).path("likes").asInt());

        assertEquals(204, Api.json("PUT", "/api/v1/videos/" + uuid + "/rate", user[1], Map.of("rating", "dislike"))
                .statusCode());
        JsonNode undo = json(awaitPost("the Undo at the origin", r -> type(r).equals("Undo")
                && json(r).path("object").path("object").asText().equals(url)));
        assertEquals(like.path("id").asText(), undo.path("object").path("id").asText());
        JsonNode dislike = json(awaitPost("the Dislike at the origin", r -> type(r).equals("Dislike")
                && json(r).path("object").asText().equals(url)));
        assertEquals(account, dislike.path("actor").asText());
        assertEquals("dislike", Api.getJson("/api/v1/users/me/videos/" + uuid + "/rating", user[1]).path("rating").asText());
        JsonNode shown = Api.getJson("/api/v1/videos/" + uuid, null);
        assertEquals(0, shown.path("likes").asInt());
        assertEquals(1, shown.path("dislikes").asInt());

        // The origin's views come back as PeerTube sends them: the video again, its updated date unchanged.
        ObjectNode counted = video(uuid, served);
        counted.put("views", 42);
        postToInbox("carol", Api.JSON.writeValueAsString(Map.of("@context", "https://www.w3.org/ns/activitystreams",
                "id", url + "/updates/" + UUID.randomUUID(), "type", "Update", "actor", peer.actorUrl("carol"),
                "object", counted)));
        Await.until("the origin's views in the index", ASYNC, () -> {
            try {
                return Api.getJson("/api/v1/videos/" + uuid, null).path("views").asInt() == 42 ? Optional.of(true) : Optional.empty();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    /** PeerTube's captured Video, moved onto the peer, owned by carol and her channel. */
    private static ObjectNode video(String uuid, Instant updated) throws Exception {
        String captured;
        try (InputStream in = RatesIT.class.getResourceAsStream("/activitypub/peertube_video_second.json")) {
            captured = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ObjectNode video = (ObjectNode) Api.JSON.readTree(captured
                .replace("http://peertube.test/accounts/root", peer.actorUrl("carol"))
                .replace("http://peertube.test/video-channels/root_channel", peer.actorUrl("carol_channel"))
                .replace("http://peertube.test", peer.base())
                .replace(CAPTURED_UUID, uuid));
        video.put("updated", updated.toString());
        return video;
    }

    private static LoopbackPeer.Received awaitPost(String what, Predicate<LoopbackPeer.Received> test) {
        return Await.until(what, ASYNC, () -> peer.received().stream().filter(test).findFirst());
    }

    private static String text(LoopbackPeer.Received request) {
        return new String(request.body(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(LoopbackPeer.Received request) {
        try {
            return Api.JSON.readTree(request.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String type(LoopbackPeer.Received request) {
        return json(request).path("type").asText();
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

    private static void postToInbox(String actor, String body) throws Exception {
        HttpResponse<String> response = Api.postToInbox(peer, actor, body);
        assertEquals(202, response.statusCode(), response.body());
    }
}
