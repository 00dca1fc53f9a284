package org.nuage.core.federation.delivery;

import java.time.Instant;

/**
 * One activity on its way to one inbox: the outbound queue's message. It names the signing actor
 * by URL only; the key is read from the table by the worker, never carried in a message.
 *
 * @param attempt how many POSTs were tried so far
 * @param notBefore when the next POST may be tried; SQS delays a message 15 minutes at most, so a
 *     longer wait is made of several hops
 */
public record Delivery(String activity, String signer, String inbox, int attempt, Instant firstQueuedAt,
        Instant notBefore) {
}
