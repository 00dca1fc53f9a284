package org.nuage.aws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nuage.core.json.Json;

/**
 * An SQS event as Lambda's event source mapping delivers it, and the partial batch response that
 * tells it which messages failed. Read with plain Jackson: the payload is small and this avoids
 * the events library's field-name quirks ("Records", "eventSourceARN").
 */
public record SqsBatch(List<Message> messages) {

    private static final Logger LOG = Logger.getLogger(SqsBatch.class.getName());

    /** One SQS message: its id, body, the queue it came from and how often it was received. */
    public record Message(String messageId, String body, String queueName, int receiveCount) {
    }

    public static SqsBatch read(InputStream event) throws IOException {
        JsonNode root = Json.MAPPER.readTree(event);
        List<Message> messages = new ArrayList<>();
        for (JsonNode record : root.path("Records")) {
            String arn = record.path("eventSourceARN").asText("");
            messages.add(new Message(record.path("messageId").asText(), record.path("body").asText(""),
                    arn.substring(arn.lastIndexOf(':') + 1),
                    record.path("attributes").path("ApproximateReceiveCount").asInt(1)));
        }
        return new SqsBatch(messages);
    }

    /**
     * Runs {@code handler} on each message and writes the partial batch response: a failing message
     * is retried alone (and dead-lettered after the queue's maxReceiveCount), never its neighbours.
     */
    public static void process(InputStream event, OutputStream response, Consumer<Message> handler)
            throws IOException {
        read(event).process(response, 1, handler);
    }

    /**
     * Like {@link #process(InputStream, OutputStream, Consumer)}, with up to {@code parallelism}
     * messages handled at once on virtual threads: for work that waits on other servers and does
     * not depend on its neighbours' order.
     */
    public void process(OutputStream response, int parallelism, Consumer<Message> handler) throws IOException {
        Set<String> failed = ConcurrentHashMap.newKeySet();
        if (parallelism <= 1 || messages.size() <= 1) {
            messages.forEach(message -> handle(message, handler, failed));
        } else {
            Semaphore slots = new Semaphore(parallelism);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Message message : messages) {
                    slots.acquireUninterruptibly();
                    pool.execute(() -> {
                        try {
                            handle(message, handler, failed);
                        } finally {
                            slots.release();
                        }
                    });
                }
            } // close() waits for every message
        }
        // In the batch's order, so the response reads like the event.
        List<Object> failures = messages.stream().map(Message::messageId).filter(failed::contains)
                .map(id -> (Object) Map.of("itemIdentifier", id)).toList();
        Json.MAPPER.writeValue(response, Map.of("batchItemFailures", failures));
    }

    private static void handle(Message message, Consumer<Message> handler, Set<String> failed) {
        try {
            handler.accept(message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "message " + message.messageId() + " from " + message.queueName()
                    + " failed (receive " + message.receiveCount() + "): " + e, e);
            failed.add(message.messageId());
        }
    }
}
