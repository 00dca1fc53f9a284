package org.nuage.core.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MetadataRulesTest {

    /** As lodash's {@code truncate(description, {length: 250})}, which PeerTube's lists use. */
    @Test
    void listsShowADescriptionCutToTwoHundredFiftyCharactersEndingInDots() {
        String exact = "a".repeat(250);
        assertEquals(exact, MetadataRules.truncated(exact));
        String longer = "b".repeat(251);
        assertEquals("b".repeat(247) + "...", MetadataRules.truncated(longer));
        assertEquals(250, MetadataRules.truncated("c".repeat(10_000)).length());
        assertNull(MetadataRules.truncated(""), "PeerTube sends null for no description");
        assertNull(MetadataRules.truncated(null));
    }

    @Test
    void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String emoji = "\uD83C\uDF0A";
        String text = "d".repeat(246) + emoji + "tail";
        assertEquals("d".repeat(246) + "...", MetadataRules.truncated(text));
    }
}
