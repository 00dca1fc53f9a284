package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.localstack.emulator.AwsClients;
import org.nuage.localstack.runner.LocalNuage;
import org.nuage.localstack.runner.LoopbackPeer;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The inbound dispatch table through the whole runner: signed activities from loopback peers
 * reach the inbox, the delivery worker applies them to DynamoDB (dynalite), and the API shows the
 * result. Each envelope is also put on the inbound queue a second time, as SQS may redeliver it,
 * and must change nothing more.
 */
class InboundIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration ASYNC = Duration.ofSeconds(60);
    private static final String AS = "https://www.w3.org/ns/activitystreams";

    static LocalNuage nuage;
    static LoopbackPeer peer;
    static LoopbackPeer otherServer;
    static SqsClient sqs;
    static String base;
    static String[] owner;
    static String uuid;
    static String videoUrl;

    @BeforeAll
    static void start(@TempDir Path tmp) throws Exception {
        nuage = SharedNuage.get();
        Api.use(nuage);
        sqs = AwsClients.sqs(nuage.endpoints());
        peer = LoopbackPeer.start("alice", "bob", "dave", "mallory", "erin");
        otherServer = LoopbackPeer.start("carol");
        base = nuage.url().toString().replaceAll("/+$", "");
        owner = Api.newUser();
        uuid = Api.publishClip(owner, tmp);
        videoUrl = base + "/videos/watch/" + uuid;
    }

    @AfterAll
    static void stop() {
        peer.close();
        otherServer.close();
        sqs.close();
    }

    private static void post(LoopbackPeer from, String actor, String body) throws Exception {
        URI inbox = URI.create(base + "/inbox");
        HttpRequest.Builder request = HttpRequest.newBuilder(inbox).POST(HttpRequest.BodyPublishers.ofString(body));
        from.signPost(actor, inbox, body.getBytes(StandardCharsets.UTF_8)).forEach(request::header);
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, answer.statusCode(), answer.body());
    }

    /** What SQS does when it delivers a message again: the same envelope, once more, to the worker. */
    private static void redeliver(String activityId, String type, String actor) {
        String envelope = Api.JSON.createObjectNode().put("activityId", activityId).put("activityType", type)
                .put("actor", actor).put("inboxPath", "/inbox").put("receivedAt", Instant.now().toString()).toString();
        sqs.sendMessage(m -> m.queueUrl(nuage.resources().queueUrl(SharedNuage.STACK.inbound().name()))
                .messageBody(envelope));
    }

    private static String activity(String id, String type, String actor, String object) {
        return "{\"@context\":\"" + AS + "\",\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"actor\":\"" + actor
                + "\",\"object\":" + object + "}";
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }

    private static JsonNode video() {
        try {
            return Api.JSON.readTree(Api.send("GET", "/api/v1/videos/" + uuid, null, null, null).body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode awaitVideo(String what, Predicate<JsonNode> condition) {
        return Await.until(what, ASYNC, () -> Optional.of(video()).filter(condition));
    }

    private static JsonNode threads() {
        try {
            return Api.JSON.readTree(Api.send("GET", "/api/v1/videos/" + uuid + "/comment-threads?count=100", null, null,
                    null).body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The thread started by the comment with ActivityPub id {@code url}, if it is listed (other tests comment too). */
    private static Optional<JsonNode> thread(String url) {
        for (JsonNode thread : threads().path("data")) {
            if (thread.path("url").asText().equals(url)) {
                return Optional.of(thread);
            }
        }
        return Optional.empty();
    }

    private static JsonNode activityJson(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/activity+json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return Api.JSON.readTree(response.body());
    }

    /** Waits for the worker to drain what was queued: a fresh View is counted only after it. */
    private static void settle() throws Exception {
        long views = video().path("views").asLong();
        String id = peer.base() + "/views/" + UUID.randomUUID();
        post(peer, "bob", activity(id, "View", peer.actorUrl("bob"), quoted(videoUrl)));
        awaitVideo("the settling view", v -> v.path("views").asLong() == views + 1);
        Thread.sleep(2000);
    }

    @Test
    void likesDislikesAndViewsAreCountedOncePerActorOrViewAndOnlyTheRaterTakesARateBack() throws Exception {
        String alice = peer.actorUrl("alice");
        String bob = peer.actorUrl("bob");
        long views = video().path("views").asLong();

        String like = peer.base() + "/likes/" + UUID.randomUUID();
        post(peer, "alice", activity(like, "Like", alice, quoted(videoUrl)));
        // The same actor liking again with a new activity id: still one like, as in PeerTube.
        post(peer, "alice", activity(like + "-again", "Like", alice, quoted(videoUrl)));
        String dislike = peer.base() + "/dislikes/" + UUID.randomUUID();
        post(peer, "bob", activity(dislike, "Dislike", bob, quoted(videoUrl)));
        String view = peer.base() + "/views/" + UUID.randomUUID();
        post(peer, "bob", activity(view, "View", bob, quoted(videoUrl)));
        awaitVideo("one like, one dislike, one view", v -> v.path("likes").asLong() == 1
                && v.path("dislikes").asLong() == 1 && v.path("views").asLong() == views + 1);

        redeliver(like, "Like", alice);
        redeliver(dislike, "Dislike", bob);
        redeliver(view, "View", bob);
        settle();
        JsonNode counted = video();
        assertEquals(1, counted.path("likes").asLong(), "a redelivered Like counts once");
        assertEquals(1, counted.path("dislikes").asLong(), "a redelivered Dislike counts once");
        assertEquals(views + 2, counted.path("views").asLong(), "a redelivered View counts once (plus the settling one)");

        // Mallory cannot take back alice's like; alice can, once.
        String likeObject = activity(like, "Like", alice, quoted(videoUrl));
        post(peer, "mallory", activity(peer.base() + "/undo/" + UUID.randomUUID(), "Undo", peer.actorUrl("mallory"),
                likeObject));
        settle();
        assertEquals(1, video().path("likes").asLong(), "an Undo by someone else changes nothing");
        String undo = like + "/undo";
        post(peer, "alice", activity(undo, "Undo", alice, likeObject));
        awaitVideo("alice's like taken back", v -> v.path("likes").asLong() == 0);
        redeliver(undo, "Undo", alice);
        settle();
        assertEquals(0, video().path("likes").asLong(), "a redelivered Undo takes back nothing more");

        // A View with expires is PeerTube reporting a viewer still watching, not a view.
        long before = video().path("views").asLong();
        post(peer, "bob", "{\"@context\":\"" + AS + "\",\"id\":\"" + peer.base() + "/views/" + UUID.randomUUID()
                + "\",\"type\":\"View\",\"actor\":\"" + bob + "\",\"object\":\"" + videoUrl
                + "\",\"expires\":\"" + Instant.now().plusSeconds(120) + "\"}");
        settle();
        assertEquals(before + 1, video().path("views").asLong(), "only the settling view was counted");
    }

    @Test
    void announcesOfOurVideoAreItsSharesOnePerActor() throws Exception {
        String alice = peer.actorUrl("alice");
        String announce = peer.base() + "/users/alice/statuses/" + UUID.randomUUID() + "/activity";
        post(peer, "alice", activity(announce, "Announce", alice, quoted(videoUrl)));
        Await.until("alice's share", ASYNC, () -> {
            try {
                return Optional.of(activityJson(videoUrl + "/announces")).filter(c -> c.path("totalItems").asInt() == 1);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        post(peer, "alice", activity(announce + "-again", "Announce", alice, quoted(videoUrl)));
        redeliver(announce, "Announce", alice);
        settle();
        JsonNode collection = activityJson(videoUrl + "/announces");
        assertEquals("OrderedCollection", collection.path("type").asText());
        assertEquals(1, collection.path("totalItems").asInt(), "one share per actor, redelivery included");
        assertEquals(List.of(announce), Api.JSON.convertValue(activityJson(videoUrl + "/announces?page=1")
                .path("orderedItems"), List.class));
    }

    @Test
    void aRemoteCommentIsForwardedToTheChannelsFollowersThenEditedAndDeletedOnlyByItsAuthor() throws Exception {
        // carol, on another server, follows the channel: she is to hear of comments under its videos.
        String channel = base + "/video-channels/" + owner[0] + "_channel";
        String carol = otherServer.actorUrl("carol");
        String follow = otherServer.base() + "/follows/" + UUID.randomUUID();
        post(otherServer, "carol", activity(follow, "Follow", carol, quoted(channel)));
        Await.until("carol's Accept", ASYNC, () -> otherServer.received().stream()
                .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(follow)).findFirst());

        String dave = peer.actorUrl("dave");
        String noteId = peer.base() + "/users/dave/statuses/" + UUID.randomUUID();
        String note = "{\"id\":\"" + noteId + "\",\"type\":\"Note\",\"attributedTo\":\"" + dave + "\",\"inReplyTo\":\""
                + videoUrl + "\",\"content\":\"<p>First take</p>\",\"published\":\"2026-11-26T10:00:00Z\","
                + "\"to\":[\"" + AS + "#Public\"]}";
        String create = activity(noteId + "/activity", "Create", dave, note);
        post(peer, "dave", create);

        LoopbackPeer.Received forwarded = Await.until("the Create forwarded to carol's server", ASYNC, () ->
                otherServer.received().stream().filter(r -> new String(r.body(), StandardCharsets.UTF_8)
                        .contains(noteId + "/activity")).findFirst());
        assertEquals("/inbox", forwarded.path(), "to the shared inbox of carol's server");
        assertArrayEquals(create.getBytes(StandardCharsets.UTF_8), forwarded.body(), "the activity's bytes as received");
        assertTrue(forwarded.headers().get("signature").contains(base + "/accounts/peertube#main-key"),
                "signed by our instance actor: " + forwarded.headers().get("signature"));
        assertTrue(peer.received().stream().noneMatch(r -> new String(r.body(), StandardCharsets.UTF_8)
                .contains(noteId + "/activity")), "not sent back to the author's server");

        redeliver(noteId + "/activity", "Create", dave);
        settle();
        assertEquals(1, otherServer.received().stream().filter(r -> new String(r.body(), StandardCharsets.UTF_8)
                .contains(noteId + "/activity")).count(), "a redelivered Create is stored and forwarded once");
        assertTrue(thread(noteId).isPresent());

        // Mallory cannot edit it, even naming dave as the author; dave can.
        String forgedNote = note.replace("First take", "Mallory was here");
        post(peer, "mallory", activity(noteId + "#forged", "Update", peer.actorUrl("mallory"), forgedNote));
        post(peer, "dave", activity(noteId + "#edit-1", "Update", dave, note.replace("First take", "Second <b>take</b>")));
        Await.until("dave's edit", ASYNC, () -> thread(noteId).filter(c -> c.path("text").asText().equals("Second take")));

        // Mallory cannot delete it; dave can, and it leaves the thread list, having no replies.
        String tombstone = "{\"id\":\"" + noteId + "\",\"type\":\"Tombstone\"}";
        post(peer, "mallory", activity(peer.base() + "/deletes/" + UUID.randomUUID(), "Delete", peer.actorUrl("mallory"),
                tombstone));
        settle();
        assertEquals("Second take", thread(noteId).orElseThrow().path("text").asText(),
                "neither mallory's Update nor her Delete changed anything");
        String delete = noteId + "#delete";
        post(peer, "dave", activity(delete, "Delete", dave, tombstone));
        Await.until("dave's comment gone", ASYNC, () -> thread(noteId).isEmpty() ? Optional.of(true) : Optional.empty());
        redeliver(delete, "Delete", dave);
        redeliver(noteId + "/activity", "Create", dave);
        settle();
        assertTrue(thread(noteId).isEmpty(), "a late copy of the Create does not bring it back");
    }

    @Test
    void aDeletedCommentWithRepliesStaysInItsThreadWithoutTextOrAuthor() throws Exception {
        String dave = peer.actorUrl("dave");
        String rootId = peer.base() + "/users/dave/statuses/" + UUID.randomUUID();
        post(peer, "dave", activity(rootId + "/activity", "Create", dave, "{\"id\":\"" + rootId
                + "\",\"type\":\"Note\",\"attributedTo\":\"" + dave + "\",\"inReplyTo\":\"" + videoUrl
                + "\",\"content\":\"<p>Root</p>\",\"published\":\"2026-11-26T11:00:00Z\"}"));
        String bob = peer.actorUrl("bob");
        String replyId = peer.base() + "/users/bob/statuses/" + UUID.randomUUID();
        Await.until("dave's root comment", ASYNC, () -> thread(rootId));
        post(peer, "bob", activity(replyId + "/activity", "Create", bob, "{\"id\":\"" + replyId
                + "\",\"type\":\"Note\",\"attributedTo\":\"" + bob + "\",\"inReplyTo\":\"" + rootId
                + "\",\"content\":\"<p>Reply</p>\",\"published\":\"2026-11-26T11:05:00Z\"}"));
        settle();
        post(peer, "dave", activity(rootId + "#delete", "Delete", dave, quoted(rootId)));
        JsonNode root = Await.until("the root marked deleted", ASYNC, () -> thread(rootId)
                .filter(t -> t.path("isDeleted").asBoolean()));
        assertEquals("", root.path("text").asText());
        assertTrue(root.path("account").isNull(), root.toString());
        JsonNode tree = Api.JSON.readTree(Api.send("GET", "/api/v1/videos/" + uuid + "/comment-threads/"
                + root.path("id").asText(), null, null, null).body());
        assertEquals("Reply", tree.path("children").path(0).path("comment").path("text").asText());
    }

    @Test
    void anActorThatDeletesItselfLeavesNoFollowsOrCommentsAndOnlyItselfCanDoIt() throws Exception {
        String[] other = Api.newUser();
        String account = base + "/accounts/" + other[0];
        String erin = peer.actorUrl("erin");
        String follow = peer.base() + "/follows/" + UUID.randomUUID();
        post(peer, "erin", activity(follow, "Follow", erin, quoted(account)));
        Await.until("erin following", ASYNC, () -> {
            try {
                return Optional.of(activityJson(account + "/followers")).filter(f -> f.path("totalItems").asInt() == 1);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        String noteId = peer.base() + "/users/erin/statuses/" + UUID.randomUUID();
        post(peer, "erin", activity(noteId + "/activity", "Create", erin, "{\"id\":\"" + noteId
                + "\",\"type\":\"Note\",\"attributedTo\":\"" + erin + "\",\"inReplyTo\":\"" + videoUrl
                + "\",\"content\":\"<p>Erin was here</p>\",\"published\":\"2026-11-26T12:00:00Z\"}"));
        Await.until("erin's comment", ASYNC, () -> thread(noteId));

        post(peer, "mallory", activity(peer.base() + "/deletes/" + UUID.randomUUID(), "Delete", peer.actorUrl("mallory"),
                quoted(erin)));
        settle();
        assertEquals(1, activityJson(account + "/followers").path("totalItems").asInt(), "mallory cannot delete erin");

        post(peer, "erin", activity(erin + "#delete", "Delete", erin, quoted(erin)));
        Await.until("erin's follow forgotten", ASYNC, () -> {
            try {
                return Optional.of(activityJson(account + "/followers")).filter(f -> f.path("totalItems").asInt() == 0);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Await.until("erin's comment gone", ASYNC, () -> thread(noteId).isEmpty() ? Optional.of(true) : Optional.empty());
    }

    @Test
    void anUpdateOfAnActorByItselfRefetchesItsDocumentAndByAnotherActorIsRefused() throws Exception {
        // Seen through what we do with the cached document: a comment shows the actor's preferredUsername.
        String alice = peer.actorUrl("alice");
        com.fasterxml.jackson.databind.node.ObjectNode document =
                (com.fasterxml.jackson.databind.node.ObjectNode) activityJson(alice).deepCopy();
        // Her server now serves her renamed; the Update she sends embeds another name and mallory's key,
        // and neither may be stored: the actor is fetched again from her server.
        peer.serve("/users/alice", document.deepCopy().put("preferredUsername", "alice_renamed"));
        com.fasterxml.jackson.databind.node.ObjectNode embedded = document.deepCopy().put("preferredUsername", "alice_embedded");
        ((com.fasterxml.jackson.databind.node.ObjectNode) embedded.path("publicKey")).put("publicKeyPem",
                peer.publicKeyPem("mallory"));
        post(peer, "alice", activity(peer.base() + "/updates/" + UUID.randomUUID(), "Update", alice, embedded.toString()));
        settle();
        post(peer, "mallory", activity(peer.base() + "/updates/" + UUID.randomUUID(), "Update", peer.actorUrl("mallory"),
                document.put("preferredUsername", "mallory_says_so").toString()));
        settle();
        String noteId = peer.base() + "/users/alice/statuses/" + UUID.randomUUID();
        post(peer, "alice", activity(noteId + "/activity", "Create", alice, "{\"id\":\"" + noteId
                + "\",\"type\":\"Note\",\"attributedTo\":\"" + alice + "\",\"inReplyTo\":\"" + videoUrl
                + "\",\"content\":\"<p>Renamed</p>\",\"published\":\"2026-11-26T12:30:00Z\"}"));
        JsonNode comment = Await.until("alice's comment", ASYNC, () -> thread(noteId));
        assertEquals("alice_renamed", comment.path("account").path("name").asText(),
                "the name her server serves, not the one her Update embeds");
    }

    @Test
    void aFlagBecomesOneAbuseReportPerObjectOfOursForTheAdministrator() throws Exception {
        String reason = "Spam " + UUID.randomUUID();
        String flag = peer.base() + "/flags/" + UUID.randomUUID();
        String account = base + "/accounts/" + owner[0];
        // As Mastodon sends it: the account and the posts reported, here one object that is not ours.
        post(peer, "bob", "{\"@context\":\"" + AS + "\",\"id\":\"" + flag + "\",\"type\":\"Flag\",\"actor\":\""
                + peer.actorUrl("bob") + "\",\"content\":\"" + reason + "\",\"object\":[\"" + account + "\",\""
                + videoUrl + "\",\"" + peer.base() + "/somewhere/else\"]}");
        String root = Api.JSON.readTree(Api.tokenRequest(Map.of("grant_type", "password", "username", "root",
                "password", SharedNuage.ROOT_PASSWORD)).body()).path("access_token").asText();
        List<JsonNode> reports = Await.until("the two reports", ASYNC, () -> Optional.of(reportsWith(root, reason))
                .filter(r -> r.size() == 2));
        redeliver(flag, "Flag", peer.actorUrl("bob"));
        settle();
        reports = reportsWith(root, reason);
        assertEquals(2, reports.size(), "a redelivered Flag makes no new report");
        // Every report names the account it is about (PeerTube's flaggedAccount); the account's own report names no video.
        JsonNode accountReport = reports.stream().filter(r -> r.path("video").isNull()).findFirst().orElseThrow();
        assertEquals(owner[0], accountReport.path("flaggedAccount").path("name").asText());
        assertTrue(accountReport.path("video").isNull());
        JsonNode videoReport = reports.stream().filter(r -> !r.path("video").isNull()).findFirst().orElseThrow();
        assertEquals(uuid, videoReport.path("video").path("uuid").asText());
        assertEquals(owner[0], videoReport.path("flaggedAccount").path("name").asText());
        assertTrue(videoReport.path("id").isIntegralNumber(), "PeerTube's numeric id: " + videoReport);
        assertTrue(videoReport.path("video").path("id").isIntegralNumber(), videoReport.toString());
        assertEquals("Waves", videoReport.path("video").path("name").asText());
        assertEquals("bob", videoReport.path("reporterAccount").path("name").asText());
        assertEquals(peer.actorUrl("bob"), videoReport.path("reporterAccount").path("url").asText());
        assertEquals("Pending", videoReport.path("state").path("label").asText());

        assertEquals(401, Api.send("GET", "/api/v1/abuses", null, null, null).statusCode());
        assertEquals(403, Api.send("GET", "/api/v1/abuses", owner[1], null, null).statusCode(), "administrators only");
    }

    private static List<JsonNode> reportsWith(String token, String reason) {
        try {
            HttpResponse<String> answer = Api.send("GET", "/api/v1/abuses?count=100", token, null, null);
            assertEquals(200, answer.statusCode(), answer.body());
            List<JsonNode> found = new java.util.ArrayList<>();
            Api.JSON.readTree(answer.body()).path("data").forEach(r -> {
                if (r.path("reason").asText().equals(reason)) {
                    found.add(r);
                }
            });
            return found;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
