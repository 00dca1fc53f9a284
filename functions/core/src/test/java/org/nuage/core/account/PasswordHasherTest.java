package org.nuage.core.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(4);

    @Test
    void hashIsSaltedBcryptThatChecksTheRightPasswordOnly() {
        String first = hasher.hash("correct horse");
        String second = hasher.hash("correct horse");
        assertTrue(first.startsWith("$2b$04$"), first);
        assertNotEquals(first, second, "each hash has its own salt");
        assertTrue(hasher.matches("correct horse", first));
        assertFalse(hasher.matches("correct horsE", first));
    }

    @Test
    void malformedStoredHashNeverMatches() {
        assertFalse(hasher.matches("x", "not a hash"));
        assertFalse(hasher.matches("x", null));
    }

    @Test
    void productionCostIsTwelve() {
        assertTrue(new PasswordHasher().hash("x").startsWith("$2b$12$"));
    }
}
