package org.nuage.core.queue;

import java.util.List;

/** Port: hands a message to a queue for a worker function. */
public interface WorkQueue {

    /** The queues Nuage has; adapters map each to a concrete queue. */
    enum Name { INBOUND, OUTBOUND, TRANSCODE }

    void send(Name queue, String body);

    /**
     * Sends each of {@code bodies}, visible at once. Adapters override it to send them in as few
     * requests as the queue takes (see {@link MessageBatches}); this default sends one by one.
     */
    default void sendAll(Name queue, List<String> bodies) {
        bodies.forEach(body -> send(queue, body));
    }

    /**
     * Sends a message that becomes visible after {@code delaySeconds} (SQS allows 0 to 900): how
     * deliveries back off between attempts.
     */
    default void send(Name queue, String body, int delaySeconds) {
        if (delaySeconds != 0) {
            throw new UnsupportedOperationException("this queue cannot delay messages");
        }
        send(queue, body);
    }
}
