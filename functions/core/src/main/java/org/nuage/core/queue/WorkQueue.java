package org.nuage.core.queue;

/** Port: hands a message to a queue for a worker function. */
public interface WorkQueue {

    /** The queues Nuage has; adapters map each to a concrete queue. */
    enum Name { INBOUND, OUTBOUND, TRANSCODE }

    void send(Name queue, String body);
}
