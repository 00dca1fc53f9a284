package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.TableLayout;
import org.nuage.localstack.emulator.AwsClients;
import org.nuage.localstack.runner.LocalNuage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * PeerTube's legacy upload ({@code POST /api/v1/videos/upload}, one multipart request) against the
 * packaged functions: a clip becomes a video, and every refused upload answers a 4xx with its
 * reason and leaves no object, no video and no quota behind.
 */
class LegacyUploadIT {

    private static final String PATH = "/api/v1/videos/upload";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PUBLISH = Duration.ofSeconds(300);
    private static final int MIB = 1024 * 1024;

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

    static HttpResponse<String> post(String token, Multipart form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(nuage.url().resolve(PATH)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static long usedBytes(String username) {
        Map<String, AttributeValue> quota = dynamo.getItem(g -> g.tableName(SharedNuage.STACK.table().name())
                .consistentRead(true).key(Map.of("PK", AttributeValue.fromS("ACCOUNT#" + username),
                        "SK", AttributeValue.fromS("QUOTA")))).item();
        return quota == null || !quota.containsKey("usedBytes") ? 0 : Long.parseLong(quota.get("usedBytes").n());
    }

    /** The user's video rows, read from the table's owner index as the API reads them. */
    static int videoRows(String username) {
        return dynamo.query(q -> q.tableName(SharedNuage.STACK.table().name()).indexName(StackDefinition.GSI1)
                .keyConditionExpression("#pk = :owner AND begins_with(#sk, :videos)")
                .expressionAttributeNames(Map.of("#pk", StackDefinition.GSI1_PK, "#sk", StackDefinition.GSI1_SK))
                .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(TableLayout.ownerGsi1(username)),
                        ":videos", AttributeValue.fromS("VIDEO#")))).count();
    }

    static Set<String> originals() {
        return s3.listObjectsV2Paginator(l -> l.bucket(SharedNuage.STACK.originals().name()).prefix("uploads/"))
                .contents().stream().map(o -> o.key()).collect(Collectors.toSet());
    }

    static String channelId(String token) throws Exception {
        return Api.getJson("/api/v1/users/me", token).path("videoChannels").path(0).path("id").asText();
    }

    /** Waits until the video is published (PeerTube's state 1) and returns it; fails if it fails. */
    static JsonNode published(String uuid, String token) {
        return Await.until("video " + uuid + " to be published", PUBLISH, () -> {
            JsonNode v;
            try {
                v = Api.getJson("/api/v1/videos/" + uuid, token);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            assertFalse("Failed".equals(v.path("state").path("label").asText()), "the video failed: " + v);
            return v.path("state").path("id").asInt() == 1 ? Optional.of(v) : Optional.empty();
        });
    }

    /** A PNG as PeerTube's clients attach for a thumbnail or a preview: accepted, and not kept. */
    static byte[] picture() throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 36,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    @Test
    void aClipInOneRequestBecomesAPublishedVideoWithItsMetadata() throws Exception {
        String[] user = Api.newUser();
        byte[] clip = Files.readAllBytes(Media.clip(tmp, 2));
        long before = usedBytes(user[0]);
        // Longer than the 2 KB Vert.x takes in a form field by default; PeerTube allows 10,000 characters.
        String description = "One request, with a long description that says little. ".repeat(60).strip();
        // PeerTube's other form shapes than its CLI's: tags[] repeated, the channel by its name.
        HttpResponse<String> uploaded = post(user[1], new Multipart()
                .field("name", "Legacy waves").field("channelId", user[0] + "_channel").field("privacy", "2")
                .field("tags[]", "legacy").field("tags[]", "waves").field("commentsEnabled", "false")
                .field("description", description).field("waitTranscoding", "true").field("support", "Thanks!")
                .file("videofile", "waves.mp4", "video/mp4", clip)
                .file("thumbnailfile", "thumb.png", "image/png", picture())
                .file("previewfile", "preview.png", "image/png", picture()));
        assertEquals(200, uploaded.statusCode(), uploaded.body());
        JsonNode video = Api.JSON.readTree(uploaded.body()).path("video");
        String uuid = video.path("uuid").asText();
        // The id names the video (its uuid here, or PeerTube's number where videos have one).
        assertEquals(uuid, Api.getJson("/api/v1/videos/" + video.path("id").asText(), user[1]).path("uuid").asText());
        assertFalse(video.path("shortUUID").asText().isEmpty(), uploaded.body());
        assertEquals(before + clip.length, usedBytes(user[0]), "the file counts against the quota");
        assertTrue(originals().contains("uploads/" + uuid), "the original is in the originals bucket");

        JsonNode published = published(uuid, user[1]);
        assertEquals("Legacy waves", published.path("name").asText());
        assertEquals(description, published.path("description").asText());
        assertEquals(2, published.path("privacy").path("id").asInt());
        assertEquals(List.of("legacy", "waves"), List.of(published.path("tags").path(0).asText(),
                published.path("tags").path(1).asText()));
        assertFalse(published.path("commentsEnabled").asBoolean());
        assertTrue(published.path("files").path(0).path("torrentUrl").asText().startsWith("http"), published.toString());
    }

    @Test
    void refusedUploadsAnswerTheirReasonAndStoreNothing() throws Exception {
        String[] alice = Api.newUser();
        String[] bob = Api.newUser();
        byte[] clip = Files.readAllBytes(Media.clip(tmp, 2));
        String channel = channelId(alice[1]);
        Set<String> objectsBefore = originals();
        long usedBefore = usedBytes(alice[0]);

        record Case(String why, String token, Multipart form, int status, String reason) {
        }
        byte[] fourMiBAndMore = new byte[4 * MIB + 200_000];
        new Random(7).nextBytes(fourMiBAndMore);
        System.arraycopy(clip, 0, fourMiBAndMore, 0, clip.length);
        byte[] fiveMiB = new byte[5 * MIB];
        System.arraycopy(clip, 0, fiveMiB, 0, clip.length);
        List<Case> cases = List.of(
                new Case("no token", null, new Multipart().field("name", "No token").field("channelId", channel)
                        .file("videofile", "c.mp4", "video/mp4", clip), 401, ""),
                new Case("no file", alice[1], new Multipart().field("name", "No file").field("channelId", channel),
                        400, "'videofile'"),
                new Case("a text file", alice[1], new Multipart().field("name", "Text").field("channelId", channel)
                        .file("videofile", "notes.txt", "text/plain", "just words".getBytes(StandardCharsets.UTF_8)),
                        415, "not a video or audio file"),
                new Case("a web page called a video", alice[1], new Multipart().field("name", "Not a video")
                        .field("channelId", channel).file("videofile", "fake.mp4", "video/mp4",
                                "<html>not a video</html>".repeat(40).getBytes(StandardCharsets.UTF_8)),
                        400, "not a video or audio file that can be read"),
                new Case("no name", alice[1], new Multipart().field("channelId", channel)
                        .file("videofile", "c.mp4", "video/mp4", clip), 400, "name"),
                new Case("no channel", alice[1], new Multipart().field("name", "No channel")
                        .file("videofile", "c.mp4", "video/mp4", clip), 400, "channel"),
                new Case("an unknown channel id", alice[1], new Multipart().field("name", "Unknown channel")
                        .field("channelId", "999999").file("videofile", "c.mp4", "video/mp4", clip), 400,
                        "channelId 999999"),
                new Case("someone else's channel", alice[1], new Multipart().field("name", "Bob's channel")
                        .field("channelId", bob[0] + "_channel").file("videofile", "c.mp4", "video/mp4", clip), 403,
                        "belongs to another account"),
                new Case("a bad privacy", alice[1], new Multipart().field("name", "Bad privacy").field("channelId", channel)
                        .field("privacy", "9").file("videofile", "c.mp4", "video/mp4", clip), 400, "privacy"),
                new Case("a text file as thumbnail", alice[1], new Multipart().field("name", "Bad thumbnail")
                        .field("channelId", channel).file("videofile", "c.mp4", "video/mp4", clip)
                        .file("thumbnailfile", "t.txt", "text/plain", new byte[10]), 400, "thumbnailfile"),
                new Case("more than Nuage takes in one request", alice[1], new Multipart().field("name", "Too big")
                        .field("channelId", channel).file("videofile", "big.mp4", "video/mp4", fourMiBAndMore), 413,
                        "/api/v1/videos/upload-resumable"),
                new Case("more than Lambda takes", alice[1], new Multipart().field("name", "Far too big")
                        .field("channelId", channel).file("videofile", "huge.mp4", "video/mp4", fiveMiB), 413,
                        "exceeds Lambda's 6 MB limit"));
        for (Case c : cases) {
            HttpResponse<String> refused = post(c.token(), c.form());
            assertEquals(c.status(), refused.statusCode(), c.why() + ": " + refused.body());
            assertTrue(refused.body().contains(c.reason()), c.why() + ": " + refused.body());
        }
        assertEquals(objectsBefore, originals(), "no refused upload left an object");
        assertEquals(0, videoRows(alice[0]), "no refused upload left a video");
        assertEquals(usedBefore, usedBytes(alice[0]), "no refused upload holds quota");
    }

    @Test
    void anUploadOverTheQuotaIsRefusedAndHoldsNothing() throws Exception {
        String[] user = Api.newUser();
        byte[] clip = Files.readAllBytes(Media.clip(tmp, 2));
        long quota = Api.getJson("/api/v1/users/me", user[1]).path("videoQuota").asLong();
        // A direct upload started for all but a few bytes of the quota holds them.
        HttpResponse<String> started = Api.json("POST", "/api/v1/videos/uploads", user[1], Map.of("name", "Almost all",
                "channel", user[0] + "_channel", "size", quota - 1000, "contentType", "video/mp4"));
        assertEquals(200, started.statusCode(), started.body());
        Set<String> objectsBefore = originals();
        long usedBefore = usedBytes(user[0]);

        HttpResponse<String> over = post(user[1], new Multipart().field("name", "One too many")
                .field("channelId", channelId(user[1])).file("videofile", "c.mp4", "video/mp4", clip));
        assertEquals(413, over.statusCode(), over.body());
        assertTrue(over.body().contains("quota"), over.body());
        assertEquals(objectsBefore, originals());
        assertEquals(1, videoRows(user[0]), "only the direct upload's video");
        assertEquals(usedBefore, usedBytes(user[0]));
    }
}
