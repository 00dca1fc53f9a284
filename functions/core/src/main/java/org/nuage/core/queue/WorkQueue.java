package org.nuage.core.queue;

/** Port: hands a message to a queue for a worker function. */
public interface WorkQueue {

    /** The queues Nuage has; adapters map each to a concrete queue. */
    enum Name { INBOUND, OUTBOUND, TRANSCODE }

    void send(Name queue, String body);

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
