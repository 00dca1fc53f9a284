package org.nuage.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NuageAppTest {

    @Test
    void prefixComesFromTheContextFirst() {
        assertEquals("staging", NuageApp.prefix("staging", "other"));
    }

    @Test
    void prefixFallsBackToTheEnvironmentWhenTheContextHasNone() {
        assertEquals("video-example-org", NuageApp.prefix(null, "video-example-org"));
        assertEquals("video-example-org", NuageApp.prefix(" ", "video-example-org"));
    }

    @Test
    void prefixDefaultsToNuage() {
        assertEquals("nuage", NuageApp.prefix(null, null));
        assertEquals("nuage", NuageApp.prefix("", ""));
    }
}
