package org.nuage.core.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StackDefinitionTest {

    @Test
    void renamedBucketsKeepTheirPolicyCorsAndUploadEvents() {
        StackDefinition standard = StackDefinition.standard("nuage");
        StackDefinition renamed = standard.withBucketNames("collective-originals", "collective-media");

        assertEquals("collective-originals", renamed.originals().name());
        assertEquals("collective-media", renamed.media().name());
        assertEquals(standard.originals().objectCreated(), renamed.originals().objectCreated());
        assertEquals(standard.originals().publicRead(), renamed.originals().publicRead());
        assertEquals(standard.media().publicRead(), renamed.media().publicRead());
        assertEquals(standard.media().cors(), renamed.media().cors());
        assertEquals(standard.table(), renamed.table());
        assertEquals(standard.queues(), renamed.queues());
    }
}
