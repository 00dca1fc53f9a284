package org.nuage.localstack.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

class QueuePollerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Shorter than Lambda's 20 s so that ElasticMQ, which waits for open polls when it stops, stops quickly. */
    private static final Duration WAIT = Duration.ofSeconds(2);

    /** ElasticMQ and Pekko log every queue they create at INFO; held here so the level sticks. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.elasticmq"), Logger.getLogger("org.apache.pekko"));

    private static SQSRestServer elasticMq;
    private static SqsClient sqs;

    @TempDir
    Path events;

    @BeforeAll
    static void startElasticMq() {
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
        elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = elasticMq.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stopElasticMq() throws Exception {
        sqs.close();
        // stopAndWait() also waits out long polls still open on the server's side, which can take
        // a minute on a loaded machine; the pollers are closed, so a short wait is enough.
        try {
            scala.concurrent.Await.ready(elasticMq.stopAndGetFuture().apply(),
                    scala.concurrent.duration.Duration.create(5, java.util.concurrent.TimeUnit.SECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            System.out.println("ElasticMQ still had open long polls at stop; not waiting for them");
        }
    }

    @Test
    void aPartialBatchFailureDeletesOnlyTheSuccessfulMessagesAndTheFailedOneEndsInTheDeadLetterQueue()
            throws Exception {
        String dlqUrl = sqs.createQueue(r -> r.queueName("orders-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = sqs.createQueue(r -> r.queueName("orders").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"))).queueUrl();
        sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(
                entry("1", "ok-1").messageAttributes(Map.of("trace", MessageAttributeValue.builder()
                        .dataType("String").stringValue("t-1").build())).build(),
                entry("2", "fail-2").build(),
                entry("3", "ok-3").build()));
        Path eventLog = events.resolve("orders.jsonl");

        try (var function = new LambdaFunction(TestFunctions.echo("worker", Duration.ofSeconds(10), 2,
                Map.of("EVENT_LOG", eventLog.toString())), line -> { });
             var poller = QueuePoller.start(sqs, queueUrl, function, 10, 2, WAIT, line -> { })) {
            LambdaFunctionTest.awaitTrue(() -> !sqs.receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(1))
                    .messages().isEmpty(), "the failed message reaches the dead-letter queue");
        }

        List<JsonNode> records = records(eventLog);
        assertEquals(1, bodies(records, "ok-1"), "a successful message is handled once, then deleted");
        assertEquals(1, bodies(records, "ok-3"));
        assertEquals(2, bodies(records, "fail-2"), "a failed message is retried until maxReceiveCount");
        assertEquals(0, messagesIn(queueUrl));
        assertEquals(1, messagesIn(dlqUrl));

        JsonNode first = records.stream().filter(r -> r.get("body").asText().equals("ok-1")).findFirst().orElseThrow();
        assertTrue(first.get("messageId").asText().length() > 0);
        assertTrue(first.get("receiptHandle").asText().length() > 0);
        JsonNode attributes = first.get("attributes");
        assertEquals("1", attributes.get("ApproximateReceiveCount").asText());
        assertTrue(attributes.get("SentTimestamp").asText().matches("\\d{13}"));
        assertTrue(attributes.get("ApproximateFirstReceiveTimestamp").asText().matches("\\d{13}"));
        assertTrue(attributes.has("SenderId"));
        JsonNode trace = first.at("/messageAttributes/trace");
        assertEquals("t-1", trace.get("stringValue").asText());
        assertEquals("String", trace.get("dataType").asText());
        assertTrue(trace.get("stringListValues").isArray() && trace.get("binaryListValues").isArray());
        assertEquals(md5("ok-1"), first.get("md5OfBody").asText());
        assertEquals("aws:sqs", first.get("eventSource").asText());
        assertEquals("arn:aws:sqs:us-east-1:000000000000:orders", first.get("eventSourceARN").asText());
        assertEquals("us-east-1", first.get("awsRegion").asText());
    }

    @Test
    void aFailedInvocationDeletesNoMessageAndCloseStopsThePollersPromptly() throws Exception {
        String queueUrl = sqs.createQueue(r -> r.queueName("jobs")
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();
        sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entry("1", "throw-1").build(), entry("2", "ok-2").build()));
        Path eventLog = events.resolve("jobs.jsonl");
        List<String> log = new CopyOnWriteArrayList<>();

        try (var function = new LambdaFunction(TestFunctions.echo("jobs", Duration.ofSeconds(10), 1,
                Map.of("EVENT_LOG", eventLog.toString())), line -> { })) {
            var poller = QueuePoller.start(sqs, queueUrl, function, 10, 1, WAIT, log::add);
            LambdaFunctionTest.awaitTrue(() -> bodies(records(eventLog), "ok-2") >= 2,
                    "the batch comes back after the failed invocation");
            long closing = System.nanoTime();
            poller.close();
            Duration closeTook = Duration.ofNanos(System.nanoTime() - closing);

            assertTrue(closeTook.toMillis() < 3000, "close took " + closeTook);
        }
        assertEquals(2, messagesIn(queueUrl));
        assertTrue(log.stream().anyMatch(l -> l.contains("invocation failed, 2 message(s) stay")), log::toString);
    }

    private static SendMessageBatchRequestEntry.Builder entry(String id, String body) {
        return SendMessageBatchRequestEntry.builder().id(id).messageBody(body);
    }

    private static int messagesIn(String queueUrl) {
        var attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static List<JsonNode> records(Path eventLog) {
        var records = new ArrayList<JsonNode>();
        try {
            if (!Files.exists(eventLog)) {
                return records;
            }
            for (String line : Files.readAllLines(eventLog)) {
                JSON.readTree(line).get("Records").forEach(records::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    private static long bodies(List<JsonNode> records, String body) {
        return records.stream().filter(r -> r.get("body").asText().equals(body)).count();
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
