package org.nuage.core.federation.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nuage.core.time.TestClock;

class RememberedActorsTest {

    private static final String ANN = "https://peer.example/accounts/ann";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-26T12:00:00Z"));

    /** The table's cache as far as this layer sees it, counting its reads. */
    private static final class Table implements RemoteActorCache {
        final Map<String, Cached> items = new HashMap<>();
        int reads;

        @Override
        public Optional<Cached> find(String actorId) {
            reads++;
            return Optional.ofNullable(items.get(actorId));
        }

        @Override
        public void save(RemoteActor actor, Instant fetchedAt) {
            items.put(actor.id(), new Cached(actor, fetchedAt));
        }
    }

    private static RemoteActor ann(String keyPem) {
        return new RemoteActor(ANN, "Person", ANN + "/inbox", Optional.empty(), ANN + "#main-key", keyPem, "ann",
                Optional.empty(), Optional.empty());
    }

    @Test
    void aSenderSeenOnceIsNotReadFromTheTableAgainForAWhile() {
        Table table = new Table();
        table.save(ann("PEM-1"), clock.instant());
        RememberedActors remembered = new RememberedActors(table, clock);

        for (int i = 0; i < 100; i++) {
            assertEquals("PEM-1", remembered.find(ANN).orElseThrow().actor().publicKeyPem());
        }

        assertEquals(1, table.reads);
    }

    @Test
    void afterItsTimeTheTableIsAskedAgainAndAKeyRotatedElsewhereShows() {
        Table table = new Table();
        table.save(ann("PEM-1"), clock.instant());
        RememberedActors remembered = new RememberedActors(table, clock);
        remembered.find(ANN);

        table.save(ann("PEM-2"), clock.instant()); // another function re-fetched the actor
        clock.advance(RememberedActors.KEEP_FOR.plus(Duration.ofSeconds(1)));

        assertEquals("PEM-2", remembered.find(ANN).orElseThrow().actor().publicKeyPem());
        assertEquals(2, table.reads);
    }

    @Test
    void whatThisFunctionSavesIsWrittenThroughAndSeenAtOnce() {
        Table table = new Table();
        RememberedActors remembered = new RememberedActors(table, clock);
        remembered.save(ann("PEM-1"), clock.instant());
        remembered.find(ANN);

        remembered.save(ann("PEM-2"), clock.instant()); // a refresh after a failed check

        assertEquals("PEM-2", table.items.get(ANN).actor().publicKeyPem());
        assertEquals("PEM-2", remembered.find(ANN).orElseThrow().actor().publicKeyPem());
        assertEquals(0, table.reads);
    }

    @Test
    void anUnknownActorIsAskedForEachTime() {
        Table table = new Table();
        RememberedActors remembered = new RememberedActors(table, clock);

        remembered.find(ANN);
        remembered.find(ANN);

        assertEquals(2, table.reads);
    }
}
