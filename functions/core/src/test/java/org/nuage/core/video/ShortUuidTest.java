package org.nuage.core.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShortUuidTest {

    /** Computed with npm's short-uuid 4, as PeerTube uses it ({@code short().fromUUID(uuid)}). */
    @Test
    void matchesNpmShortUuid() {
        assertEquals("kkGMgK9ZtnKfYAgnEtQxbv", ShortUuid.of("9c9de5e8-0a1e-484a-b099-e80766180a6d"));
        assertEquals("111111114Ay6byqtQtQyDP", ShortUuid.of("00000000-0000-4000-8000-000000000001"));
        assertEquals("f1NwDn45qwGTgvjbyU4p52", ShortUuid.of("717c9d87-c912-4943-a392-49fadf2f235d"));
    }

    @Test
    void roundTripsAndResolvesEitherForm() {
        for (int i = 0; i < 1000; i++) {
            String uuid = UUID.randomUUID().toString();
            assertEquals(Optional.of(uuid), ShortUuid.toUuid(ShortUuid.of(uuid)));
            assertEquals(Optional.of(uuid), ShortUuid.resolve(ShortUuid.of(uuid)));
            assertEquals(Optional.of(uuid), ShortUuid.resolve(uuid));
        }
    }

    @Test
    void anythingElseIsNoVideoId() {
        assertEquals(Optional.empty(), ShortUuid.resolve("../../etc/passwd"));
        assertEquals(Optional.empty(), ShortUuid.resolve("0OIl0OIl0OIl0OIl0OIl0O"), "letters outside the alphabet");
        assertEquals(Optional.empty(), ShortUuid.resolve("zzzzzzzzzzzzzzzzzzzzzz"), "more than 128 bits");
        assertEquals(Optional.empty(), ShortUuid.resolve(null));
        assertEquals(Optional.empty(), ShortUuid.resolve("9c9de5e8x0a1e-484a-b099-e80766180a6d"));
    }
}
