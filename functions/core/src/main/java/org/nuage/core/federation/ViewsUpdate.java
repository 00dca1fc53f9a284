package org.nuage.core.federation;

import java.time.Instant;

/**
 * The outbound queue's message that sends a video's views count to its followers once it is due.
 *
 * @param notBefore when to send it; SQS delays a message 15 minutes at most, so a longer interval is
 *     made of several hops
 */
public record ViewsUpdate(String videoUuid, Instant notBefore) {
}
