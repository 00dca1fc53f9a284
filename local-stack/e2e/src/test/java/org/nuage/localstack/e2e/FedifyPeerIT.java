package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.localstack.runner.LocalNuage;

/**
 * Nuage federates with an ActivityPub server it did not write: a stock Fedify server (npm
 * {@code @fedify/fedify}, default settings, Node's fetch; see {@link FedifyPeer}). Its actor finds
 * one of our accounts and its channel by WebFinger and follows both, gets our signed Accepts, our
 * video as the account's Create and the channel's Announce, fetches and parses the Video, comments
 * on it, gets our user's answer, likes the video, and unfollows. What the peer reports, Fedify
 * verified (HTTP signature, key owner, Linked Data signature) and parsed into its own classes;
 * what Nuage shows, Nuage's inbox verified.
 */
class FedifyPeerIT {

    private static final Duration ASYNC = Duration.ofSeconds(90);

    static LocalNuage nuage;
    static FedifyPeer peer;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        nuage = SharedNuage.get();
        Api.use(nuage);
        base = nuage.url().toString().replaceAll("/+$", "");
        peer = FedifyPeer.start();
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void aFedifyServerFollowsGetsTheVideoCommentsGetsTheAnswerLikesAndUnfollows(@TempDir Path tmp) throws Exception {
        String[] owner = Api.newUser();
        String host = nuage.url().getAuthority();
        String account = base + "/accounts/" + owner[0];
        String channel = base + "/video-channels/" + owner[0] + "_channel";

        // Fedify finds both actors by WebFinger and follows them; each Accept reaches alice signed,
        // over HTTP and with an RsaSignature2017 that Fedify's verifyJsonLd accepts.
        JsonNode followedAccount = peer.control("follow", Map.of("handle", "acct:" + owner[0] + "@" + host));
        assertEquals(account, followedAccount.path("actor").asText());
        assertEquals("Person", followedAccount.path("type").asText());
        JsonNode followedChannel = peer.control("follow", Map.of("handle", "acct:" + owner[0] + "_channel@" + host));
        assertEquals(channel, followedChannel.path("actor").asText());
        assertEquals("Group", followedChannel.path("type").asText());
        for (JsonNode followed : List.of(followedAccount, followedChannel)) {
            String target = followed.path("actor").asText();
            JsonNode accept = awaitEvent("the Accept from " + target, e -> e.path("type").asText().equals("Accept")
                    && e.path("actor").asText().equals(target));
            assertEquals("Follow", accept.path("objectType").asText(), accept.toString());
            assertEquals(followed.path("follow").asText(), accept.path("objectId").asText(), accept.toString());
            assertEquals(true, accept.path("ldSignature").asBoolean(false), "LD-signed by " + target + ": " + accept);
            Await.until(target + " to list alice among its followers", ASYNC, () -> Optional.of(true)
                    .filter(x -> followers(target).contains(peer.alice())));
        }

        // A video is published: the account's Create of it and the channel's Announce reach alice.
        String uuid = Api.publishClip(owner, tmp);
        String videoUrl = base + "/videos/watch/" + uuid;
        JsonNode create = awaitEvent("the Create of the video", e -> e.path("type").asText().equals("Create")
                && e.path("objectId").asText().equals(videoUrl));
        assertEquals(account, create.path("actor").asText());
        assertEquals("Video", create.path("objectType").asText(), create.toString());
        assertEquals("Waves", create.path("name").asText(), create.toString());
        // Every member of our Video object is defined by its context, or jsonld.js refuses to hash it.
        assertEquals(true, create.path("ldSignature").asBoolean(false), "LD-signed by the account: " + create);
        JsonNode announce = awaitEvent("the Announce of the video", e -> e.path("type").asText().equals("Announce")
                && e.path("objectId").asText().equals(videoUrl));
        assertEquals(channel, announce.path("actor").asText());
        assertEquals("Video", announce.path("objectType").asText(), announce.toString());
        assertEquals(true, announce.path("ldSignature").asBoolean(false), "LD-signed by the channel: " + announce);

        // Fedify fetches the Video itself and reads it as its Video class: name, duration, the files.
        JsonNode video = peer.control("lookup", Map.of("id", videoUrl));
        assertEquals("Video", video.path("type").asText(), video.toString());
        assertEquals(videoUrl, video.path("id").asText());
        assertEquals("Waves", video.path("name").asText());
        assertEquals("PT2S", video.path("duration").asText(), video.toString());
        assertTrue(video.path("attributedTo").toString().contains(account), video.toString());
        List<String> mediaTypes = new ArrayList<>();
        video.path("urls").forEach(url -> mediaTypes.add(url.path("mediaType").asText()));
        assertTrue(mediaTypes.contains("text/html"), "the watch page among the urls: " + video);
        assertTrue(mediaTypes.contains("video/mp4") && mediaTypes.contains("application/x-mpegURL"),
                "the MP4 and the HLS playlist among the urls: " + video);
        JsonNode attachment = video.path("attachments").path(0);
        assertEquals("Document", attachment.path("type").asText(), video.toString());
        assertEquals("video/mp4", attachment.path("mediaType").asText(), video.toString());

        // alice answers the video; the comment shows in Nuage's API, by alice of the peer.
        JsonNode replied = peer.control("reply", Map.of("inReplyTo", videoUrl, "content", "<p>Lovely waves</p>"));
        String note = replied.path("note").asText();
        JsonNode thread = Await.until("alice's comment on the video", ASYNC, () -> find(
                api("/api/v1/videos/" + uuid + "/comment-threads"), c -> c.path("text").asText().contains("Lovely waves")));
        assertEquals("alice", thread.path("account").path("name").asText(), thread.toString());
        assertEquals(peer.host(), thread.path("account").path("host").asText(), thread.toString());

        // The owner answers through the API; the answer reaches alice as a Note in reply to hers.
        HttpResponse<String> answered = Api.json("POST", "/api/v1/videos/" + uuid + "/comments/"
                + thread.path("id").asText(), owner[1], Map.of("text", "Thank you, Alice"));
        assertEquals(200, answered.statusCode(), answered.body());
        JsonNode answer = awaitEvent("the answer to alice's note", e -> e.path("type").asText().equals("Create")
                && e.path("inReplyTo").asText().equals(note));
        assertEquals(account, answer.path("actor").asText());
        assertEquals("Note", answer.path("objectType").asText());
        assertTrue(answer.path("content").asText().contains("Thank you, Alice"), answer.toString());
        assertEquals(true, answer.path("ldSignature").asBoolean(false), "LD-signed by the owner: " + answer);

        // alice likes the video; Nuage counts it.
        peer.control("like", Map.of("object", videoUrl));
        Await.until("the like counted", ASYNC, () -> Optional.of(true).filter(x -> likes(uuid) == 1));

        // alice unfollows both; neither followers collection lists her any more.
        for (JsonNode followed : List.of(followedAccount, followedChannel)) {
            String target = followed.path("actor").asText();
            String handle = target.equals(account) ? owner[0] : owner[0] + "_channel";
            peer.control("unfollow", Map.of("handle", "acct:" + handle + "@" + host));
            Await.until(target + " to drop alice from its followers", ASYNC, () -> Optional.of(true)
                    .filter(x -> !followers(target).contains(peer.alice())));
        }
        assertTrue(peer.events().findValues("type").stream().noneMatch(t -> t.asText().equals("error")),
                "alice's inbox refused nothing: " + peer.events());
    }

    private static JsonNode awaitEvent(String what, Predicate<JsonNode> match) {
        return Await.until(what, ASYNC, () -> {
            for (JsonNode event : peer.events()) {
                if (match.test(event)) {
                    return Optional.of(event);
                }
            }
            return Optional.empty();
        });
    }

    /** The actors a followers collection lists on its first page. */
    private static List<String> followers(String actor) {
        try {
            List<String> items = new ArrayList<>();
            Api.activityJson(actor + "/followers?page=1", 200).path("orderedItems").forEach(i -> items.add(i.asText()));
            return items;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int likes(String uuid) {
        return api("/api/v1/videos/" + uuid).path("likes").asInt();
    }

    /** An anonymous GET of our API; unchecked, for polling. */
    private static JsonNode api(String path) {
        try {
            return Api.getJson(path, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<JsonNode> find(JsonNode page, Predicate<JsonNode> match) {
        for (JsonNode item : page.path("data")) {
            if (match.test(item)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
