package org.nuage.localstack.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * Lambda's SQS event source mapping for one queue and one function, with ReportBatchItemFailures on.
 *
 * <p>Pollers long-poll the queue and hand each batch to the function as an SQS event. Messages the function
 * does not list in {@code batchItemFailures} are deleted; listed ones stay, come back after the visibility
 * timeout and, past the queue's maxReceiveCount, move to its dead-letter queue. When the invocation fails or
 * times out, nothing is deleted.
 */
public final class QueuePoller implements AutoCloseable {

    /** Lambda's batch size for a standard queue is 1-10 without a batching window. */
    public static final int MAX_BATCH_SIZE = 10;

    /** SQS's longest long poll, which Lambda's pollers use. */
    public static final Duration LAMBDA_WAIT_TIME = Duration.ofSeconds(20);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final LambdaFunction function;
    private final int batchSize;
    private final int waitTimeSeconds;
    private final Consumer<String> log;
    private final String prefix;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Poller> pollers = new ArrayList<>();

    private QueuePoller(SqsClient sqs, String queueUrl, LambdaFunction function, int batchSize, Duration waitTime,
            Consumer<String> log) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        String queueName = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        Region clientRegion = sqs.serviceClientConfiguration().region();
        this.region = clientRegion != null ? clientRegion.id() : function.region();
        this.queueArn = "arn:aws:sqs:" + region + ":" + LambdaFunction.ACCOUNT_ID + ":" + queueName;
        this.function = function;
        this.batchSize = batchSize;
        this.waitTimeSeconds = (int) waitTime.toSeconds();
        this.log = log;
        this.prefix = "[sqs:" + queueName + " -> " + function.name() + "] ";
    }

    /**
     * Starts as many pollers as the function may run instances, long-polling 20 s as Lambda does and logging
     * problems to standard output.
     */
    public static QueuePoller start(SqsClient sqs, String queueUrl, LambdaFunction function, int batchSize) {
        return start(sqs, queueUrl, function, batchSize, function.spec().maxConcurrency(), LAMBDA_WAIT_TIME,
                System.out::println);
    }

    /**
     * Starts {@code pollerCount} pollers, each waiting for its batch's invocation before it polls again.
     *
     * @param waitTime the long poll, 0-20 s; a shorter one lets the queue's server forget a poll abandoned by
     *                 {@link #close()} sooner (ElasticMQ's stop waits for such polls)
     */
    public static QueuePoller start(SqsClient sqs, String queueUrl, LambdaFunction function, int batchSize,
            int pollerCount, Duration waitTime, Consumer<String> log) {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batch size must be 1-" + MAX_BATCH_SIZE + ", was " + batchSize);
        }
        if (pollerCount < 1) {
            throw new IllegalArgumentException("at least one poller is needed");
        }
        if (waitTime.isNegative() || waitTime.compareTo(LAMBDA_WAIT_TIME) > 0) {
            throw new IllegalArgumentException("wait time must be 0-20 s, was " + waitTime);
        }
        var queuePoller = new QueuePoller(sqs, queueUrl, function, batchSize, waitTime, log);
        for (int i = 0; i < pollerCount; i++) {
            var poller = queuePoller.new Poller();
            queuePoller.pollers.add(poller);
            poller.thread = Thread.ofVirtual().name(function.name() + "-sqs-" + (i + 1)).start(poller::run);
        }
        return queuePoller;
    }

    /** The ARN the events name as their eventSourceARN. */
    public String queueArn() {
        return queueArn;
    }

    /**
     * Stops polling: pollers waiting on the queue are interrupted, and a batch being handled is finished and
     * deleted as usual before this returns. A poll cut short this way may still take messages at the queue's
     * side; as with any receive whose answer is lost, they come back after the visibility timeout.
     */
    @Override
    public void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        for (Poller poller : pollers) {
            if (poller.receiving.get()) {
                poller.thread.interrupt();
            }
        }
        Duration patience = function.spec().timeout().plusSeconds(10);
        for (Poller poller : pollers) {
            try {
                if (!poller.thread.join(patience)) {
                    log.accept(prefix + "a poller did not stop within " + patience.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void handle(List<Message> batch) {
        byte[] event = Json.bytes(MessagesToSqsEvent.convert(batch, queueArn, region));
        InvocationResult result;
        try {
            result = function.invoke(event).get();
        } catch (ExecutionException e) {
            log.accept(prefix + "invocation refused, messages stay: " + e.getCause().getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (result.failed()) {
            log.accept(prefix + "invocation failed, " + batch.size() + " message(s) stay: " + result.errorType()
                    + ": " + result.errorMessage());
            return;
        }
        Set<String> failed = batchItemFailures(result.payload(), batch);
        if (failed == null) {
            log.accept(prefix + "malformed batch response, " + batch.size() + " message(s) stay: "
                    + result.payloadText());
            return;
        }
        var entries = new ArrayList<DeleteMessageBatchRequestEntry>();
        for (int i = 0; i < batch.size(); i++) {
            Message message = batch.get(i);
            if (!failed.contains(message.messageId())) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(message.receiptHandle()).build());
            }
        }
        if (entries.isEmpty()) {
            return;
        }
        try {
            var response = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            response.failed().forEach(f -> log.accept(prefix + "could not delete a message: " + f.message()));
        } catch (SdkException e) {
            log.accept(prefix + "could not delete " + entries.size() + " message(s): " + e.getMessage());
        }
    }

    /**
     * The message ids the function reported as failed, or null when Lambda would count the whole batch as
     * failed: a response that is not JSON, or an itemIdentifier that is missing, empty or not in the batch.
     */
    static Set<String> batchItemFailures(byte[] payload, List<Message> batch) {
        if (payload.length == 0) {
            return Set.of();
        }
        JsonNode response = Json.parseOrNull(payload);
        if (response == null) {
            return null;
        }
        if (response.isNull() || (response.isObject() && !response.hasNonNull("batchItemFailures"))) {
            return Set.of();
        }
        JsonNode failures = response.path("batchItemFailures");
        if (!failures.isArray()) {
            return null;
        }
        Set<String> ids = new HashSet<>();
        batch.forEach(m -> ids.add(m.messageId()));
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            if (!ids.contains(id)) {
                return null;
            }
            failed.add(id);
        }
        return failed;
    }

    /** One long-polling loop; Lambda runs several per queue, each handing one batch at a time. */
    private final class Poller {
        final AtomicBoolean receiving = new AtomicBoolean();
        Thread thread;

        @SuppressWarnings("deprecation")
        void run() {
            // Both the old and the new name of "all system attributes", so that older SQS emulators answer too.
            var request = ReceiveMessageRequest.builder().queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                    .waitTimeSeconds(waitTimeSeconds).attributeNamesWithStrings("All")
                    .messageSystemAttributeNamesWithStrings("All").messageAttributeNames("All").build();
            while (running.get()) {
                List<Message> batch;
                receiving.set(true);
                try {
                    batch = sqs.receiveMessage(request).messages();
                } catch (SdkException e) {
                    receiving.set(false);
                    if (running.get()) {
                        log.accept(prefix + "receive failed, retrying in " + RETRY_AFTER.toSeconds() + " s: "
                                + e.getMessage());
                        pause();
                    }
                    continue;
                }
                receiving.set(false);
                if (!running.get()) {
                    // Closed while polling: what came back becomes visible again after the visibility timeout.
                    break;
                }
                if (!batch.isEmpty()) {
                    handle(batch);
                }
            }
        }

        private void pause() {
            try {
                Thread.sleep(RETRY_AFTER);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
