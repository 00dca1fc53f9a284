package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.localstack.runner.LoopbackPeer;

/**
 * PeerTube's clients read our REST JSON as PeerTube's own, whose shapes PeerTube publishes as
 * TypeScript types ({@code @peertube/peertube-types}). With a user, a channel, a published video, a
 * comment thread with a reply and a subscription to another server's channel in place, every endpoint below is fetched and its
 * JSON checked against its type by {@code node/api-types/check.mjs}: every required field present,
 * each of the JSON kind the type allows.
 */
class PeerTubeConformanceIT {

    /** The share of required fields that must be there: PeerTube's clients tolerate a few gaps, not blocks. */
    static final double MIN_PERCENT_PRESENT = 95.0;

    @TempDir
    static Path tmp;

    /** Another server with a channel to subscribe to: subscriptions are to remote actors only. */
    static LoopbackPeer peer;

    @BeforeAll
    static void start() throws Exception {
        Api.use(SharedNuage.get());
        peer = LoopbackPeer.start();
        peer.addActor("reef_channel", "Group");
        peer.addActor("fan");
        // An activity from another server, applied by delivery before any stats are read: a Follow of a channel.
        String channelUrl = SharedNuage.get().url().toString().replaceAll("/+$", "") + "/video-channels/"
                + Api.newUser()[0] + "_channel";
        // A cold inbox on a busy machine may outlive its 10-second timeout once; the Follow is sent again, anew.
        Await.until("the inbox to take the Follow", Duration.ofSeconds(90), () -> {
            String follow = """
                    {"@context":"https://www.w3.org/ns/activitystreams","id":"%s","type":"Follow","actor":"%s","object":"%s"}"""
                    .formatted(peer.base() + "/follows/" + UUID.randomUUID(), peer.actorUrl("fan"), channelUrl);
            try {
                int status = Api.postToInbox(peer, "fan", follow).statusCode();
                assertTrue(status == 202 || status >= 500, "the inbox refused the Follow: " + status);
                return status == 202 ? Optional.of(true) : Optional.empty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until("the Follow applied", Duration.ofSeconds(90), () -> followers(channelUrl) == 1
                ? Optional.of(true) : Optional.empty());
    }

    @AfterAll
    static void stop() {
        peer.close();
    }

    @Test
    void everyEndpointAnswersInPeerTubesShapes() throws Exception {
        String[] alice = Api.newUser();
        String[] bob = Api.newUser();
        String channel = alice[0] + "_channel";
        String uuid = Api.publishClip(alice, tmp);
        String name = "Conformance " + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> edited = Api.json("PUT", "/api/v1/videos/" + uuid, alice[1], Map.of("name", name,
                "description", "Waves on the shore, filmed at dawn.", "category", 15, "licence", 1, "language", "en"));
        assertEquals(204, edited.statusCode(), edited.body());

        HttpResponse<String> thread = Api.json("POST", "/api/v1/videos/" + uuid + "/comment-threads", bob[1],
                Map.of("text", "Lovely light"));
        assertEquals(200, thread.statusCode(), thread.body());
        String threadId = Api.JSON.readTree(thread.body()).path("comment").path("id").asText();
        HttpResponse<String> reply = Api.json("POST", "/api/v1/videos/" + uuid + "/comments/" + threadId, alice[1],
                Map.of("text", "Thank you"));
        assertEquals(200, reply.statusCode(), reply.body());
        HttpResponse<String> subscribed = Api.json("POST", "/api/v1/users/me/subscriptions", bob[1],
                Map.of("uri", "reef_channel@" + peer.host()));
        assertEquals(204, subscribed.statusCode(), subscribed.body());

        // Each endpoint with the type PeerTube's server answers it with.
        Map<String, String[]> endpoints = new LinkedHashMap<>();
        endpoints.put("/api/v1/config", new String[] {"ServerConfig", null});
        endpoints.put("/api/v1/config/about", new String[] {"About", null});
        endpoints.put("/api/v1/server/stats", new String[] {"ServerStats", null});
        endpoints.put("/api/v1/videos", new String[] {"ResultList<Video>", null});
        endpoints.put("/api/v1/videos/" + uuid, new String[] {"VideoDetails", null});
        // PeerTube's controller answers { description } from the video's column.
        endpoints.put("/api/v1/videos/" + uuid + "/description", new String[] {"Pick<VideoDetails, 'description'>", null});
        // PeerTube answers its constant tables as they are: { "1": "Music", ... }.
        endpoints.put("/api/v1/videos/categories", new String[] {"{ [id: number]: string }", null});
        endpoints.put("/api/v1/videos/licences", new String[] {"{ [id: number]: string }", null});
        endpoints.put("/api/v1/videos/languages", new String[] {"{ [id: string]: string }", null});
        endpoints.put("/api/v1/videos/privacies", new String[] {"{ [id: number]: string }", null});
        endpoints.put("/api/v1/accounts/" + alice[0], new String[] {"Account", null});
        endpoints.put("/api/v1/accounts/" + alice[0] + "/videos", new String[] {"ResultList<Video>", null});
        endpoints.put("/api/v1/accounts/" + alice[0] + "/video-channels", new String[] {"ResultList<VideoChannel>", null});
        endpoints.put("/api/v1/video-channels", new String[] {"ResultList<VideoChannel>", null});
        endpoints.put("/api/v1/video-channels/" + channel, new String[] {"VideoChannel", null});
        endpoints.put("/api/v1/video-channels/" + channel + "/videos", new String[] {"ResultList<Video>", null});
        endpoints.put("/api/v1/users/me", new String[] {"MyUser", alice[1]});
        endpoints.put("/api/v1/users/me/videos", new String[] {"ResultList<Video>", alice[1]});
        endpoints.put("/api/v1/users/me/video-quota-used", new String[] {"UserVideoQuota", alice[1]});
        endpoints.put("/api/v1/users/me/subscriptions", new String[] {"ResultList<VideoChannel>", bob[1]});
        endpoints.put("/api/v1/videos/" + uuid + "/comment-threads", new String[] {"VideoCommentThreads", null});
        endpoints.put("/api/v1/videos/" + uuid + "/comment-threads/" + threadId, new String[] {"VideoCommentThreadTree", null});
        endpoints.put("/api/v1/oauth-clients/local", new String[] {"OAuthClientLocal", null});
        endpoints.put("/api/v1/search/videos?search=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
                new String[] {"ResultList<Video>", null});

        Path bodies = Files.createDirectories(tmp.resolve("bodies"));
        ArrayNode spec = Api.JSON.createArrayNode();
        int i = 0;
        for (Map.Entry<String, String[]> endpoint : endpoints.entrySet()) {
            HttpResponse<String> response = Api.send("GET", endpoint.getKey(), endpoint.getValue()[1], null, null);
            Path body = bodies.resolve(i++ + ".json");
            Files.writeString(body, response.body());
            ObjectNode entry = spec.addObject();
            entry.put("endpoint", endpoint.getKey());
            entry.put("type", endpoint.getValue()[0]);
            entry.put("file", body.toString());
            entry.put("status", response.statusCode());
        }
        Path specFile = tmp.resolve("endpoints.json");
        Api.JSON.writeValue(specFile.toFile(), spec);
        Path reportFile = tmp.resolve("report.json");

        Path checker = Path.of(System.getProperty("nuage.home", "../..")).toAbsolutePath().normalize()
                .resolve("local-stack/e2e/node/api-types");
        Process node = new ProcessBuilder("node", "check.mjs", specFile.toString(), "--report", reportFile.toString())
                .directory(checker.toFile()).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(5, TimeUnit.MINUTES), "the checker did not finish");
        // The per-endpoint findings and the summary line belong in the build's log.
        System.out.println(output);
        assertEquals(0, node.exitValue(), "the checker failed: " + output);

        JsonNode report = Api.JSON.readTree(reportFile.toFile());
        List<String> unanswered = new ArrayList<>();
        for (JsonNode endpoint : report.path("endpoints")) {
            if (!endpoint.path("answered").asBoolean()) {
                unanswered.add(endpoint.path("endpoint").asText() + " (HTTP " + endpoint.path("status").asInt() + ")");
            }
        }
        String line = report.path("line").asText();
        assertEquals(List.of(), unanswered, "every endpoint answers 2xx; " + line);
        assertTrue(report.path("percent").asDouble() >= MIN_PERCENT_PRESENT,
                "at least " + MIN_PERCENT_PRESENT + " % of the required fields are present; " + line);
        assertEquals(0, report.path("wrongKinds").asInt(), "no value of a kind the type does not allow; " + line);
    }

    /**
     * The answers of the endpoints added for PeerTube's clients hold this instance's values, not
     * placeholders: the video's description, the tables, the ladder, the counts.
     */
    @Test
    void theAddedEndpointsAnswerThisInstancesValues() throws Exception {
        String[] carol = Api.newUser();
        String uuid = Api.publishClip(carol, tmp);
        assertEquals(204, Api.json("PUT", "/api/v1/videos/" + uuid, carol[1],
                Map.of("description", "Rock pools at low tide.")).statusCode());
        HttpResponse<String> thread = Api.json("POST", "/api/v1/videos/" + uuid + "/comment-threads", carol[1],
                Map.of("text", "First!"));
        assertEquals(200, thread.statusCode(), thread.body());

        assertEquals("Rock pools at low tide.", Api.getJson("/api/v1/videos/" + uuid + "/description", null)
                .path("description").asText());
        assertEquals("Science & Technology", Api.getJson("/api/v1/videos/categories", null).path("15").asText());
        assertEquals("Public Domain Dedication", Api.getJson("/api/v1/videos/licences", null).path("7").asText());
        assertEquals("French", Api.getJson("/api/v1/videos/languages", null).path("fr").asText());
        assertEquals(Api.JSON.readTree("{\"1\":\"Public\",\"2\":\"Unlisted\",\"3\":\"Private\"}"),
                Api.getJson("/api/v1/videos/privacies", null));

        JsonNode config = Api.getJson("/api/v1/config", null);
        // The ladder the transcoder uses (LadderConfig's, as the build sets no NUAGE_TRANSCODE_RESOLUTIONS).
        assertEquals(Api.JSON.valueToTree(org.nuage.core.transcode.LadderConfig.DEFAULT_RESOLUTIONS),
                config.path("transcoding").path("enabledResolutions"));
        assertTrue(config.path("signup").path("allowed").asBoolean(), "the local stack lets anyone sign up");
        assertEquals(false, config.path("live").path("enabled").asBoolean(true));

        JsonNode quota = Api.getJson("/api/v1/users/me/video-quota-used", carol[1]);
        assertTrue(quota.path("videoQuotaUsedDaily").asLong() > 0, "today's upload counts today: " + quota);
        assertEquals(quota.path("videoQuotaUsed").asLong(), quota.path("videoQuotaUsedDaily").asLong(), quota.toString());

        JsonNode stats = Api.getJson("/api/v1/server/stats", null);
        assertTrue(stats.path("totalUsers").asLong() >= 1, stats.toString());
        assertEquals(1, stats.path("totalAdmins").asLong(), "root: " + stats);
        assertTrue(stats.path("totalLocalVideos").asLong() >= 1, stats.toString());
        assertTrue(stats.path("totalLocalVideoComments").asLong() >= 1, stats.toString());
        assertTrue(stats.path("totalLocalVideoFilesSize").asLong() > 0, stats.toString());
        assertTrue(stats.path("totalLocalDailyActiveVideoChannels").asLong() >= 1, stats.toString());
        assertTrue(stats.path("totalActivityPubFollowMessagesSuccesses").asLong() >= 1,
                "the Follow of start(): " + stats);
        assertEquals(stats.path("totalActivityPubMessagesSuccesses").asLong() + stats.path("totalActivityPubMessagesErrors").asLong(),
                stats.path("totalActivityPubMessagesProcessed").asLong(), stats.toString());
    }

    private static int followers(String actorUrl) {
        try {
            return Api.activityJson(actorUrl + "/followers", 200).path("totalItems").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
