package org.nuage.core.federation.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;
import org.nuage.core.federation.follow.Subscription;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.federation.remote.RemoteObjects;

/**
 * Fills the index with what a newly followed server already published, as PeerTube crawls the
 * outbox of an instance it starts following: the actor's {@code outbox} collection, page by page,
 * each Create{Video} indexed and each Announce's video fetched, up to a number of items and a time
 * budget that fit in one invocation of the delivery function.
 */
public final class OutboxBackfill {

    private static final Logger LOG = Logger.getLogger(OutboxBackfill.class.getName());

    /**
     * The delivery function has 60 s; each fetch may take 10 s, so the crawl stops starting new
     * fetches after 40 s and leaves the rest to the videos' next Create or Update.
     */
    static final Duration BUDGET = Duration.ofSeconds(40);

    private final RemoteObjects objects;
    private final RemoteVideoIndex index;
    private final int maxItems;
    private final Clock clock;

    public OutboxBackfill(RemoteObjects objects, RemoteVideoIndex index, int maxItems, Clock clock) {
        this.objects = objects;
        this.index = index;
        this.maxItems = maxItems;
        this.clock = clock;
    }

    /** Crawls the outbox of {@code actorId}; returns how many videos were indexed. */
    public int crawl(String actorId) {
        Instant deadline = clock.instant().plus(BUDGET);
        String host = Subscription.hostOf(actorId);
        int seen = 0;
        int indexed = 0;
        try {
            JsonNode actor = objects.fetch(actorId).document();
            String outbox = actor.path("outbox").asText("");
            if (outbox.isEmpty() || !sameHost(outbox, host)) {
                LOG.warning(() -> actorId + " has no outbox on its own host; nothing to backfill");
                return 0;
            }
            JsonNode collection = objects.fetch(outbox).document();
            JsonNode page = collection.path("first");
            Set<String> visited = new HashSet<>();
            while (seen < maxItems && clock.instant().isBefore(deadline)) {
                if (page.isTextual()) {
                    if (!sameHost(page.asText(), host) || !visited.add(page.asText())) {
                        break;
                    }
                    page = objects.fetch(page.asText()).document();
                } else if (!page.isObject()) {
                    // A collection without pages lists its items itself.
                    page = collection;
                }
                JsonNode items = page.has("orderedItems") ? page.path("orderedItems") : page.path("items");
                for (JsonNode item : items) {
                    if (seen >= maxItems || !clock.instant().isBefore(deadline)) {
                        break;
                    }
                    seen++;
                    if (item.isObject() && index.backfilled(actorId, item)) {
                        indexed++;
                    }
                }
                if (page == collection || !page.path("next").isTextual()) {
                    break;
                }
                page = page.path("next");
            }
        } catch (RemoteActors.Unavailable e) {
            LOG.warning(() -> "backfill from " + actorId + " stopped: " + e.getMessage());
        }
        int items = seen;
        int videos = indexed;
        LOG.info(() -> "backfill from " + actorId + ": " + items + " outbox items read, " + videos + " videos indexed");
        return indexed;
    }

    private static boolean sameHost(String url, String host) {
        try {
            return Subscription.hostOf(url).equals(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
