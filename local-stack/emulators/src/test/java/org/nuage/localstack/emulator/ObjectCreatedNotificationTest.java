package org.nuage.localstack.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nuage.core.media.ObjectCreated;
import org.nuage.core.stack.StackDefinition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The object-created events S3 would send to the transcode queue, and only those. */
class ObjectCreatedNotificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static StackDefinition stack;
    private static Emulators emulators;
    private static S3Client s3;
    private static SqsClient sqs;
    private static String transcodeQueue;

    @BeforeAll
    static void start() {
        stack = StackDefinition.standard(LocalStackDir.uniquePrefix("events"));
        emulators = Emulators.start(EmulatorOptions.inMemory(stack, LocalStackDir.path()));
        s3 = AwsClients.s3(emulators.endpoints());
        sqs = AwsClients.sqs(emulators.endpoints());
        try (var dynamoDb = AwsClients.dynamoDb(emulators.endpoints())) {
            transcodeQueue = new ResourceProvisioner().provision(stack, s3, sqs, dynamoDb)
                    .queueUrl(stack.transcode().name());
        }
    }

    @AfterAll
    static void stop() {
        s3.close();
        sqs.close();
        emulators.close();
    }

    @BeforeEach
    void emptyQueue() {
        sqs.purgeQueue(b -> b.queueUrl(transcodeQueue));
    }

    @Test
    void sendsObjectCreatedPutEventForUploadUnderThePrefix() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String key = "uploads/video 1+final.mp4";
        byte[] bytes = S3EmulatorTest.randomBytes(4321);
        String eTag = s3.putObject(b -> b.bucket(originals()).key(key), RequestBody.fromBytes(bytes)).eTag();

        List<JsonNode> events = receiveEvents();
        assertEquals(1, events.size());
        JsonNode record = events.get(0).get("Records").get(0);
        assertEquals("2.1", record.get("eventVersion").asText());
        assertEquals("aws:s3", record.get("eventSource").asText());
        assertEquals(emulators.endpoints().region(), record.get("awsRegion").asText());
        assertEquals("ObjectCreated:Put", record.get("eventName").asText());
        Instant eventTime = Instant.parse(record.get("eventTime").asText());
        assertFalse(eventTime.isBefore(before));
        JsonNode s3Entity = record.get("s3");
        assertEquals("1.0", s3Entity.get("s3SchemaVersion").asText());
        assertFalse(s3Entity.get("configurationId").asText().isEmpty());
        assertEquals(originals(), s3Entity.get("bucket").get("name").asText());
        assertEquals("arn:aws:s3:::" + originals(), s3Entity.get("bucket").get("arn").asText());
        JsonNode object = s3Entity.get("object");
        assertEquals("uploads/video+1%2Bfinal.mp4", object.get("key").asText());
        assertEquals(key, URLDecoder.decode(object.get("key").asText(), StandardCharsets.UTF_8));
        assertEquals(bytes.length, object.get("size").asLong());
        assertEquals(eTag.replace("\"", ""), object.get("eTag").asText());
        assertTrue(object.get("sequencer").asText().matches("[0-9A-F]{16,}"));

        // The transcoder reads it with core's parser, as it reads the cloud's events.
        assertEquals(List.of(new ObjectCreated(originals(), key, bytes.length, "ObjectCreated:Put")),
                ObjectCreated.fromNotification(events.get(0).toString()));
    }

    @Test
    void sendsCompleteMultipartUploadEventWithTheWholeSize() throws Exception {
        String key = "uploads/multipart.mp4";
        byte[] first = S3EmulatorTest.randomBytes(5 * 1024 * 1024);
        byte[] last = S3EmulatorTest.randomBytes(1000);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(originals()).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        int number = 1;
        for (byte[] part : List.of(first, last)) {
            int partNumber = number++;
            String eTag = s3.uploadPart(b -> b.bucket(originals()).key(key).uploadId(uploadId).partNumber(partNumber),
                    RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
        }
        assertEquals(List.of(), receiveEvents(), "no event before the upload completes");
        String eTag = s3.completeMultipartUpload(b -> b.bucket(originals()).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts))).eTag();

        List<JsonNode> events = receiveEvents();
        assertEquals(1, events.size());
        JsonNode record = events.get(0).get("Records").get(0);
        assertEquals("ObjectCreated:CompleteMultipartUpload", record.get("eventName").asText());
        JsonNode object = record.get("s3").get("object");
        assertEquals(originals(), record.get("s3").get("bucket").get("name").asText());
        assertEquals(key, object.get("key").asText());
        assertEquals(first.length + last.length, object.get("size").asLong());
        assertEquals(eTag.replace("\"", ""), object.get("eTag").asText());
    }

    @Test
    void sendsNothingForKeysOutsideThePrefixOrForTheMediaBucket() throws Exception {
        s3.putObject(b -> b.bucket(originals()).key("elsewhere/video.mp4"), RequestBody.fromString("x"));
        s3.putObject(b -> b.bucket(originals()).key("uploadsX/video.mp4"), RequestBody.fromString("x"));
        s3.putObject(b -> b.bucket(media()).key("uploads/video.mp4"), RequestBody.fromString("x"));
        // Events are sent before the PUT is answered, so a marker sent last arrives after any of them.
        s3.putObject(b -> b.bucket(originals()).key("uploads/marker.mp4"), RequestBody.fromString("x"));

        List<JsonNode> events = receiveEvents();
        assertEquals(1, events.size(), events.toString());
        assertEquals("uploads/marker.mp4", events.get(0).at("/Records/0/s3/object/key").asText());
    }

    private static List<JsonNode> receiveEvents() throws Exception {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(transcodeQueue).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages();
        List<JsonNode> events = new ArrayList<>();
        for (Message message : messages) {
            events.add(JSON.readTree(message.body()));
            sqs.deleteMessage(b -> b.queueUrl(transcodeQueue).receiptHandle(message.receiptHandle()));
        }
        return events;
    }

    private static String originals() {
        return stack.originals().name();
    }

    private static String media() {
        return stack.media().name();
    }
}
