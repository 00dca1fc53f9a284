package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.localstack.emulator.AwsClients;
import org.nuage.localstack.runner.LocalNuage;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The video pipeline through the runner: an upload sent straight to S3 in parts is probed, cut into
 * chunks encoded by parallel transcoder invocations, joined, published as MP4, HLS, images and
 * torrents, and downloaded from its S3 web seed by a real BitTorrent client.
 *
 * <p>The failsafe configuration sets NUAGE_TRANSCODE_SEGMENTS_PER_CHUNK=1, so a 12-second clip is
 * cut into three 4-second chunks per rendition, as an hour-long one would be cut into minutes.
 */
class PipelineIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PUBLISH = Duration.ofSeconds(300);

    @TempDir
    static Path tmp;

    static LocalNuage nuage;
    static S3Client s3;
    static SqsClient sqs;

    @BeforeAll
    static void start() throws Exception {
        nuage = SharedNuage.get();
        Api.use(nuage);
        s3 = AwsClients.s3(nuage.endpoints());
        sqs = AwsClients.sqs(nuage.endpoints());
    }

    @AfterAll
    static void closeClients() {
        s3.close();
        sqs.close();
    }

    @Test
    void aClipUploadedInPartsIsPublishedInEveryRenditionAndItsTorrentDownloadsFromTheWebSeed() throws Exception {
        String[] user = Api.newUser();
        Path clip = Media.noisyClip(tmp, 12);
        byte[] bytes = Files.readAllBytes(clip);

        HttpResponse<String> started = Api.json("POST", "/api/v1/videos/uploads", user[1], Map.of("name", "Noise at sea",
                "channel", user[0] + "_channel", "size", bytes.length, "contentType", "video/mp4",
                "tags", List.of("sea", "noise")));
        assertEquals(200, started.statusCode(), started.body());
        JsonNode ticket = Api.JSON.readTree(started.body());
        String uuid = ticket.path("video").path("uuid").asText();
        int partSize = ticket.path("upload").path("partSize").asInt();
        JsonNode parts = ticket.path("upload").path("parts");
        assertEquals(2, parts.size(), "a 14 MB clip goes in two parts");
        long sent = 0;
        for (JsonNode part : parts) {
            int from = (part.path("partNumber").asInt() - 1) * partSize;
            byte[] piece = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + partSize));
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(part.path("url").asText()))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(piece)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, put.statusCode(), put.body());
            sent += piece.length;
            JsonNode progress = Api.JSON.readTree(Api.send("GET", "/api/v1/videos/uploads/" + uuid, user[1], null, null).body());
            assertEquals(sent, progress.path("receivedBytes").asLong(), "upload progress after each part");
        }
        HttpResponse<String> completed = Api.send("POST", "/api/v1/videos/uploads/" + uuid + "/complete", user[1], null, null);
        assertEquals(200, completed.statusCode(), completed.body());

        AtomicReference<JsonNode> progressSeen = new AtomicReference<>();
        JsonNode video = Await.until("the video to be published", PUBLISH, () -> {
            JsonNode v = get("/api/v1/videos/" + uuid, user[1]);
            String state = v.path("state").path("label").asText();
            if (v.path("transcoding").path("renditions").size() > 0) {
                progressSeen.set(v.path("transcoding"));
            }
            assertFalse("Transcoding failed".equals(state), "the video failed: " + v);
            return "Published".equals(state) ? Optional.of(v) : Optional.empty();
        });
        JsonNode progress = progressSeen.get();
        assertNotNull(progress, "transcoding progress was visible while the video was transcoded");
        assertEquals(3, progress.path("renditions").size(), progress.toString());
        assertEquals(3, progress.path("renditions").path(0).path("chunks").asInt(), "three chunks per rendition");
        assertEquals(1, video.path("state").path("id").asInt(), "PeerTube's id of the published state");
        assertEquals(12, video.path("duration").asInt());
        assertEquals(uuid, get("/api/v1/videos/" + video.path("shortUUID").asText(), null).path("uuid").asText(),
                "PeerTube's short id names the video too");

        JsonNode files = video.path("files");
        assertEquals(List.of(360, 240, 144), resolutions(files));
        for (JsonNode file : files) {
            HttpResponse<byte[]> mp4 = fetch(file.path("fileUrl").asText());
            assertEquals(200, mp4.statusCode());
            assertEquals(file.path("size").asLong(), mp4.body().length);
            assertTrue(file.path("magnetUri").asText().startsWith("magnet:?xt=urn:btih:" + file.path("infoHash").asText()));
            assertTrue(file.path("magnetUri").asText().contains("&ws="), "the magnet names its web seed");
            assertEquals(200, fetch(file.path("torrentUrl").asText()).statusCode());
        }
        JsonNode playlist = video.path("streamingPlaylists").path(0);
        String master = new String(fetch(playlist.path("playlistUrl").asText()).body(), StandardCharsets.UTF_8);
        assertEquals(3, master.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF")).count(), master);
        for (JsonNode hls : playlist.path("files")) {
            String media = new String(fetch(hls.path("playlistUrl").asText()).body(), StandardCharsets.UTF_8);
            assertTrue(media.contains("#EXT-X-ENDLIST") && media.contains("#EXT-X-MAP:URI=\"init.mp4\""), media);
            String base = hls.path("playlistUrl").asText().replace("playlist.m3u8", "");
            List<String> segments = media.lines().filter(l -> l.endsWith(".m4s")).toList();
            assertEquals(3, segments.size(), "three 4-second segments: " + media);
            assertEquals(200, fetch(base + segments.getFirst()).statusCode());
        }
        JsonNode hashes = Api.JSON.readTree(fetch(playlist.path("segmentsSha256Url").asText()).body());
        assertEquals(9, hashes.size(), "a SHA-256 per segment of every rendition: " + hashes);
        String firstSegment = hashes.fieldNames().next();
        String segmentUrl = playlist.path("playlistUrl").asText().replace("master.m3u8", firstSegment);
        assertEquals(hashes.path(firstSegment).asText(), sha256(fetch(segmentUrl).body()));
        for (String image : List.of("thumbnailUrl", "previewUrl")) {
            HttpResponse<byte[]> jpeg = fetch(video.path(image).asText());
            assertEquals(200, jpeg.statusCode(), image);
            assertEquals(0xFF, jpeg.body()[0] & 0xFF, image + " is a JPEG");
        }

        // The joined chunks play as long as the source, with sound and picture together.
        Path top = tmp.resolve("top.mp4");
        Files.write(top, fetch(files.path(0).path("fileUrl").asText()).body());
        JsonNode streams = Api.JSON.readTree(run(List.of("ffprobe", "-v", "error", "-of", "json", "-show_streams",
                top.toString()))).path("streams");
        double videoSeconds = 0;
        double audioSeconds = 0;
        for (JsonNode stream : streams) {
            if (stream.path("codec_type").asText().equals("video")) {
                videoSeconds = stream.path("duration").asDouble();
                assertEquals(360, stream.path("height").asInt());
                assertEquals(640, stream.path("width").asInt());
            } else {
                audioSeconds = stream.path("duration").asDouble();
            }
        }
        assertEquals(12.0, videoSeconds, 1.0 / 30 + 1e-6, "the video lasts the source's 12 s to a frame");
        assertEquals(videoSeconds, audioSeconds, 0.05, "no drift between sound and picture");

        // A real BitTorrent client, with no tracker and no other peer: only the S3 web seed can serve it.
        for (JsonNode file : files) {
            Path torrent = tmp.resolve(file.path("resolution").path("id").asText() + ".torrent");
            Files.write(torrent, fetch(file.path("torrentUrl").asText()).body());
            Path out = Files.createDirectories(tmp.resolve("aria2-" + file.path("resolution").path("id").asText()));
            run(List.of("aria2c", "--dir=" + out, "--seed-time=0", "--enable-dht=false", "--enable-dht6=false",
                    "--bt-enable-lpd=false", "--enable-peer-exchange=false", "--bt-stop-timeout=120",
                    "--console-log-level=warn", "--summary-interval=0", "--allow-overwrite=true", torrent.toString()));
            Path downloaded = out.resolve(uuid + "-" + file.path("resolution").path("id").asText() + ".mp4");
            byte[] source = fetch(file.path("fileUrl").asText()).body();
            assertEquals(sha256(source), sha256(Files.readAllBytes(downloaded)),
                    "the torrent's download is the published MP4, byte for byte");
        }

        // SQS delivers at least once: the same tasks and the same upload event again redo nothing.
        String mp4Key = "videos/" + uuid + "/mp4/360.mp4";
        var mp4Before = s3.headObject(h -> h.bucket(SharedNuage.STACK.media().name()).key(mp4Key)).lastModified();
        var thumbnailBefore = s3.headObject(h -> h.bucket(SharedNuage.STACK.media().name())
                .key("videos/" + uuid + "/thumbnail.jpg")).lastModified();
        String queue = nuage.resources().queueUrl(SharedNuage.STACK.transcode().name());
        for (String task : List.of("{\"kind\":\"JOIN\",\"video\":\"" + uuid + "\",\"rendition\":\"360\",\"chunk\":0}",
                "{\"kind\":\"CHUNK\",\"video\":\"" + uuid + "\",\"rendition\":\"240\",\"chunk\":1}",
                "{\"kind\":\"IMAGES\",\"video\":\"" + uuid + "\",\"rendition\":\"\",\"chunk\":0}")) {
            sqs.sendMessage(m -> m.queueUrl(queue).messageBody("{\"type\":\"nuage.transcode\",\"task\":" + task + "}"));
        }
        sqs.sendMessage(m -> m.queueUrl(queue).messageBody("{\"Records\":[{\"eventName\":\"ObjectCreated:CompleteMultipartUpload\","
                + "\"s3\":{\"bucket\":{\"name\":\"" + SharedNuage.STACK.originals().name() + "\"},"
                + "\"object\":{\"key\":\"uploads/" + uuid + "\",\"size\":" + bytes.length + "}}}]}"));
        Await.until("the redelivered messages to be consumed", PUBLISH, () -> {
            var attributes = sqs.getQueueAttributes(a -> a.queueUrl(queue).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
            return attributes.values().stream().allMatch("0"::equals) ? Optional.of(true) : Optional.empty();
        });
        assertEquals(mp4Before, s3.headObject(h -> h.bucket(SharedNuage.STACK.media().name()).key(mp4Key)).lastModified(),
                "a finished rendition is not encoded again");
        assertEquals(thumbnailBefore, s3.headObject(h -> h.bucket(SharedNuage.STACK.media().name())
                .key("videos/" + uuid + "/thumbnail.jpg")).lastModified(), "nor its images");
        JsonNode again = get("/api/v1/videos/" + uuid, user[1]);
        assertEquals("Published", again.path("state").path("label").asText());
        assertEquals(files.toString(), again.path("files").toString(), "the same files, torrents and magnets");

        // Public and published: it is listed, on the instance, its channel and its account.
        assertTrue(uuids(get("/api/v1/videos?count=100", null)).contains(uuid));
        assertTrue(uuids(get("/api/v1/videos?tagsOneOf=SEA&count=100", null)).contains(uuid), "tags match without case");
        assertFalse(uuids(get("/api/v1/videos?tagsAllOf=sea&tagsAllOf=sky&count=100", null)).contains(uuid));
        assertTrue(uuids(get("/api/v1/video-channels/" + user[0] + "_channel/videos", null)).contains(uuid));
        assertTrue(uuids(get("/api/v1/accounts/" + user[0] + "/videos", null)).contains(uuid));
        assertTrue(s3.listObjectsV2(l -> l.bucket(SharedNuage.STACK.originals().name()).prefix("work/" + uuid + "/"))
                .contents().isEmpty(), "the chunks are removed once the video is published");

        // Deleting: only the owner, and then rows and objects are gone and the quota is back.
        String[] other = Api.newUser();
        assertEquals(401, Api.send("DELETE", "/api/v1/videos/" + uuid, null, null, null).statusCode());
        assertEquals(403, Api.send("DELETE", "/api/v1/videos/" + uuid, other[1], null, null).statusCode());
        assertEquals(bytes.length, get("/api/v1/users/me/video-quota-used", user[1]).path("videoQuotaUsed").asLong());
        assertEquals(204, Api.send("DELETE", "/api/v1/videos/" + uuid, user[1], null, null).statusCode());
        assertEquals(404, Api.send("GET", "/api/v1/videos/" + uuid, user[1], null, null).statusCode());
        assertEquals(0, get("/api/v1/users/me/video-quota-used", user[1]).path("videoQuotaUsed").asLong());
        assertTrue(s3.listObjectsV2(l -> l.bucket(SharedNuage.STACK.media().name()).prefix("videos/" + uuid + "/"))
                .contents().isEmpty(), "no published object is left");
        assertTrue(s3.listObjectsV2(l -> l.bucket(SharedNuage.STACK.originals().name()).prefix("uploads/" + uuid))
                .contents().isEmpty(), "the original is deleted");
        assertFalse(uuids(get("/api/v1/videos?count=100", null)).contains(uuid));
    }

    @Test
    void soundAloneIsPublishedAsOneAudioRenditionWithoutImages() throws Exception {
        String[] user = Api.newUser();
        Path song = tmp.resolve("song.m4a");
        Media.ffmpeg("-f", "lavfi", "-i", "sine=frequency=330:duration=5", "-c:a", "aac", song.toString());
        byte[] bytes = Files.readAllBytes(song);
        JsonNode ticket = Api.JSON.readTree(Api.json("POST", "/api/v1/videos/uploads", user[1], Map.of("name", "A tone",
                "channel", user[0] + "_channel", "size", bytes.length, "contentType", "audio/mp4")).body());
        String uuid = ticket.path("video").path("uuid").asText();
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(ticket.path("upload").path("parts").path(0)
                        .path("url").asText())).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, Api.send("POST", "/api/v1/videos/uploads/" + uuid + "/complete", user[1], null, null).statusCode());
        JsonNode video = Await.until("the audio to be published", PUBLISH, () -> {
            JsonNode v = get("/api/v1/videos/" + uuid, user[1]);
            assertFalse("Transcoding failed".equals(v.path("state").path("label").asText()), v.toString());
            return "Published".equals(v.path("state").path("label").asText()) ? Optional.of(v) : Optional.empty();
        });
        assertEquals(1, video.path("files").size());
        assertEquals("Audio", video.path("files").path(0).path("resolution").path("label").asText());
        assertFalse(video.has("thumbnailUrl"), "no picture, no thumbnail");
        String master = new String(fetch(video.path("streamingPlaylists").path(0).path("playlistUrl").asText()).body(),
                StandardCharsets.UTF_8);
        assertTrue(master.contains("CODECS=\"mp4a.40.2\""), master);
    }

    @Test
    void aTruncatedFileFailsWithAReasonAndAnAbsurdPictureSizeIsRefused() throws Exception {
        String[] user = Api.newUser();
        // The index at the front, the media cut off after 40 %: the probe believes 6 s, the file holds less.
        byte[] whole = Files.readAllBytes(Media.clip(tmp, 6));
        byte[] truncated = Arrays.copyOf(whole, whole.length * 4 / 10);
        JsonNode failed = uploadUntilFailed(user, truncated);
        assertTrue(failed.path("failureReason").asText().contains("truncated")
                        || failed.path("failureReason").asText().startsWith("not a video"),
                failed.path("failureReason").asText());

        Path huge = tmp.resolve("huge.mp4");
        Media.ffmpeg("-f", "lavfi", "-i", "color=size=8200x16:rate=1", "-t", "1", "-c:v", "libx264", "-preset",
                "ultrafast", "-pix_fmt", "yuv420p", huge.toString());
        JsonNode refused = uploadUntilFailed(user, Files.readAllBytes(huge));
        assertTrue(refused.path("failureReason").asText().contains("exceeds the 8192x8192 limit"),
                refused.path("failureReason").asText());

        HttpResponse<String> empty = Api.json("POST", "/api/v1/videos/uploads", user[1], Map.of("name", "Nothing",
                "channel", user[0] + "_channel", "size", 0));
        assertEquals(400, empty.statusCode(), empty.body());
        assertEquals(2, get("/api/v1/users/me/videos", user[1]).path("data").size(), "no video for the empty file");
    }

    private static JsonNode uploadUntilFailed(String[] user, byte[] bytes) throws Exception {
        JsonNode ticket = Api.JSON.readTree(Api.json("POST", "/api/v1/videos/uploads", user[1], Map.of("name", "Broken",
                "channel", user[0] + "_channel", "size", bytes.length)).body());
        String uuid = ticket.path("video").path("uuid").asText();
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(
                        ticket.path("upload").path("parts").path(0).path("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(200, Api.send("POST", "/api/v1/videos/uploads/" + uuid + "/complete", user[1], null, null).statusCode());
        return Await.until("the video to fail", PUBLISH, () -> {
            JsonNode v = get("/api/v1/videos/" + uuid, user[1]);
            assertFalse("Published".equals(v.path("state").path("label").asText()), "a broken file was published");
            return "Transcoding failed".equals(v.path("state").path("label").asText()) ? Optional.of(v) : Optional.empty();
        });
    }

    private static JsonNode get(String path, String token) {
        try {
            HttpResponse<String> response = Api.send("GET", path, token, null, null);
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            return Api.JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<Integer> resolutions(JsonNode files) {
        List<Integer> resolutions = new ArrayList<>();
        files.forEach(f -> resolutions.add(f.path("resolution").path("id").asInt()));
        return resolutions;
    }

    private static List<String> uuids(JsonNode page) {
        List<String> uuids = new ArrayList<>();
        page.path("data").forEach(v -> uuids.add(v.path("uuid").asText()));
        return uuids;
    }

    private static HttpResponse<byte[]> fetch(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "timed out: " + command);
        String output = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), command + " failed: " + output);
        return output;
    }
}
