package org.nuage.core.federation.delivery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.logging.Logger;
import org.nuage.core.federation.actor.ActorKeyring;
import org.nuage.core.json.Json;
import org.nuage.core.net.OutboundRefused;
import org.nuage.core.net.SafeHttp;
import org.nuage.core.queue.WorkQueue;

/**
 * Sends our activities: one queue message per distinct inbox (a server's shared inbox stands for
 * all its followers), each POST signed by its actor with the key from the table (and each activity
 * of ours LD-signed in its body, see {@link ActivitySigning}), held back while
 * the receiving domain's breaker is open, and retried with growing delays for two days before the
 * message is left to the dead-letter queue.
 */
public final class OutboundService {

    private static final Logger LOG = Logger.getLogger(OutboundService.class.getName());

    /** Mastodon keeps retrying for about a week, PeerTube for hours; the issue asks for two days at least. */
    public static final Duration GIVE_UP_AFTER = Duration.ofHours(48);

    /** SQS's longest delay per message. */
    static final int MAX_DELAY_SECONDS = 900;

    /** The first retry after 30 s, doubling up to 6 hours between attempts. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
    static final Duration MAX_BACKOFF = Duration.ofHours(6);

    public static final String CONTENT_TYPE = "application/activity+json";

    /** The delivery failed for good: the message must go to the dead-letter queue for a person. */
    public static final class Exhausted extends RuntimeException {
        public Exhausted(String message) {
            super(message);
        }
    }

    private final WorkQueue queue;
    private final ActorKeyring keys;
    private final SafeHttp http;
    private final DomainBreaker breaker;
    private final Fanout fanout;
    private final ActivitySigning ldSigning;
    private final Clock clock;

    public OutboundService(WorkQueue queue, ActorKeyring keys, SafeHttp http, DomainBreaker breaker, Clock clock) {
        this.queue = queue;
        this.keys = keys;
        this.http = http;
        this.breaker = breaker;
        this.fanout = new Fanout(queue, clock);
        this.ldSigning = new ActivitySigning(keys, clock);
        this.clock = clock;
    }

    /** Queues {@code activity}, signed by {@code signer} when sent, to each distinct inbox. */
    public void send(String signer, Map<String, Object> activity, Collection<String> inboxes) {
        fanout.send(signer, activity, inboxes);
    }

    /** Passes another server's activity on, its bytes unchanged, signed by {@code signer} when sent. */
    public void forward(String signer, String json, Collection<String> inboxes) {
        fanout.forward(signer, json, inboxes);
    }

    /** Tries one delivery; a failure that may pass is queued again for later. */
    public void deliver(Delivery delivery) {
        Instant now = clock.instant();
        if (now.isBefore(delivery.notBefore())) {
            // Still waiting: another hop of at most 15 minutes.
            requeue(delivery, delivery.notBefore());
            return;
        }
        URI inbox = URI.create(delivery.inbox());
        String domain = DomainBreaker.domainOf(inbox);
        Instant giveUpAt = delivery.firstQueuedAt().plus(GIVE_UP_AFTER);
        DomainBreaker.Permit permit = breaker.permit(domain);
        if (!permit.go()) {
            // The domain is cooling down: wait for it without spending an attempt; the time still counts.
            if (now.isAfter(giveUpAt)) {
                throw new Exhausted("gave up delivering to " + delivery.inbox() + " after " + delivery.attempt()
                        + " attempts over " + GIVE_UP_AFTER.toHours() + " hours; its domain's breaker is open");
            }
            LOG.fine(() -> "delivery to " + delivery.inbox() + " held: breaker open until " + permit.until());
            requeue(new Delivery(delivery.activity(), delivery.signer(), delivery.inbox(), delivery.attempt(),
                    delivery.firstQueuedAt(), permit.until()), permit.until());
            return;
        }
        String failure;
        try {
            byte[] body = ldSigning.body(delivery).getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.HashMap<>(keys.signedPost(delivery.signer(), inbox, CONTENT_TYPE, body));
            // The signature covers the content type, so the request must carry the very same header.
            headers.put("Content-Type", CONTENT_TYPE);
            SafeHttp.Response response = http.post(inbox, headers, body);
            if (response.ok()) {
                breaker.succeeded(domain, permit);
                // Fine, not info: a video to a thousand servers would be a thousand lines of paid logs.
                LOG.fine(() -> "delivered to " + delivery.inbox() + " (HTTP " + response.status() + ", attempt "
                        + (delivery.attempt() + 1) + ")");
                return;
            }
            if (response.status() >= 400 && response.status() < 500 && response.status() != 408 && response.status() != 429) {
                // The server understood and refused (unknown actor, bad request): asking again changes
                // nothing, and it is up, which is what the breaker asks.
                breaker.succeeded(domain, permit);
                LOG.warning(() -> "delivery to " + delivery.inbox() + " refused with HTTP " + response.status() + "; dropped");
                return;
            }
            failure = "HTTP " + response.status();
        } catch (OutboundRefused e) {
            LOG.warning(() -> "delivery to " + delivery.inbox() + " not attempted: " + e.getMessage());
            return;
        } catch (java.io.UncheckedIOException e) {
            failure = e.getMessage();
        }
        breaker.failed(domain, permit);
        int attempts = delivery.attempt() + 1;
        if (now.isAfter(giveUpAt)) {
            throw new Exhausted("gave up delivering to " + delivery.inbox() + " after " + attempts + " attempts over "
                    + GIVE_UP_AFTER.toHours() + " hours; last: " + failure);
        }
        Instant next = now.plus(backoff(attempts));
        String reason = failure;
        LOG.info(() -> "delivery to " + delivery.inbox() + " failed (" + reason + "), attempt " + attempts
                + "; next at " + next);
        requeue(new Delivery(delivery.activity(), delivery.signer(), delivery.inbox(), attempts,
                delivery.firstQueuedAt(), next), next);
    }

    /** The wait after {@code attempts} failed tries: 30 s, 1 min, 2 min, ... capped at 6 hours. */
    static Duration backoff(int attempts) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private void requeue(Delivery delivery, Instant due) {
        long seconds = Math.max(0, Duration.between(clock.instant(), due).toSeconds());
        queue.send(WorkQueue.Name.OUTBOUND, Json.write(delivery), (int) Math.min(MAX_DELAY_SECONDS, seconds));
    }
}
