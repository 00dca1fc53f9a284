package org.nuage.core.queue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts messages into the batches one SQS {@code SendMessageBatch} request takes: at most ten
 * entries and 256 KiB of bodies together. A fan-out of a thousand messages is then a hundred
 * requests instead of a thousand.
 */
public final class MessageBatches {

    /** SQS's most entries per batch request. */
    public static final int MAX_ENTRIES = 10;

    /** SQS's largest total payload of a batch request (and of one message). */
    public static final int MAX_BYTES = 256 * 1024;

    private MessageBatches() {
    }

    /**
     * The batches, in order; a message too large even alone gets a batch of its own, for the queue
     * to refuse with its own error.
     */
    public static List<List<String>> split(List<String> bodies) {
        List<List<String>> batches = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int currentBytes = 0;
        for (String body : bodies) {
            int bytes = body.getBytes(StandardCharsets.UTF_8).length;
            if (!current.isEmpty() && (current.size() == MAX_ENTRIES || currentBytes + bytes > MAX_BYTES)) {
                batches.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(body);
            currentBytes += bytes;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
