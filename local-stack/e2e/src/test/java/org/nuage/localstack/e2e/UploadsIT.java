package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.localstack.emulator.AwsClients;
import org.nuage.localstack.runner.LocalNuage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Direct uploads: the API hands out presigned part URLs, the bytes go straight to S3, a client can
 * resume from the parts S3 holds, and completing the upload wakes the transcoder through S3's event.
 */
class UploadsIT {

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

    private static JsonNode startUpload(String token, String channel, long size, Map<String, Object> extra) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "My holiday clip", "channel", channel,
                "size", size, "contentType", "video/mp4"));
        body.putAll(extra);
        HttpResponse<String> started = Api.json("POST", "/api/v1/videos/uploads", token, body);
        assertEquals(200, started.statusCode(), started.body());
        return Api.JSON.readTree(started.body());
    }

    private static HttpResponse<String> putPart(String url, byte[] bytes) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode video(String uuid, String token) throws Exception {
        return Api.JSON.readTree(Api.send("GET", "/api/v1/videos/" + uuid, token, null, null).body());
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        return dynamo.getItem(g -> g.tableName(SharedNuage.STACK.table().name()).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk)))).item();
    }

    @Test
    void aClipUploadedStraightToS3IsProbedByTheTranscoder() throws Exception {
        String[] user = Api.newUser();
        byte[] clip = Files.readAllBytes(Media.clip(tmp, 2));
        JsonNode ticket = startUpload(user[1], user[0] + "_channel", clip.length, Map.of("tags", List.of("holiday")));
        String uuid = ticket.path("video").path("uuid").asText();
        assertEquals("Uploading", ticket.path("video").path("state").path("label").asText());
        assertEquals(1, ticket.path("upload").path("parts").size());
        String url = ticket.path("upload").path("parts").path(0).path("url").asText();
        // The URL is signed for the part's length: more bytes than declared (past the quota) are refused.
        HttpResponse<String> larger = putPart(url, Arrays.copyOf(clip, clip.length + 1024 * 1024));
        assertEquals(403, larger.statusCode(), "a part URL takes only its declared length: " + larger.body());
        assertEquals(200, putPart(url, clip).statusCode());

        HttpResponse<String> done = Api.send("POST", "/api/v1/videos/uploads/" + uuid + "/complete", user[1], null, null);
        assertEquals(200, done.statusCode(), done.body());
        assertEquals("To transcode", Api.JSON.readTree(done.body()).path("video").path("state").path("label").asText());

        Map<String, AttributeValue> probe = Await.until("the transcoder's probe", ASYNC, () ->
                Optional.of(item("UPLOAD#" + uuid, "PROBE")).filter(r -> !r.isEmpty()));
        assertEquals("PROBED", probe.get("status").s());
        assertEquals(clip.length, Long.parseLong(probe.get("sizeBytes").n()));
        byte[] stored = s3.getObjectAsBytes(g -> g.bucket(SharedNuage.STACK.originals().name()).key("uploads/" + uuid))
                .asByteArray();
        assertTrue(Arrays.equals(clip, stored), "the original is stored byte for byte");

        HttpResponse<String> reused = putPart(url, clip);
        assertEquals(404, reused.statusCode(), "a part URL is dead once the upload is complete: " + reused.body());
    }

    @Test
    void anInterruptedUploadResumesFromThePartsS3HoldsAndANonVideoFailsWithAReason() throws Exception {
        String[] user = Api.newUser();
        byte[] noise = new byte[9 * 1024 * 1024];
        new Random(7).nextBytes(noise);
        JsonNode ticket = startUpload(user[1], user[0] + "_channel", noise.length, Map.of());
        String uuid = ticket.path("video").path("uuid").asText();
        int partSize = ticket.path("upload").path("partSize").asInt();
        JsonNode parts = ticket.path("upload").path("parts");
        assertEquals(2, parts.size());
        assertEquals(200, putPart(parts.path(0).path("url").asText(), Arrays.copyOf(noise, partSize)).statusCode());

        // The connection drops here; the page reloads and asks what arrived.
        JsonNode progress = Api.JSON.readTree(Api.send("GET", "/api/v1/videos/uploads/" + uuid, user[1], null, null).body());
        assertEquals(partSize, progress.path("receivedBytes").asLong());
        assertEquals(1, progress.path("parts").path(0).path("partNumber").asInt());
        HttpResponse<String> early = Api.send("POST", "/api/v1/videos/uploads/" + uuid + "/complete", user[1], null, null);
        assertEquals(409, early.statusCode(), early.body());

        assertEquals(200, putPart(parts.path(1).path("url").asText(),
                Arrays.copyOfRange(noise, partSize, noise.length)).statusCode());
        assertEquals(200, Api.send("POST", "/api/v1/videos/uploads/" + uuid + "/complete", user[1], null, null).statusCode());

        JsonNode failed = Await.until("the video to fail", ASYNC, () -> {
            try {
                JsonNode v = video(uuid, user[1]);
                return "Transcoding failed".equals(v.path("state").path("label").asText()) ? Optional.of(v) : Optional.empty();
            } catch (Exception e) {
                return Optional.empty();
            }
        });
        assertTrue(failed.path("failureReason").asText().startsWith("not a video or audio file"), failed.toString());
    }

    @Test
    void uploadsNeedATokenTheirOwnChannelValidMetadataAndQuota() throws Exception {
        String[] alice = Api.newUser();
        String[] bob = Api.newUser();
        Map<String, Object> valid = Map.of("name", "Fine name", "channel", alice[0] + "_channel", "size", 1000);
        assertEquals(401, Api.json("POST", "/api/v1/videos/uploads", null, valid).statusCode());
        assertEquals(403, Api.json("POST", "/api/v1/videos/uploads", bob[1], valid).statusCode());

        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("name", "x".repeat(121), "channel", alice[0] + "_channel", "size", 1000),
                Map.of("name", "ab", "channel", alice[0] + "_channel", "size", 1000),
                Map.of("name", "Fine name", "channel", alice[0] + "_channel", "size", 1000,
                        "tags", List.of("a1", "b2", "c3", "d4", "e5", "f6")),
                Map.of("name", "Bell\u0007name", "channel", alice[0] + "_channel", "size", 1000),
                Map.of("name", "Fine name", "channel", alice[0] + "_channel", "size", 0),
                Map.of("name", "Fine name", "channel", alice[0] + "_channel", "size", 1000, "privacy", "secret"))) {
            HttpResponse<String> refused = Api.json("POST", "/api/v1/videos/uploads", alice[1], bad);
            assertEquals(400, refused.statusCode(), bad + " -> " + refused.body());
        }

        long sixGiB = 6L << 30;
        startUpload(alice[1], alice[0] + "_channel", sixGiB, Map.of());
        HttpResponse<String> over = Api.json("POST", "/api/v1/videos/uploads", alice[1],
                Map.of("name", "One more", "channel", alice[0] + "_channel", "size", 5L << 30));
        assertEquals(413, over.statusCode(), over.body());
        assertTrue(over.body().contains("quota"), over.body());
    }

    @Test
    void onlyTheOwnerSeesAPrivateVideoOrTouchesAnUpload() throws Exception {
        String[] alice = Api.newUser();
        String[] bob = Api.newUser();
        String uuid = startUpload(alice[1], alice[0] + "_channel", 1000, Map.of("privacy", "private"))
                .path("video").path("uuid").asText();
        assertEquals(404, Api.send("GET", "/api/v1/videos/" + uuid, null, null, null).statusCode());
        assertEquals(404, Api.send("GET", "/api/v1/videos/" + uuid, bob[1], null, null).statusCode());
        assertEquals(200, Api.send("GET", "/api/v1/videos/" + uuid, alice[1], null, null).statusCode());
        JsonNode mine = Api.JSON.readTree(Api.send("GET", "/api/v1/users/me/videos", alice[1], null, null).body());
        assertEquals(uuid, mine.path("data").path(0).path("uuid").asText());
        assertEquals("Uploading", mine.path("data").path(0).path("state").path("label").asText());
        assertEquals(0, Api.JSON.readTree(Api.send("GET", "/api/v1/users/me/videos", bob[1], null, null).body())
                .path("total").asInt());
        assertEquals(403, Api.send("GET", "/api/v1/videos/uploads/" + uuid, bob[1], null, null).statusCode());
        assertEquals(403, Api.send("POST", "/api/v1/videos/uploads/" + uuid + "/complete", bob[1], null, null).statusCode());
    }

    @Test
    void onlyTheOwnerEditsAVideosMetadataAndEditsAreChecked() throws Exception {
        String[] alice = Api.newUser();
        String[] bob = Api.newUser();
        String uuid = startUpload(alice[1], alice[0] + "_channel", 1000, Map.of()).path("video").path("uuid").asText();
        String path = "/api/v1/videos/" + uuid;
        assertEquals(401, Api.json("PUT", path, null, Map.of("name", "Renamed")).statusCode());
        assertEquals(403, Api.json("PUT", path, bob[1], Map.of("name", "Renamed by Bob")).statusCode());
        assertEquals(400, Api.json("PUT", path, alice[1], Map.of("name", "x".repeat(121))).statusCode());
        assertEquals(400, Api.json("PUT", path, alice[1], Map.of("description", "d".repeat(10_001))).statusCode());
        assertEquals(204, Api.json("PUT", path, alice[1], Map.of("name", "Renamed", "tags", List.of("sea", "sun"))).statusCode());
        JsonNode edited = video(uuid, null);
        assertEquals("Renamed", edited.path("name").asText());
        assertEquals("sun", edited.path("tags").path(1).asText());
        assertEquals("Public", edited.path("privacy").path("label").asText(), "untouched fields keep their value");
    }
}
