package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything another server or client reads from us, read by Node.js's own {@code fetch} with its
 * default headers, through the packaged api function and the runner's gateway. Node asks for gzip
 * (as Mastodon, PeerTube, Misskey and Fedify-based servers do) and inflates only codings it knows:
 * an answer marked {@code identity,gzip} reached it still compressed and failed to parse, while
 * every Java test passed. Each answer must parse as what it is; its HEAD must carry the same coding
 * and {@code Vary}; a tagged answer must revalidate with a 304.
 */
class NodeFetchIT {

    private static final Path SCRIPT = Path.of(System.getProperty("nuage.home", "../.."))
            .resolve("local-stack/e2e/node/fetch-client/fetch-all.mjs").toAbsolutePath().normalize();

    static String base;

    @BeforeAll
    static void start() throws Exception {
        base = SharedNuage.get().url().toString().replaceAll("/+$", "");
        Api.use(SharedNuage.get());
    }

    @Test
    void nodeFetchReadsEveryAnswerWeServeWithItsDefaultSettings(@TempDir Path tmp) throws Exception {
        String[] user = Api.newUser();
        String uuid = Api.publishClip(user, tmp);
        HttpResponse<String> commented = Api.json("POST", "/api/v1/videos/" + uuid + "/comment-threads", user[1],
                Map.of("text", "A comment for the fetch test"));
        assertEquals(200, commented.statusCode(), commented.body());
        String noteUrl = Api.JSON.readTree(commented.body()).path("comment").path("url").asText();
        String channel = Api.getJson("/api/v1/users/me", user[1]).path("videoChannels").path(0).path("name").asText();
        String host = base.replaceFirst("^https?://", "");
        String as = "application/activity+json";
        String ld = "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

        List<Map<String, String>> targets = new ArrayList<>();
        target(targets, "/.well-known/webfinger?resource=" + URLEncoder.encode("acct:" + user[0] + "@" + host,
                StandardCharsets.UTF_8), "application/jrd+json", "json");
        target(targets, "/.well-known/webfinger?resource=" + URLEncoder.encode("acct:" + channel + "@" + host,
                StandardCharsets.UTF_8), null, "json");
        target(targets, "/.well-known/host-meta", null, "xml");
        target(targets, "/.well-known/nodeinfo", "application/json", "json");
        target(targets, "/nodeinfo/2.0.json", null, "json");
        target(targets, "/nodeinfo/2.1.json", null, "json");
        target(targets, "/accounts/peertube", as, "json");
        target(targets, "/accounts/" + user[0], as, "json");
        target(targets, "/accounts/" + user[0], ld, "json");
        target(targets, "/video-channels/" + channel, as, "json");
        target(targets, "/accounts/" + user[0] + "/followers", as, "json");
        target(targets, "/video-channels/" + channel + "/followers", as, "json");
        target(targets, "/videos/watch/" + uuid, as, "json");
        target(targets, noteUrl.substring(base.length()), as, "json");
        target(targets, "/api/v1/config", null, "json");
        target(targets, "/api/v1/videos", null, "json");
        target(targets, "/api/v1/videos/" + uuid, null, "json");
        target(targets, "/api/v1/videos/" + uuid + "/comment-threads", null, "json");
        target(targets, "/api/v1/accounts/" + user[0], null, "json");
        target(targets, "/api/v1/videos/00000000-0000-4000-8000-000000000000", null, "json");
        target(targets, "/feeds/videos.xml", null, "xml");
        target(targets, "/", "text/html", "html");
        target(targets, "/videos/watch/" + uuid, "text/html", "html");
        target(targets, "/accounts/" + user[0], "text/html", "html");
        target(targets, "/static/nuage.css", "text/css", "text");
        target(targets, "/static/player.js", null, "text");
        Path list = tmp.resolve("targets.json");
        Files.writeString(list, Api.JSON.writeValueAsString(targets));

        List<JsonNode> results = run(list);
        assertEquals(targets.size(), results.size(), "one result per target: " + results);
        int compressed = 0;
        for (JsonNode result : results) {
            String what = result.toString();
            assertFalse(result.has("error"), what);
            int status = result.path("status").asInt();
            assertTrue(status == 200 || result.path("url").asText().endsWith("000000000000") && status == 404, what);
            assertTrue(result.path("parsed").asBoolean(), "Node could not read the body: " + what);
            String coding = result.path("headers").path("content-encoding").asText("");
            assertTrue(coding.isEmpty() || coding.equals("gzip"), "one valid coding or none: " + what);
            compressed += coding.equals("gzip") ? 1 : 0;
            if (result.path("length").asInt() >= 2048 || coding.equals("gzip")) {
                assertTrue(result.path("headers").path("vary").asText().toLowerCase().contains("accept-encoding"), what);
            }
            assertEquals(result.path("status").asInt(), result.path("headStatus").asInt(), "HEAD as GET: " + what);
            assertEquals(coding, result.path("headHeaders").path("content-encoding").asText(""), "HEAD's coding as GET's: " + what);
            assertEquals(0, result.path("headBody").asInt(), "HEAD has no body: " + what);
            if (result.has("conditionalStatus")) {
                assertEquals(304, result.path("conditionalStatus").asInt(), "revalidated by its ETag: " + what);
                assertEquals(0, result.path("conditionalBody").asInt(), what);
            }
        }
        // The pages, the stylesheet, the script and the larger JSON arrive compressed and still parse.
        assertTrue(compressed >= 5, "Node asked for gzip and got it for the larger answers: " + results);
        long revalidated = results.stream().filter(r -> r.has("conditionalStatus")).count();
        assertTrue(revalidated >= 2, "the stylesheet and the script carry an ETag: " + results);
        System.out.println("NodeFetchIT: " + results.size() + " answers read by Node " + nodeVersion() + "'s fetch, "
                + compressed + " of them gzipped");
    }

    private static void target(List<Map<String, String>> targets, String path, String accept, String kind) {
        targets.add(accept == null ? Map.of("url", base + path, "kind", kind)
                : Map.of("url", base + path, "accept", accept, "kind", kind));
    }

    private static List<JsonNode> run(Path list) throws Exception {
        Process node = new ProcessBuilder("node", SCRIPT.toString(), list.toString()).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(120, TimeUnit.SECONDS), "node finished");
        assertEquals(0, node.exitValue(), output);
        List<JsonNode> results = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("{")) {
                results.add(Api.JSON.readTree(line));
            }
        }
        return results;
    }

    private static String nodeVersion() throws Exception {
        Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        String version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        node.waitFor(10, TimeUnit.SECONDS);
        return version;
    }
}
