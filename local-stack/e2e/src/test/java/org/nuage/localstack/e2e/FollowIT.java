package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nuage.core.federation.signature.HttpMessage;
import org.nuage.core.federation.signature.RsaKeys;
import org.nuage.core.federation.signature.SignatureVerifier;
import org.nuage.core.federation.signature.VerifiedSignature;
import org.nuage.localstack.runner.LocalNuage;
import org.nuage.localstack.runner.LoopbackPeer;

/**
 * A remote user follows a channel: the signed Follow is accepted by the inbox, applied by the
 * delivery worker, and answered with an Accept that the channel signs and the outbound queue
 * delivers to the follower's server; the followers collection counts them; Undo removes them.
 */
class FollowIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration ASYNC = Duration.ofSeconds(60);

    static LocalNuage nuage;
    static LoopbackPeer peer;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        nuage = SharedNuage.get();
        Api.use(nuage);
        peer = LoopbackPeer.start("alice");
        base = nuage.url().toString().replaceAll("/+$", "");
    }

    @AfterAll
    static void stop() {
        peer.close();
    }

    private static HttpResponse<String> post(String actor, String body) throws Exception {
        URI inbox = URI.create(base + "/inbox");
        HttpRequest.Builder request = HttpRequest.newBuilder(inbox).POST(HttpRequest.BodyPublishers.ofString(body));
        peer.signPost(actor, inbox, body.getBytes(StandardCharsets.UTF_8)).forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode activityJson(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/activity+json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return Api.JSON.readTree(response.body());
    }

    @Test
    void aRemoteFollowOfAChannelIsAcceptedWithASignedAcceptAndCountedUntilUndone() throws Exception {
        String[] user = Api.newUser();
        String channel = base + "/video-channels/" + user[0] + "_channel";
        String followId = peer.base() + "/follows/" + UUID.randomUUID();
        String follow = """
                {"@context":"https://www.w3.org/ns/activitystreams","id":"%s","type":"Follow","actor":"%s","object":"%s"}"""
                .formatted(followId, peer.actorUrl("alice"), channel);
        HttpResponse<String> accepted = post("alice", follow);
        assertEquals(202, accepted.statusCode(), accepted.body());

        LoopbackPeer.Received accept = Await.until("the Accept at alice's inbox", ASYNC, () -> peer.received().stream()
                .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(followId)).findFirst());
        assertEquals("/users/alice/inbox", accept.path());
        JsonNode acceptJson = Api.JSON.readTree(accept.body());
        assertEquals("Accept", acceptJson.path("type").asText());
        assertEquals(channel, acceptJson.path("actor").asText());
        assertEquals(followId, acceptJson.path("object").path("id").asText());

        // Signed by the channel, with the key its actor document publishes, as the follower checks it.
        JsonNode channelActor = activityJson(channel);
        VerifiedSignature signature = new SignatureVerifier(Clock.systemUTC()).verify(
                HttpMessage.received("POST", "http", accept.path(), accept.headers(), accept.body()),
                keyId -> keyId.equals(channel + "#main-key")
                        ? Optional.of(RsaKeys.readPublicKey(channelActor.path("publicKey").path("publicKeyPem").asText()))
                        : Optional.empty());
        assertEquals(channel + "#main-key", signature.keyId());

        JsonNode followers = activityJson(channel + "/followers");
        assertEquals("OrderedCollection", followers.path("type").asText());
        assertEquals(1, followers.path("totalItems").asInt());
        assertEquals(peer.actorUrl("alice"), activityJson(channel + "/followers?page=1").path("orderedItems").path(0).asText());

        String undo = """
                {"@context":"https://www.w3.org/ns/activitystreams","id":"%s/undo","type":"Undo","actor":"%s","object":%s}"""
                .formatted(followId, peer.actorUrl("alice"), follow);
        assertEquals(202, post("alice", undo).statusCode());
        Await.until("alice to be gone from the followers", ASYNC, () -> {
            try {
                return activityJson(channel + "/followers").path("totalItems").asInt() == 0 ? Optional.of(true) : Optional.empty();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void followersHearOfEachNewVideoAnnouncedByTheChannelAndCreatedByTheAccount(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path tmp) throws Exception {
        String[] user = Api.newUser();
        String account = base + "/accounts/" + user[0];
        String channel = base + "/video-channels/" + user[0] + "_channel";
        peer.addActor("carol");
        for (String[] follow : new String[][] {{"alice", channel}, {"carol", account}}) {
            String id = peer.base() + "/follows/" + UUID.randomUUID();
            String body = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + id
                    + "\",\"type\":\"Follow\",\"actor\":\"" + peer.actorUrl(follow[0]) + "\",\"object\":\"" + follow[1] + "\"}";
            assertEquals(202, post(follow[0], body).statusCode());
            Await.until("the Accept of " + follow[0], ASYNC, () -> peer.received().stream()
                    .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(id)).findFirst());
        }

        byte[] clip = java.nio.file.Files.readAllBytes(Media.clip(tmp, 2));
        JsonNode ticket = Api.JSON.readTree(Api.json("POST", "/api/v1/videos/uploads", user[1], java.util.Map.of(
                "name", "Waves", "channel", user[0] + "_channel", "size", clip.length, "tags", java.util.List.of("sea")))
                .body());
        String uuid = ticket.path("video").path("uuid").asText();
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(ticket.path("upload").path("parts").path(0)
                .path("url").asText())).PUT(HttpRequest.BodyPublishers.ofByteArray(clip)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, Api.send("POST", "/api/v1/videos/uploads/" + uuid + "/complete", user[1], null, null).statusCode());
        String videoUrl = base + "/videos/watch/" + uuid;

        LoopbackPeer.Received announce = Await.until("the channel's Announce", Duration.ofSeconds(180), () ->
                peer.received().stream().filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains("\"Announce\"")
                        && new String(r.body(), StandardCharsets.UTF_8).contains(videoUrl)).findFirst());
        JsonNode announced = Api.JSON.readTree(announce.body());
        assertEquals(channel, announced.path("actor").asText());
        assertEquals(videoUrl, announced.path("object").asText());
        LoopbackPeer.Received create = Await.until("the account's Create", ASYNC, () -> peer.received().stream()
                .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains("\"Create\"")
                        && new String(r.body(), StandardCharsets.UTF_8).contains(videoUrl)).findFirst());
        JsonNode created = Api.JSON.readTree(create.body());
        assertEquals(account, created.path("actor").asText());
        assertEquals("Video", created.path("object").path("type").asText());

        // The Video object as PeerTube reads it, with an attachment Mastodon plays.
        JsonNode video = activityJson(videoUrl);
        assertEquals(videoUrl, video.path("id").asText());
        assertEquals("PT2S", video.path("duration").asText());
        assertEquals("text/html", video.path("url").path(0).path("mediaType").asText());
        boolean mp4 = false;
        for (JsonNode url : video.path("url")) {
            mp4 |= url.path("mediaType").asText().equals("video/mp4") && url.path("size").asLong() > 0;
        }
        assertTrue(mp4, video.toString());
        assertEquals("Document", video.path("attachment").path(0).path("type").asText());
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(video.path("attachment").path(0).path("url").asText()))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(account, video.path("attributedTo").path(0).path("id").asText());
        assertEquals(channel, video.path("attributedTo").path(1).path("id").asText());
        assertEquals("https://www.w3.org/ns/activitystreams#Public", video.path("to").path(0).asText());
        assertEquals("sea", video.path("tag").path(0).path("name").asText());
    }

    @Test
    void aRemoteReplyShowsUnderTheVideoAndOurAnswerReachesItsAuthor(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path tmp) throws Exception {
        String[] user = Api.newUser();
        String uuid = Api.publishClip(user, tmp);
        String videoUrl = base + "/videos/watch/" + uuid;
        peer.addActor("dave");
        String noteId = peer.base() + "/users/dave/statuses/" + UUID.randomUUID();
        String create = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + noteId + "/activity\","
                + "\"type\":\"Create\",\"actor\":\"" + peer.actorUrl("dave") + "\",\"object\":{\"id\":\"" + noteId
                + "\",\"type\":\"Note\",\"attributedTo\":\"" + peer.actorUrl("dave") + "\",\"inReplyTo\":\"" + videoUrl
                + "\",\"content\":\"<p>Lovely <b>waves</b> &amp; light<script>x</script></p>\","
                + "\"published\":\"2026-11-26T10:00:00Z\",\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"]}}";
        assertEquals(202, post("dave", create).statusCode());

        JsonNode thread = Await.until("dave's comment under the video", ASYNC, () -> {
            try {
                JsonNode threads = Api.JSON.readTree(Api.send("GET", "/api/v1/videos/" + uuid + "/comment-threads", null,
                        null, null).body());
                return threads.path("total").asInt() == 1 ? Optional.of(threads.path("data").path(0)) : Optional.empty();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals("Lovely waves & lightx", thread.path("text").asText(), "HTML reduced to its text");
        assertEquals("dave", thread.path("account").path("name").asText());
        assertEquals(noteId, thread.path("url").asText());

        HttpResponse<String> reply = Api.json("POST", "/api/v1/videos/" + uuid + "/comments/" + thread.path("id").asText(),
                user[1], java.util.Map.of("text", "Thank you, <dave>!"));
        assertEquals(200, reply.statusCode(), reply.body());
        String replyUrl = Api.JSON.readTree(reply.body()).path("comment").path("url").asText();

        LoopbackPeer.Received delivered = Await.until("our answer at dave's inbox", ASYNC, () -> peer.received().stream()
                .filter(r -> r.path().equals("/users/dave/inbox")
                        && new String(r.body(), StandardCharsets.UTF_8).contains(replyUrl)).findFirst());
        JsonNode note = Api.JSON.readTree(delivered.body()).path("object");
        assertEquals(noteId, note.path("inReplyTo").asText());
        assertEquals(base + "/accounts/" + user[0], note.path("attributedTo").asText());
        assertEquals("Mention", note.path("tag").path(0).path("type").asText());
        assertTrue(note.path("content").asText().contains("&lt;dave&gt;"), "our text is escaped: " + note);
        assertEquals(replyUrl, activityJson(replyUrl).path("id").asText(), "the Note can be fetched where it says");

        JsonNode tree = Api.JSON.readTree(Api.send("GET", "/api/v1/videos/" + uuid + "/comment-threads/"
                + thread.path("id").asText(), null, null, null).body());
        assertEquals("Thank you, <dave>!", tree.path("children").path(0).path("comment").path("text").asText());

        assertEquals(401, Api.json("POST", "/api/v1/videos/" + uuid + "/comment-threads", null,
                java.util.Map.of("text", "anonymous")).statusCode());
        assertEquals(202, post("dave", create).statusCode(), "a redelivered Note is accepted");
        Thread.sleep(2000);
        assertEquals(1, Api.JSON.readTree(Api.send("GET", "/api/v1/videos/" + uuid + "/comment-threads", null, null,
                null).body()).path("total").asInt(), "and stored once");
    }

    @Test
    void aFollowOfSomethingNotOursIsIgnoredAndAFollowFromSomeoneElseIsRefused() throws Exception {
        String followId = peer.base() + "/follows/" + UUID.randomUUID();
        String follow = """
                {"@context":"https://www.w3.org/ns/activitystreams","id":"%s","type":"Follow","actor":"%s","object":"%s"}"""
                .formatted(followId, peer.actorUrl("alice"), base + "/video-channels/nobody-here");
        assertEquals(202, post("alice", follow).statusCode());
        peer.addActor("mallory");
        String forged = follow.replace(followId, followId + "-forged");
        HttpResponse<String> refused = post("mallory", forged);
        assertEquals(403, refused.statusCode(), refused.body());
        Thread.sleep(3000);
        assertTrue(peer.received().stream().noneMatch(r -> new String(r.body(), StandardCharsets.UTF_8).contains(followId)),
                "nothing was accepted");
    }

    @Test
    void withManualApprovalAnInstanceFollowWaitsForTheAdministratorWhoAcceptsOneAndRejectsAnother() throws Exception {
        String root = Api.JSON.readTree(Api.tokenRequest(Map.of("grant_type", "password", "username", "root",
                "password", SharedNuage.ROOT_PASSWORD)).body()).path("access_token").asText();
        String[] user = Api.newUser();
        String setting = "{\"followers\":{\"instance\":{\"manualApproval\":true}}}";
        assertEquals(403, Api.json("PUT", "/api/v1/config/custom", user[1], Api.JSON.readTree(setting)).statusCode(),
                "administrators only");
        HttpResponse<String> set = Api.json("PUT", "/api/v1/config/custom", root, Api.JSON.readTree(setting));
        assertEquals(200, set.statusCode(), set.body());
        assertTrue(Api.JSON.readTree(set.body()).path("followers").path("instance").path("manualApproval").asBoolean());
        String instance = base + "/accounts/peertube";
        peer.addActor("peertube", "Application");
        peer.addActor("bob");
        try {
            String accepted = peer.base() + "/follows/" + UUID.randomUUID();
            String rejected = peer.base() + "/follows/" + UUID.randomUUID();
            String template = """
                    {"@context":"https://www.w3.org/ns/activitystreams","id":"%s","type":"Follow","actor":"%s","object":"%s"}""";
            assertEquals(202, post("peertube", template.formatted(accepted, peer.actorUrl("peertube"), instance)).statusCode());
            assertEquals(202, post("bob", template.formatted(rejected, peer.actorUrl("bob"), instance)).statusCode());

            String peertube = "peertube@" + peer.host();
            String bob = "bob@" + peer.host();
            Await.until("both follows pending", ASYNC, () -> Optional.of(followers("pending"))
                    .filter(list -> list.contains(peertube) && list.contains(bob)));
            Thread.sleep(2000);
            assertTrue(answersTo(accepted).isEmpty() && answersTo(rejected).isEmpty(), "nobody answered yet");
            assertEquals(0, activityJson(instance + "/followers").path("totalItems").asInt(), "no follower yet");
            assertEquals(403, Api.send("POST", "/api/v1/server/followers/" + peertube + "/accept", user[1], null, null)
                    .statusCode(), "administrators only");

            assertEquals(204, Api.send("POST", "/api/v1/server/followers/" + peertube + "/accept", root, null, null)
                    .statusCode());
            assertEquals(204, Api.send("POST", "/api/v1/server/followers/" + bob + "/reject", root, null, null)
                    .statusCode());
            assertEquals(404, Api.send("POST", "/api/v1/server/followers/" + bob + "/accept", root, null, null)
                    .statusCode(), "no longer pending");

            JsonNode accept = Api.JSON.readTree(Await.until("the Accept", ASYNC, () -> answersTo(accepted)).body());
            assertEquals("Accept", accept.path("type").asText());
            assertEquals(instance, accept.path("actor").asText());
            JsonNode reject = Api.JSON.readTree(Await.until("the Reject", ASYNC, () -> answersTo(rejected)).body());
            assertEquals("Reject", reject.path("type").asText());
            assertEquals(List.of(peertube), followers("accepted"));
            assertEquals(List.of(), followers("pending"));
            assertEquals(1, activityJson(instance + "/followers").path("totalItems").asInt());

            // Removing a follower tells it with a Reject of its Follow, as PeerTube does.
            assertEquals(204, Api.send("DELETE", "/api/v1/server/followers/" + peertube, root, null, null).statusCode());
            Await.until("the Reject of the accepted follow", ASYNC, () -> peer.received().stream()
                    .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains("\"Reject\"")
                            && new String(r.body(), StandardCharsets.UTF_8).contains(accepted)).findFirst());
            assertEquals(0, activityJson(instance + "/followers").path("totalItems").asInt());
        } finally {
            Api.json("PUT", "/api/v1/config/custom", root,
                    Api.JSON.readTree("{\"followers\":{\"instance\":{\"manualApproval\":false}}}"));
        }
    }

    /** The handles {@code GET /api/v1/server/followers?state=} lists. */
    private static List<String> followers(String state) {
        try {
            HttpResponse<String> response = Api.send("GET", "/api/v1/server/followers?state=" + state, null, null, null);
            assertEquals(200, response.statusCode(), response.body());
            List<String> handles = new java.util.ArrayList<>();
            Api.JSON.readTree(response.body()).path("data").forEach(f -> handles.add(
                    f.path("follower").path("name").asText() + "@" + f.path("follower").path("host").asText()));
            return handles;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** What reached the peer's inboxes answering the Follow {@code followId}. */
    private static Optional<LoopbackPeer.Received> answersTo(String followId) {
        return peer.received().stream().filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(followId))
                .findFirst();
    }
}
