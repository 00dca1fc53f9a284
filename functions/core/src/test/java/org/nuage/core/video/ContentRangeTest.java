package org.nuage.core.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nuage.core.Refusal;

class ContentRangeTest {

    @Test
    void readsAChunkAsUploadxSendsIt() {
        ContentRange range = ContentRange.parse("bytes 0-1048575/12582912");
        assertEquals(0, range.first());
        assertEquals(1048575, range.last());
        assertEquals(12582912, range.total());
        assertEquals(1048576, range.length());
        assertFalse(range.isQuery());
        assertFalse(range.isLast());
    }

    @Test
    void knowsTheChunkThatEndsTheFile() {
        ContentRange range = ContentRange.parse("bytes 4194304-5000000/5000001");
        assertTrue(range.isLast());
        assertEquals(805697, range.length());
        assertTrue(ContentRange.parse("bytes 0-0/1").isLast(), "a one-byte file is one last chunk");
    }

    @Test
    void readsTheQuestionForTheOffset() {
        ContentRange range = ContentRange.parse("bytes */12582912");
        assertTrue(range.isQuery());
        assertEquals(12582912, range.total());
        assertEquals(0, range.length());
        assertFalse(range.isLast());
        assertEquals("bytes */12582912", range.toString());
    }

    @Test
    void toleratesSurroundingSpaceAndSeveralSpacesAfterTheUnit() {
        assertEquals(10, ContentRange.parse("  bytes   0-9/20 ").length());
    }

    @Test
    void refusesAMissingOrMalformedHeaderWith400() {
        for (String header : new String[] {null, "", "  ", "bytes 0-9", "bytes=0-9/20", "items 0-9/20", "bytes -1-9/20",
                "bytes 0-9/*", "bytes 0-9/20, 30-39/20", "bytes 0x0-9/20", "bytes 0-99999999999999999999/1"}) {
            Refusal e = assertThrows(Refusal.class, () -> ContentRange.parse(header), String.valueOf(header));
            assertEquals(400, e.status(), header);
        }
    }

    @Test
    void refusesARangeThatIsBackwardsOrEndsPastTheFile() {
        assertEquals(400, assertThrows(Refusal.class, () -> ContentRange.parse("bytes 10-9/20")).status());
        assertEquals(400, assertThrows(Refusal.class, () -> ContentRange.parse("bytes 0-20/20")).status());
        assertEquals(400, assertThrows(Refusal.class, () -> ContentRange.parse("bytes 0-0/0")).status());
    }

    @Test
    void echoesAMalformedHeaderWithoutItsControlCharacters() {
        Refusal e = assertThrows(Refusal.class, () -> ContentRange.parse("bytes \u001b[31m0-9/20"));
        assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
    }
}
