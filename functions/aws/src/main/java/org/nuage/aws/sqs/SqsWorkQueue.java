package org.nuage.aws.sqs;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.queue.MessageBatches;
import org.nuage.core.queue.WorkQueue;
import org.nuage.core.time.SimulatedClock;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** {@link WorkQueue} on SQS: one standard queue per name, URLs from the stack configuration. */
@ApplicationScoped
public class SqsWorkQueue implements WorkQueue {

    /** Batch requests sent at once by {@link #sendAll}: enough to hide the round trips, few enough to be polite. */
    static final int BATCHES_IN_FLIGHT = 8;

    private final SqsClient sqs;
    private final StackConfig stack;
    private final Clock clock;

    public SqsWorkQueue(SqsClient sqs, StackConfig stack, Clock clock) {
        this.sqs = sqs;
        this.stack = stack;
        this.clock = clock;
    }

    @Override
    public void send(Name queue, String body) {
        sqs.sendMessage(m -> m.queueUrl(url(queue)).messageBody(body));
    }

    @Override
    public void send(Name queue, String body, int delaySeconds) {
        // Delays are on the instance's clock; a local test's fast clock shortens them alike.
        int realDelay = SimulatedClock.realSeconds(clock, delaySeconds);
        sqs.sendMessage(m -> m.queueUrl(url(queue)).messageBody(body).delaySeconds(realDelay));
    }

    /**
     * Sends {@code bodies} in batches of ten, eight batches at a time: a fan-out to a thousand
     * inboxes is a hundred requests, not a thousand in a row. An entry the queue refuses in a batch
     * is sent again alone, so a persistent refusal surfaces as the SDK's exception.
     */
    @Override
    public void sendAll(Name queue, List<String> bodies) {
        String url = url(queue);
        List<List<String>> batches = MessageBatches.split(bodies);
        if (batches.size() <= 1) {
            batches.forEach(batch -> sendBatch(url, batch));
            return;
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore inFlight = new Semaphore(BATCHES_IN_FLIGHT);
            List<Future<?>> sent = new ArrayList<>();
            for (List<String> batch : batches) {
                sent.add(pool.submit(() -> {
                    inFlight.acquire();
                    try {
                        sendBatch(url, batch);
                    } finally {
                        inFlight.release();
                    }
                    return null;
                }));
            }
            for (Future<?> one : sent) {
                one.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queuing " + bodies.size() + " messages", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private void sendBatch(String url, List<String> batch) {
        if (batch.size() == 1) {
            sqs.sendMessage(m -> m.queueUrl(url).messageBody(batch.get(0)));
            return;
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(batch.get(i)).build());
        }
        var response = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
        response.failed().forEach(failure ->
                sqs.sendMessage(m -> m.queueUrl(url).messageBody(batch.get(Integer.parseInt(failure.id())))));
    }

    private String url(Name queue) {
        var url = switch (queue) {
            case INBOUND -> stack.inboundQueueUrl();
            case OUTBOUND -> stack.outboundQueueUrl();
            case TRANSCODE -> stack.transcodeQueueUrl();
        };
        return url.orElseThrow(() -> new IllegalStateException(
                "no URL configured for the " + queue + " queue (nuage.stack." + queue.name().toLowerCase() + "-queue-url)"));
    }
}
