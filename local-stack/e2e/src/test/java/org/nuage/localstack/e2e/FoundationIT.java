package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.core.stack.StackDefinition;
import org.nuage.localstack.emulator.AwsClients;
import org.nuage.localstack.runner.LocalNuage;
import org.nuage.localstack.runner.LoopbackPeer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The skeleton is alive end to end: each function does its first real job, invoked through the
 * runner exactly as AWS would invoke it, against the local emulators.
 */
class FoundationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ASYNC = Duration.ofSeconds(60);

    private static final StackDefinition STACK = SharedNuage.STACK;

    @TempDir
    static Path tmp;

    static LocalNuage nuage;
    static HttpClient http;
    static S3Client s3;
    static SqsClient sqs;
    static DynamoDbClient dynamo;
    /** Another server on loopback, whose actor alice signs what she posts to our inboxes. */
    static LoopbackPeer peer;

    @BeforeAll
    static void startNuage() throws Exception {
        nuage = SharedNuage.get();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        s3 = AwsClients.s3(nuage.endpoints());
        sqs = AwsClients.sqs(nuage.endpoints());
        dynamo = AwsClients.dynamoDb(nuage.endpoints());
        peer = LoopbackPeer.start("alice");
    }

    @AfterAll
    static void closeClients() {
        s3.close();
        sqs.close();
        dynamo.close();
        peer.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(nuage.url().resolve(path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postActivity(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(nuage.url().resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST as alice's server sends it: signed, the inbox then fetches her key from the peer. */
    private static HttpResponse<String> signedActivity(String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(nuage.url().resolve(path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        peer.signPost("alice", nuage.url().resolve(path), body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        return dynamo.getItem(g -> g.tableName(STACK.table().name()).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk)))).item();
    }

    private static String follow(String id) {
        return """
                {"@context":"https://www.w3.org/ns/activitystreams","id":"%s","type":"Follow",
                 "actor":"%s","object":"https://nuage.example/video-channels/main"}"""
                .formatted(id, peer.actorUrl("alice"));
    }

    @Test
    void apiAnswersConfigWithInstanceNameAndVersion() throws Exception {
        HttpResponse<String> response = get("/api/v1/config");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode config = JSON.readTree(response.body());
        assertEquals("Nuage", config.path("instance").path("name").asText());
        assertEquals("0.1.0-SNAPSHOT", config.path("serverVersion").asText());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    }

    @Test
    void nodeInfoIsDiscoverableAndNamesActivityPub() throws Exception {
        HttpResponse<String> discovery = get("/.well-known/nodeinfo");
        assertEquals(200, discovery.statusCode(), discovery.body());
        String href = null;
        for (JsonNode link : JSON.readTree(discovery.body()).path("links")) {
            if (link.path("rel").asText().endsWith("/schema/2.1")) {
                href = link.path("href").asText();
            }
        }
        assertTrue(href != null && href.startsWith(nuage.url().toString()), "2.1 link under the public URL: " + href);
        HttpResponse<String> document = get(URI.create(href).getPath());
        assertEquals(200, document.statusCode(), document.body());
        JsonNode nodeInfo = JSON.readTree(document.body());
        assertEquals("2.1", nodeInfo.path("version").asText());
        assertEquals("nuage", nodeInfo.path("software").path("name").asText());
        assertEquals("activitypub", nodeInfo.path("protocols").path(0).asText());
        // Counted with ADD as accounts are created; root exists from the first start.
        assertTrue(nodeInfo.path("usage").path("users").path("total").asInt(-1) >= 1, document.body());
    }

    @Test
    void inboxQueuesActivityAndDeliveryRecordsItsReceipt() throws Exception {
        String id = peer.actorUrl("alice").replaceFirst("/users/alice$", "") + "/follows/" + UUID.randomUUID();
        HttpResponse<String> response = signedActivity("/video-channels/root_channel/inbox", follow(id));
        assertEquals(202, response.statusCode(), response.body());

        Map<String, AttributeValue> received = Await.until("delivery to record the receipt", ASYNC, () -> {
            Map<String, AttributeValue> row = item("ACTIVITY#" + id, "ACTIVITY");
            return row.containsKey("processedAt") ? Optional.of(row) : Optional.empty();
        });
        assertEquals("Follow", received.get("activityType").s());
        assertEquals(peer.actorUrl("alice"), received.get("actor").s());
        assertEquals("/video-channels/root_channel/inbox", received.get("inboxPath").s());
    }

    @Test
    void inboxAcceptsARetriedActivityOnceAndSaysSo() throws Exception {
        String id = peer.actorUrl("alice").replaceFirst("/users/alice$", "") + "/follows/" + UUID.randomUUID();
        assertEquals(202, signedActivity("/inbox", follow(id)).statusCode());
        HttpResponse<String> again = signedActivity("/inbox", follow(id));
        assertEquals(202, again.statusCode());
        assertTrue(again.body().contains("duplicate"), again.body());
    }

    @Test
    void inboxRejectsMalformedActivityWithReasonAndStoresNothing() throws Exception {
        String id = peer.actorUrl("alice").replaceFirst("/users/alice$", "") + "/follows/" + UUID.randomUUID();
        HttpResponse<String> noActor = postActivity("/inbox", "application/activity+json",
                follow(id).replace("\"actor\":\"" + peer.actorUrl("alice") + "\",", ""));
        assertEquals(400, noActor.statusCode());
        assertTrue(noActor.body().contains("'actor'"), noActor.body());
        assertEquals("application/problem+json", noActor.headers().firstValue("content-type").orElse(""));

        HttpResponse<String> notJson = postActivity("/inbox", "application/activity+json", "{\"id\":");
        assertEquals(400, notJson.statusCode());
        HttpResponse<String> html = postActivity("/inbox", "text/html", follow(id));
        assertEquals(415, html.statusCode());
        HttpResponse<String> unsigned = postActivity("/inbox", "application/activity+json", follow(id));
        assertEquals(401, unsigned.statusCode(), unsigned.body());
        HttpResponse<String> altered = signedActivityThenAltered(follow(id));
        assertEquals(401, altered.statusCode(), altered.body());
        assertTrue(altered.body().contains("igest"), altered.body());
        assertTrue(item("ACTIVITY#" + id, "ACTIVITY").isEmpty(), "a rejected activity was stored");
    }

    /** Signed by alice, then changed on the way: the digest no longer matches the bytes. */
    private static HttpResponse<String> signedActivityThenAltered(String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(nuage.url().resolve("/inbox")).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("main", "other")));
        peer.signPost("alice", nuage.url().resolve("/inbox"), body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void transcoderRecordsDurationSizeAndCodecsOfAnUpload() throws Exception {
        Path clip = Media.clip(tmp, 2);
        String uploadId = UUID.randomUUID().toString();
        s3.putObject(p -> p.bucket(STACK.originals().name()).key("uploads/" + uploadId), RequestBody.fromFile(clip));

        Map<String, AttributeValue> probe = Await.until("the transcoder's probe", ASYNC, () ->
                Optional.of(item("UPLOAD#" + uploadId, "PROBE")).filter(r -> !r.isEmpty()));
        assertEquals("PROBED", probe.get("status").s());
        assertEquals(2.0, Double.parseDouble(probe.get("durationSeconds").n()), 0.1);
        assertEquals(Files.size(clip), Long.parseLong(probe.get("sizeBytes").n()));
        assertEquals("h264", probe.get("videoCodec").s());
        assertEquals("aac", probe.get("audioCodec").s());
        assertEquals("320", probe.get("width").n());
    }

    @Test
    void transcoderRecordsANonVideoFileAsRejectedWithItsReason() throws Exception {
        String uploadId = UUID.randomUUID().toString();
        s3.putObject(p -> p.bucket(STACK.originals().name()).key("uploads/" + uploadId),
                RequestBody.fromString("these are holiday notes, not a video\n".repeat(100)));

        Map<String, AttributeValue> probe = Await.until("the transcoder's verdict", ASYNC, () ->
                Optional.of(item("UPLOAD#" + uploadId, "PROBE")).filter(r -> !r.isEmpty()));
        assertEquals("REJECTED", probe.get("status").s());
        assertTrue(probe.get("reason").s().startsWith("not a video or audio file"), probe.get("reason").s());
    }

    @Test
    void aTranscodeMessageThatKeepsFailingEndsInTheDeadLetterQueue() {
        String poison = "{\"this is\": \"not an S3 notification " + UUID.randomUUID() + "\"}";
        sqs.sendMessage(m -> m.queueUrl(nuage.resources().queueUrl(STACK.transcode().name())).messageBody(poison));

        String dlq = nuage.resources().queueUrl(STACK.transcode().deadLetterQueue());
        Message dead = Await.until("the poison message in the DLQ", Duration.ofSeconds(90), () ->
                sqs.receiveMessage(r -> r.queueUrl(dlq).waitTimeSeconds(1).maxNumberOfMessages(10)).messages()
                        .stream().filter(m -> m.body().equals(poison)).findFirst());
        assertFalse(dead.body().isEmpty());
    }
}
