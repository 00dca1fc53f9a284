package org.nuage.core.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class NumericIdsTest {

    /** The table's semantics: an atomic counter per kind, a conditional put on the ref's item. */
    static class TableSequence implements IdSequence {
        final Map<IdKind, Long> counters = new EnumMap<>(IdKind.class);
        final Map<String, Long> refs = new HashMap<>();
        final Map<String, String> numbers = new HashMap<>();
        /** Runs just before a claim, as a second writer would between our bind and our claim. */
        Runnable beforeClaim = () -> { };

        @Override
        public long next(IdKind kind) {
            return counters.merge(kind, 1L, Long::sum);
        }

        @Override
        public OptionalLong find(IdKind kind, String ref) {
            Long id = refs.get(kind + ref);
            return id == null ? OptionalLong.empty() : OptionalLong.of(id);
        }

        @Override
        public Map<String, Long> findAll(IdKind kind, Collection<String> wanted) {
            Map<String, Long> found = new HashMap<>();
            wanted.forEach(ref -> find(kind, ref).ifPresent(id -> found.put(ref, id)));
            return found;
        }

        @Override
        public void bind(IdKind kind, long id, String ref) {
            numbers.put(kind + "#" + id, ref);
        }

        @Override
        public boolean claim(IdKind kind, String ref, long id) {
            Runnable race = beforeClaim;
            beforeClaim = () -> { };
            race.run();
            return refs.putIfAbsent(kind + ref, id) == null;
        }

        @Override
        public void unbind(IdKind kind, long id) {
            numbers.remove(kind + "#" + id);
        }

        @Override
        public void unclaim(IdKind kind, String ref) {
            refs.remove(kind + ref);
        }

        @Override
        public Optional<String> ref(IdKind kind, long id) {
            return Optional.ofNullable(numbers.get(kind + "#" + id));
        }
    }

    private final TableSequence table = new TableSequence();
    private final NumericIds ids = new NumericIds(table);

    @Test
    void givesEachThingTheNextNumberOfItsKindAndKeepsIt() {
        assertEquals(1, ids.idOf(IdKind.VIDEO, "uuid-a"));
        assertEquals(2, ids.idOf(IdKind.VIDEO, "uuid-b"));
        assertEquals(1, ids.idOf(IdKind.CHANNEL, "root_channel"));
        assertEquals(1, ids.idOf(IdKind.VIDEO, "uuid-a"));
        assertEquals(2, table.counters.get(IdKind.VIDEO), "a known thing takes no number from the counter");
        assertEquals(Optional.of("uuid-b"), ids.refOf(IdKind.VIDEO, "2"));
        assertEquals(Optional.of("root_channel"), ids.refOf(IdKind.CHANNEL, "1"));
        assertEquals(Optional.empty(), ids.refOf(IdKind.ACCOUNT, "1"), "each kind numbers its own things");
    }

    @Test
    void aThingAskedForTwiceAtOnceKeepsTheFirstClaimAndTheLoserForgetsItsNumber() {
        // The other writer takes its number and claims while we are between bind and claim.
        table.beforeClaim = () -> {
            long theirs = table.next(IdKind.COMMENT);
            table.bind(IdKind.COMMENT, theirs, "https://peer.example/c/1");
            assertTrue(table.claim(IdKind.COMMENT, "https://peer.example/c/1", theirs));
        };
        long ours = ids.idOf(IdKind.COMMENT, "https://peer.example/c/1");
        assertEquals(2, ours, "the winner's number, not the one we took (1)");
        assertEquals(Optional.empty(), ids.refOf(IdKind.COMMENT, "1"), "our lost number names nothing");
        assertEquals(Optional.of("https://peer.example/c/1"), ids.refOf(IdKind.COMMENT, "2"));
        assertEquals(2, ids.idOf(IdKind.COMMENT, "https://peer.example/c/1"));
    }

    @Test
    void numbersManyThingsAtOnceReadingKnownOnesAndGivingTheRestNewOnes() {
        ids.idOf(IdKind.ACCOUNT, "root");
        Map<String, Long> numbers = ids.idsOf(IdKind.ACCOUNT, List.of("alice", "root", "alice", "bob"));
        assertEquals(Map.of("alice", 2L, "root", 1L, "bob", 3L), numbers);
        assertEquals(3, table.counters.get(IdKind.ACCOUNT), "a ref listed twice is numbered once");
        assertNotEquals(numbers.get("alice"), numbers.get("bob"));
    }

    @Test
    void aForgottenThingsNumberNamesNothingAndItsNameGetsANewNumber() {
        long first = ids.idOf(IdKind.CHANNEL, "music");
        ids.forget(IdKind.CHANNEL, "music");
        assertEquals(Optional.empty(), ids.refOf(IdKind.CHANNEL, Long.toString(first)));
        long second = ids.idOf(IdKind.CHANNEL, "music");
        assertNotEquals(first, second);
        assertEquals(Optional.of("music"), ids.refOf(IdKind.CHANNEL, Long.toString(second)));
        ids.forget(IdKind.CHANNEL, "never-numbered");
    }

    @Test
    void onlyPositiveDecimalNumbersAreIds() {
        assertTrue(NumericIds.isNumber("1"));
        assertTrue(NumericIds.isNumber("9007199254740991"));
        assertFalse(NumericIds.isNumber("0"));
        assertFalse(NumericIds.isNumber("-3"));
        assertFalse(NumericIds.isNumber("012"));
        assertFalse(NumericIds.isNumber("kkGMgK9ZtnKfYAgnEtQxbv"));
        assertFalse(NumericIds.isNumber("9c9de5e8-0a1e-484a-b099-e80766180a6d"));
        assertFalse(NumericIds.isNumber("12345678901234567"), "longer than JavaScript's safe integers");
        assertEquals(Optional.empty(), ids.refOf(IdKind.VIDEO, "kkGMgK9ZtnKfYAgnEtQxbv"));
    }
}
