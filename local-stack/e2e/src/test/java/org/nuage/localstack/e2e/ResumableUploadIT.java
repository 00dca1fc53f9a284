package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.localstack.emulator.AwsClients;
import org.nuage.localstack.runner.LocalNuage;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * PeerTube's resumable upload protocol, as its web client (uploadx) speaks it: the file goes through
 * the API in chunks, is assembled in S3 part by part, and the last chunk makes the video.
 */
class ResumableUploadIT {

    private static final String PATH = "/api/v1/videos/upload-resumable";
    private static final int MIB = 1024 * 1024;
    private static final int CHUNK = 4 * MIB;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration ASYNC = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;

    static LocalNuage nuage;
    static DynamoDbClient dynamo;
    static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        nuage = SharedNuage.get();
        Api.use(nuage);
        dynamo = AwsClients.dynamoDb(nuage.endpoints());
        s3 = AwsClients.s3(nuage.endpoints());
    }

    @AfterAll
    static void closeClients() {
        dynamo.close();
        s3.close();
    }

    /** A valid clip of about 15 MiB: two seconds of lossless H.264 of a noisy test pattern, with AAC sound. */
    private static Path bigClip() throws Exception {
        Path clip = tmp.resolve("big-clip.mp4");
        if (!Files.exists(clip)) {
            Media.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25,noise=alls=20:allf=t", "-f", "lavfi",
                    "-i", "sine=frequency=440", "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0",
                    "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart", clip.toString());
        }
        return clip;
    }

    private static HttpResponse<String> init(String token, long length, Map<String, Object> body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(nuage.url().resolve(PATH)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-Upload-Content-Length", Long.toString(length))
                .header("X-Upload-Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts an upload and returns its Location. */
    private static String started(String token, long length, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = init(token, length, body);
        assertEquals(201, response.statusCode(), response.body());
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static HttpResponse<String> put(String location, String token, String contentRange, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(nuage.url().resolve(location)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/octet-stream")
                .PUT(body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentRange != null) {
            request.header("Content-Range", contentRange);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> chunk(String location, String token, byte[] file, int first, int length)
            throws Exception {
        return put(location, token, "bytes " + first + "-" + (first + length - 1) + "/" + file.length,
                Arrays.copyOfRange(file, first, first + length));
    }

    private static HttpResponse<String> askOffset(String location, String token, long total) throws Exception {
        return put(location, token, "bytes */" + total, new byte[0]);
    }

    private static HttpResponse<String> cancel(String location, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(nuage.url().resolve(location)).DELETE();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The offset a 308 announces: {@code Range: bytes=0-N} means N + 1 bytes arrived; no Range, none. */
    private static long offset(HttpResponse<String> response) {
        assertEquals(308, response.statusCode(), response.body());
        return response.headers().firstValue("Range").map(r -> {
            assertTrue(r.matches("bytes=0-\\d+"), r);
            return Long.parseLong(r.substring("bytes=0-".length())) + 1;
        }).orElse(0L);
    }

    private static String uploadId(String location) {
        return location.substring(location.indexOf("upload_id=") + "upload_id=".length());
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        return dynamo.getItem(g -> g.tableName(SharedNuage.STACK.table().name()).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk)))).item();
    }

    private static long usedBytes(String username) {
        Map<String, AttributeValue> quota = item("ACCOUNT#" + username, "QUOTA");
        return quota == null || !quota.containsKey("usedBytes") ? 0 : Long.parseLong(quota.get("usedBytes").n());
    }

    private static List<String> heldObjects(String uploadId) {
        return s3.listObjectsV2Paginator(l -> l.bucket(SharedNuage.STACK.originals().name())
                .prefix("resumable/" + uploadId + "/")).contents().stream().map(o -> o.key()).toList();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The stored object's digest, read as a stream: the test does not hold it either. */
    private static String storedSha256(String key) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(g -> g
                .bucket(SharedNuage.STACK.originals().name()).key(key))) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static JsonNode me(String token) throws Exception {
        return Api.JSON.readTree(Api.send("GET", "/api/v1/users/me", token, null, null).body());
    }

    @Test
    void aClipSentInChunksIsAssembledInS3AndBecomesAVideo() throws Exception {
        String[] user = Api.newUser();
        byte[] clip = Files.readAllBytes(bigClip());
        assertTrue(clip.length > 12 * MIB, "several S3 parts: " + clip.length);
        // As PeerTube's client sends it: the channel by id, privacy and comments as numbers.
        String channelId = me(user[1]).path("videoChannels").path(0).path("id").asText();
        Map<String, Object> body = new HashMap<>(Map.of("name", "Noisy pattern", "channelId", channelId,
                "privacy", 2, "tags", List.of("noise", "test"), "filename", "noisy pattern.mp4",
                "commentsPolicy", 2, "nsfw", false, "description", "Sent in chunks"));
        String location = started(user[1], clip.length, body);
        assertTrue(location.startsWith(PATH + "?upload_id="), location);
        String uploadId = uploadId(location);
        assertEquals(0, offset(askOffset(location, user[1], clip.length)), "nothing arrived yet");

        // 4 MiB, 4 MiB, then an odd small chunk in the middle.
        int odd = MIB + 12_345;
        assertEquals(CHUNK, offset(chunk(location, user[1], clip, 0, CHUNK)));
        assertEquals(1, heldObjects(uploadId).size(), "a chunk under 5 MiB waits in S3 for the next one");
        assertEquals(2 * CHUNK, offset(chunk(location, user[1], clip, CHUNK, CHUNK)));
        assertEquals(List.of(), heldObjects(uploadId), "the two chunks became S3's first part");
        assertEquals(2 * CHUNK + odd, offset(chunk(location, user[1], clip, 2 * CHUNK, odd)));

        // Chunks that overlap or leave a gap are refused with the offset, and change nothing.
        HttpResponse<String> again = chunk(location, user[1], clip, CHUNK, CHUNK);
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("bytes=0-" + (2 * CHUNK + odd - 1), again.headers().firstValue("Range").orElse(""));
        assertTrue(again.body().contains("overlaps"), again.body());
        HttpResponse<String> gap = chunk(location, user[1], clip, 2 * CHUNK + odd + MIB, CHUNK);
        assertEquals(409, gap.statusCode(), gap.body());
        assertTrue(gap.body().contains("gap"), gap.body());

        // The connection drops; the client asks where to go on from and resumes there.
        int offset = (int) offset(askOffset(location, user[1], clip.length));
        assertEquals(2 * CHUNK + odd, offset);
        HttpResponse<String> last = null;
        while (offset < clip.length) {
            int length = Math.min(CHUNK, clip.length - offset);
            last = chunk(location, user[1], clip, offset, length);
            offset += length;
            if (offset < clip.length) {
                assertEquals(offset, offset(last));
            }
        }
        assertEquals(200, last.statusCode(), last.body());
        JsonNode video = Api.JSON.readTree(last.body()).path("video");
        String uuid = video.path("uuid").asText();
        assertTrue(video.path("id").isIntegralNumber(), "PeerTube's numeric id: " + video);
        assertEquals(uuid, Api.getJson("/api/v1/videos/" + video.path("id").asLong(), user[1]).path("uuid").asText());
        assertEquals(22, video.path("shortUUID").asText().length(), video.toString());

        String key = "uploads/" + uuid;
        assertEquals(clip.length, s3.headObject(h -> h.bucket(SharedNuage.STACK.originals().name()).key(key))
                .contentLength());
        assertEquals(sha256(clip), storedSha256(key), "the original is the file, byte for byte");
        assertEquals(List.of(), heldObjects(uploadId), "no held chunk is left behind");

        // The response got lost: the client sends the last chunk again, or asks, and hears the same video.
        HttpResponse<String> repeated = chunk(location, user[1], clip, clip.length - 10, 10);
        assertEquals(200, repeated.statusCode(), repeated.body());
        assertEquals(uuid, Api.JSON.readTree(repeated.body()).path("video").path("uuid").asText());
        assertEquals(200, askOffset(location, user[1], clip.length).statusCode());

        JsonNode shown = Api.JSON.readTree(Api.send("GET", "/api/v1/videos/" + uuid, user[1], null, null).body());
        assertTrue(Set.of("To transcode", "Published").contains(shown.path("state").path("label").asText()), shown.toString());
        assertEquals("Unlisted", shown.path("privacy").path("label").asText());
        assertFalse(shown.path("commentsEnabled").asBoolean());
        assertEquals("noise", shown.path("tags").path(0).asText());
        assertEquals(user[0] + "_channel", shown.path("channel").path("name").asText());
        assertEquals(clip.length, usedBytes(user[0]));

        // S3's event reached the transcoder, which found a video in it.
        Map<String, AttributeValue> probe = Await.until("the transcoder's probe", ASYNC, () ->
                Optional.ofNullable(item("UPLOAD#" + uuid, "PROBE")).filter(r -> !r.isEmpty()));
        assertEquals("PROBED", probe.get("status").s(), probe.toString());
        assertEquals(clip.length, Long.parseLong(probe.get("sizeBytes").n()));
    }

    @Test
    void onlyItsOwnerUploadsAndCancelsAndCancellingGivesTheQuotaBack() throws Exception {
        String[] alice = Api.newUser();
        String[] bob = Api.newUser();
        Map<String, Object> body = Map.of("name", "Holiday", "channel", alice[0] + "_channel", "filename", "h.mp4");
        assertEquals(401, init(null, 10 * MIB, body).statusCode());
        assertEquals(403, init(bob[1], 10 * MIB, body).statusCode(), "bob cannot upload to alice's channel");
        // Channels are numbered from one counter for the whole suite, so a small number may well be
        // alice's own by now: a number no channel has is the refused one.
        assertEquals(400, init(alice[1], 10 * MIB, Map.of("name", "Holiday", "channelId", 987654321987L)).statusCode(),
                "a PeerTube channel number that names no channel");
        long bobsChannel = Api.getJson("/api/v1/users/me", bob[1]).path("videoChannels").path(0).path("id").asLong();
        assertEquals(403, init(alice[1], 10 * MIB, Map.of("name", "Holiday", "channelId", bobsChannel)).statusCode(),
                "bob's channel number is not alice's to upload to");
        assertEquals(400, init(alice[1], 10 * MIB, Map.of("name", "ab", "channel", alice[0] + "_channel")).statusCode(),
                "metadata rules as for direct uploads");

        byte[] file = new byte[10 * MIB];
        new java.util.Random(3).nextBytes(file);
        long before = usedBytes(alice[0]);
        String location = started(alice[1], file.length, body);
        assertEquals(before + file.length, usedBytes(alice[0]), "the quota is reserved when the upload starts");
        String uploadId = uploadId(location);
        assertEquals(CHUNK, offset(chunk(location, alice[1], file, 0, CHUNK)));

        assertEquals(401, chunk(location, null, file, CHUNK, CHUNK).statusCode());
        assertEquals(403, chunk(location, bob[1], file, CHUNK, CHUNK).statusCode());
        assertEquals(403, askOffset(location, bob[1], file.length).statusCode());
        assertEquals(403, cancel(location, bob[1]).statusCode());

        JsonNode session = Api.JSON.readTree(item("RESUMABLE#" + uploadId, "SESSION").get("upload").s());
        String key = "uploads/" + session.path("videoUuid").asText();
        String multipartUploadId = session.path("multipartUploadId").asText();
        assertEquals(1, heldObjects(uploadId).size());

        HttpResponse<String> cancelled = cancel(location, alice[1]);
        assertEquals(204, cancelled.statusCode(), cancelled.body());
        assertEquals(before, usedBytes(alice[0]), "the quota is given back");
        assertEquals(List.of(), heldObjects(uploadId), "the held chunk is deleted");
        S3Exception aborted = assertThrows(S3Exception.class, () -> s3.uploadPart(u -> u
                .bucket(SharedNuage.STACK.originals().name()).key(key).uploadId(multipartUploadId).partNumber(2),
                RequestBody.fromBytes(new byte[10])));
        assertEquals(404, aborted.statusCode(), "the S3 multipart upload is aborted: " + aborted.getMessage());
        assertEquals(404, chunk(location, alice[1], file, CHUNK, CHUNK).statusCode());
        assertEquals(404, cancel(location, alice[1]).statusCode());
    }

    @Test
    void refusesOversizedChunksWrongRangesAndUploadsOverQuota() throws Exception {
        String[] user = Api.newUser();
        byte[] file = new byte[10 * MIB];
        new java.util.Random(5).nextBytes(file);
        Map<String, Object> body = Map.of("name", "Ranges", "channel", user[0] + "_channel", "filename", "r.bin");
        String location = started(user[1], file.length, body);

        HttpResponse<String> tooBig = chunk(location, user[1], file, 0, CHUNK + 1024);
        assertEquals(413, tooBig.statusCode(), tooBig.body());
        assertTrue(tooBig.body().contains("at most " + CHUNK + " bytes"), tooBig.body());
        assertEquals(413, chunk(location, user[1], file, 0, 5 * MIB).statusCode(),
                "a 5 MiB chunk does not even fit in a Lambda request once base64-encoded");
        assertEquals(400, put(location, user[1], "bytes 0-99", new byte[100]).statusCode(), "malformed");
        assertEquals(400, put(location, user[1], null, new byte[100]).statusCode(), "no Content-Range");
        assertEquals(400, put(location, user[1], "bytes 0-" + (CHUNK - 1) + "/" + file.length, new byte[100])
                .statusCode(), "a body shorter than its range");
        assertEquals(409, put(location, user[1], "bytes 0-" + (CHUNK - 1) + "/" + (file.length + 1),
                Arrays.copyOf(file, CHUNK)).statusCode(), "a total other than the declared length");
        assertEquals(400, chunk(location, user[1], file, 0, 1000).statusCode(), "a tiny chunk that is not the last");
        assertEquals(0, offset(askOffset(location, user[1], file.length)), "no refused chunk stored anything");
        assertEquals(List.of(), heldObjects(uploadId(location)));

        // Quota: 10 GiB each by default, and this upload holds 10 MiB of it.
        HttpResponse<String> over = init(user[1], 10L << 30, body);
        assertEquals(413, over.statusCode(), over.body());
        assertTrue(over.body().contains("quota"), over.body());
        assertEquals(204, cancel(location, user[1]).statusCode());
        String whole = started(user[1], 10L << 30, body);
        assertNotEquals(location, whole);
        assertEquals(204, cancel(whole, user[1]).statusCode());
    }
}
