package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.localstack.e2e.browser.Chromium;
import org.nuage.localstack.runner.LocalNuage;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.chromium.HasNetworkConditions;

/**
 * The peer-to-peer player in two real browsers (two profiles, two viewers) through the runner: a
 * published video's embed page plays, the first viewer downloads the MP4's torrent from the S3 web
 * seed, and the second viewer, whose network is slow, receives pieces from the first over WebRTC,
 * finding it through the local WebTorrent tracker.
 */
class P2pPlayerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PLAYER = Duration.ofSeconds(40);

    /**
     * The second viewer's network: 8 KB/s makes the web seed take about 18 s for the ~150 KB 240p
     * file, while the first viewer, on loopback over WebRTC (which Chrome's throttling leaves alone),
     * sends pieces at once; the web seed still serves what is asked of it meanwhile.
     */
    private static final int SLOW_BYTES_PER_SECOND = 8 * 1024;

    @TempDir
    static Path tmp;

    static LocalNuage nuage;
    static Client client;

    @BeforeAll
    static void start() throws Exception {
        nuage = SharedNuage.get();
        client = new Client(nuage.url());
    }

    @Test
    void theEmbedPageIsFrameableAndCarriesThePlayerContract() throws Exception {
        String uuid = publish("Framed waves");
        HttpResponse<String> page = get("/videos/embed/" + uuid);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.headers().firstValue("X-Frame-Options").isEmpty(), "an embed must not forbid framing");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("frame-ancestors *"));
        String html = page.body();
        assertTrue(html.contains("<video id=\"nuage-player\""), html);
        assertTrue(html.contains("data-uuid=\"" + uuid + "\""), html);
        assertTrue(html.contains("data-hls=\"http"), "the master playlist: " + html);
        assertTrue(html.contains("<source src=\"http") && html.contains("type=\"video/mp4\""), html);
        assertTrue(html.contains("id=\"nuage-p2p-stats\""), html);
        String ws = nuage.trackerUrls().getFirst().toString();
        assertTrue(ws.startsWith("ws://127.0.0.1:"), ws);
        assertTrue(html.contains("&quot;" + ws + "&quot;"), "data-trackers names the local tracker: " + html);
        assertFalse(html.contains("class=\"site-header\"") || html.contains("<nav"), "no site chrome");

        assertEquals(404, get("/videos/embed/00000000-0000-4000-8000-000000000000").statusCode());
        assertEquals(404, get("/videos/embed/not-a-video").statusCode());

        HttpResponse<String> script = get("/static/player.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElseThrow().contains("javascript"));
        HttpResponse<String> worker = get("/static/vendor/webtorrent-sw-3.0.21.min.js");
        assertEquals(200, worker.statusCode());
        assertEquals("/", worker.headers().firstValue("Service-Worker-Allowed").orElse(null),
                "the service worker may control the pages that play videos");
    }

    @Test
    void aSecondViewerReceivesPiecesFromTheFirst() throws Exception {
        String uuid = publish("Shared waves");
        String embed = nuage.url() + "/videos/embed/" + uuid;
        WebDriver first = Chromium.start(false);
        WebDriver second = null;
        try {
            first.get(embed);
            play(first);
            Await.until("the first viewer to play", PLAYER, () -> currentTime(first) > 1.0 ? Optional.of(true)
                    : Optional.empty());
            // The whole file from the web seed, so the first viewer can give the second any piece.
            Await.until("the first viewer to stream and hold the whole torrent", PLAYER,
                    () -> "webtorrent".equals(stat(first, "mode")) && "1.000".equals(stat(first, "progress"))
                            ? Optional.of(true) : Optional.empty());
            long firstFromSeed = Long.parseLong(stat(first, "webseed-bytes"));
            assertTrue(firstFromSeed > 0, "the first viewer had only the web seed");
            assertEquals("0", stat(first, "p2p-bytes"), "and no peer to take bytes from");
            Chromium.screenshot(first, "p2p-first-viewer");

            second = Chromium.start(false);
            WebDriver viewer = second;
            second.get(embed);
            Await.until("the second viewer's HLS player", PLAYER,
                    () -> "hls".equals(stat(viewer, "mode")) ? Optional.of(true) : Optional.empty());
            // The page and its scripts load at full speed, then the network slows: what is slow is the web seed.
            ((JavascriptExecutor) second).executeAsyncScript(
                    "import('/static/vendor/webtorrent-3.0.21.min.js').then(() => arguments[0](true))");
            var slow = new ChromiumNetworkConditions();
            slow.setLatency(Duration.ofMillis(20));
            slow.setDownloadThroughput(SLOW_BYTES_PER_SECOND);
            slow.setUploadThroughput(SLOW_BYTES_PER_SECOND);
            ((HasNetworkConditions) second).setNetworkConditions(slow);
            play(second);

            Await.until("the second viewer to receive pieces from the first", PLAYER,
                    () -> Long.parseLong(stat(viewer, "p2p-bytes")) > 0 ? Optional.of(true) : Optional.empty());
            Await.until("the first viewer to see the second as a peer", PLAYER,
                    () -> Integer.parseInt(stat(first, "peers")) >= 1 ? Optional.of(true) : Optional.empty());
            Await.until("the second viewer to hold the whole torrent", PLAYER,
                    () -> "1.000".equals(stat(viewer, "progress")) ? Optional.of(true) : Optional.empty());
            double playedFrom = currentTime(second);
            Await.until("the second viewer to play", PLAYER,
                    () -> currentTime(viewer) > playedFrom + 0.5 ? Optional.of(true) : Optional.empty());
            long fromPeers = Long.parseLong(stat(second, "p2p-bytes"));
            long fromSeed = Long.parseLong(stat(second, "webseed-bytes"));
            System.out.printf("[p2p] second viewer: %d bytes from peers, %d from the web seed; first viewer "
                    + "uploaded %s bytes%n", fromPeers, fromSeed, stat(first, "uploaded-bytes"));
            assertTrue(Long.parseLong(stat(first, "uploaded-bytes")) > 0, "the first viewer sent what the second got");
            assertTrue(stat(second, "text").contains("from peers"), stat(second, "text"));
            Chromium.screenshot(first, "p2p-first-viewer-sharing");
            Chromium.screenshot(second, "p2p-second-viewer");
        } finally {
            first.quit();
            if (second != null) {
                second.quit();
            }
        }
    }

    /** A 10-second 320x240 clip, published as 240p and 144p. */
    private String publish(String name) throws Exception {
        String[] user = client.newUser();
        JsonNode video = client.publish(user, Media.clip(tmp, 10), name, List.of("sea"));
        assertEquals(List.of(240, 144), video.path("files").findValues("resolution").stream()
                .map(r -> r.path("id").asInt()).toList());
        return video.path("uuid").asText();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(nuage.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void play(WebDriver driver) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById('nuage-player').play()");
    }

    private static double currentTime(WebDriver driver) {
        Object time = ((JavascriptExecutor) driver).executeScript(
                "return document.getElementById('nuage-player').currentTime");
        return ((Number) time).doubleValue();
    }

    /** A counter of #nuage-p2p-stats ({@code data-NAME}), or its text for {@code text}. */
    private static String stat(WebDriver driver, String name) {
        Object value = ((JavascriptExecutor) driver).executeScript(name.equals("text")
                ? "return document.getElementById('nuage-p2p-stats').textContent"
                : "return document.getElementById('nuage-p2p-stats').getAttribute('data-' + arguments[0])", name);
        return value == null ? "" : value.toString();
    }
}
