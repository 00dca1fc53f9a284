package org.nuage.core.account;

import org.nuage.core.Refusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void acceptsPeerTubeStyleUsernamesAndChannelNames() {
        assertEquals("alice_b.2", Names.username("alice_b.2"));
        assertEquals("alice-music", Names.channel("alice-music"));
    }

    @Test
    void refusesPathTricksSlashesUpperCaseAndOverlongNames() {
        for (String name : new String[] {"../x", "..", ".hidden", "a/b", "Alice", "x".repeat(51), "", "a b"}) {
            Refusal e = assertThrows(Refusal.class, () -> Names.username(name), name);
            assertEquals(400, e.status());
        }
        assertThrows(Refusal.class, () -> Names.username("alice-b"), "usernames take no '-'");
    }

    @Test
    void echoesARefusedNameWithoutItsControlCharacters() {
        Refusal e = assertThrows(Refusal.class, () -> Names.username("bell\u0007\u001b[31m"));
        assertFalse(e.getMessage().contains("\u0007"));
        assertTrue(e.getMessage().contains("bell?"), e.getMessage());
    }

    @Test
    void displayNamesAreCappedAndFreeOfControlCharacters() {
        assertEquals("fallback", Names.displayName("  ", "fallback"));
        assertThrows(Refusal.class, () -> Names.displayName("d".repeat(121), "x"));
        assertThrows(Refusal.class, () -> Names.displayName("a\u0000b", "x"));
        assertEquals("line one\nline two", Names.description("line one\nline two"));
        assertThrows(Refusal.class, () -> Names.displayName("two\nlines", "x"), "a name is one line");
    }

    @Test
    void emailsAreCheckedAndLowerCased() {
        assertEquals("alice@example.org", Names.email("Alice@Example.org"));
        assertThrows(Refusal.class, () -> Names.email("not-an-email"));
    }
}
