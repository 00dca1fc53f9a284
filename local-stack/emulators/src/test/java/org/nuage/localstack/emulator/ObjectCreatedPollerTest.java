package org.nuage.localstack.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.core.media.ObjectCreated;
import org.nuage.core.stack.StackDefinition;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The events the runner sends for a store that sends none: a standalone S3Proxy (no notifications)
 * as that store, ElasticMQ and dynalite started without an S3 of their own.
 */
class ObjectCreatedPollerTest {

    private static StackDefinition stack;
    private static Emulators queues;
    private static S3ProxyServer store;
    private static S3Endpoint storeEndpoint;
    private static S3Client s3;
    private static SqsClient sqs;
    private static String transcodeQueue;

    @TempDir
    Path data;

    @BeforeAll
    static void start() {
        stack = StackDefinition.standard(LocalStackDir.uniquePrefix("poll"));
        queues = Emulators.startWithoutS3(EmulatorOptions.inMemory(stack, LocalStackDir.path()));
        store = S3ProxyServer.startStandalone(null, "store-key", "store-secret", Set.of());
        storeEndpoint = new S3Endpoint(store.endpoint(), true, "us-east-1", "store-key", "store-secret");
        s3 = AwsClients.s3(storeEndpoint);
        sqs = AwsClients.sqs(queues.endpoints());
        try (var dynamoDb = AwsClients.dynamoDb(queues.endpoints())) {
            transcodeQueue = new ResourceProvisioner().provision(stack, s3, sqs, dynamoDb)
                    .queueUrl(stack.transcode().name());
        }
    }

    @AfterAll
    static void stop() {
        s3.close();
        sqs.close();
        store.close();
        queues.close();
    }

    @Test
    void startsNoS3WhenTheObjectsLiveElsewhere() {
        assertNull(queues.endpoints().s3());
    }

    @Test
    void sendsOneEventPerNewUploadAndNoneAgainAfterARestart() throws Exception {
        Path state = data.resolve("s3-events-sent.txt");
        String first = "uploads/" + java.util.UUID.randomUUID();
        s3.putObject(b -> b.bucket(stack.originals().name()).key(first), RequestBody.fromString("first upload"));
        // Outside the notified prefix (a resumable upload's chunk): no event, as on S3.
        s3.putObject(b -> b.bucket(stack.originals().name()).key("chunks/" + first), RequestBody.fromString("chunk"));

        try (ObjectCreatedPoller poller = start(state)) {
            List<ObjectCreated> events = receive(1);
            assertEquals(first, events.getFirst().key());
            assertEquals(stack.originals().name(), events.getFirst().bucket());
            assertEquals("first upload".length(), events.getFirst().size());
            Thread.sleep(600);
            assertEquals(List.of(), receive(0), "the same object twice");
        }

        // Lands while the runner is stopped, and must still wake the transcoder at the next start.
        String second = "uploads/" + java.util.UUID.randomUUID();
        s3.putObject(b -> b.bucket(stack.originals().name()).key(second), RequestBody.fromString("second upload"));
        try (ObjectCreatedPoller poller = start(state)) {
            List<ObjectCreated> events = receive(1);
            assertEquals(List.of(second), events.stream().map(ObjectCreated::key).toList());
            Thread.sleep(600);
            assertEquals(List.of(), receive(0), "the first upload again after the restart");
        }
    }

    private ObjectCreatedPoller start(Path state) {
        return ObjectCreatedPoller.start(storeEndpoint, queues.endpoints(), stack, Optional.of(state),
                Duration.ofMillis(200));
    }

    /** Waits up to 5 s for {@code expected} events (0: whatever is there now); deletes what it read. */
    private List<ObjectCreated> receive(int expected) {
        List<ObjectCreated> events = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(transcodeQueue).maxNumberOfMessages(10)
                    .waitTimeSeconds(expected == 0 ? 0 : 1)).messages()) {
                events.addAll(ObjectCreated.fromNotification(message.body()));
                sqs.deleteMessage(b -> b.queueUrl(transcodeQueue).receiptHandle(message.receiptHandle()));
            }
        } while (events.size() < expected && System.nanoTime() < deadline);
        assertTrue(events.size() >= expected, "expected " + expected + " events, got " + events);
        return events;
    }
}
