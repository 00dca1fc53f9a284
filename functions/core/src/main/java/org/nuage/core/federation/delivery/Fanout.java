package org.nuage.core.federation.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.nuage.core.json.Json;
import org.nuage.core.queue.WorkQueue;

/**
 * Puts one activity on the outbound queue once per distinct inbox: followers on one server share
 * its inbox, so ten thousand followers on a thousand servers make a thousand messages.
 */
public final class Fanout {

    private final WorkQueue queue;
    private final Clock clock;

    public Fanout(WorkQueue queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    /** Queues {@code activity}, to be signed by {@code signer} when sent, to each distinct inbox; returns how many. */
    public int send(String signer, Map<String, Object> activity, Collection<String> inboxes) {
        return forward(signer, Json.write(activity), inboxes);
    }

    /**
     * Queues an activity's JSON exactly as given (another server's activity we pass on, bytes
     * unchanged so its own LD signature still verifies), signed by {@code signer}, to each inbox.
     */
    public int forward(String signer, String json, Collection<String> inboxes) {
        Instant now = clock.instant();
        List<String> messages = new LinkedHashSet<>(inboxes).stream()
                .map(inbox -> Json.write(new Delivery(json, signer, inbox, 0, now, now)))
                .toList();
        queue.sendAll(WorkQueue.Name.OUTBOUND, messages);
        return messages.size();
    }
}
