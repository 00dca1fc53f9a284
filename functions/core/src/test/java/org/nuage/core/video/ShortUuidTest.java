package org.nuage.core.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShortUuidTest {

    @Test
    void matchesTheShortUuidLibraryPeerTubeUses() {
        // The pair from the README of npm's short-uuid, which PeerTube's uuidToShort wraps.
        assertEquals("mhvXdrZT4jP5T8vBxuvm75", ShortUuid.of("a44521d0-0fb8-4ade-8002-3385545c3318"));
    }

    @Test
    void padsSmallValuesToTwentyTwoCharactersWithTheAlphabetsFirstLetter() {
        assertEquals("1".repeat(21) + "2", ShortUuid.of("00000000-0000-0000-0000-000000000001"));
        assertEquals(22, ShortUuid.of("ffffffff-ffff-ffff-ffff-ffffffffffff").length());
    }

    @Test
    void refusesWhatIsNotAUuid() {
        assertThrows(IllegalArgumentException.class, () -> ShortUuid.of("not-a-uuid"));
    }
}
