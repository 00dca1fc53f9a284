package org.nuage.api.assets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AcceptEncodingTest {

    @Test
    void sendsGzipToWhatBrowsersNodeAndServersAskFor() {
        assertTrue(AcceptEncoding.prefersGzip("gzip, deflate, br"));
        assertTrue(AcceptEncoding.prefersGzip("gzip, deflate, br, zstd"));
        assertTrue(AcceptEncoding.prefersGzip("br, gzip, deflate"));
        assertTrue(AcceptEncoding.prefersGzip("GZIP"));
        assertTrue(AcceptEncoding.prefersGzip("x-gzip"));
        assertTrue(AcceptEncoding.prefersGzip("gzip;q=1.0, identity; q=0.5, *;q=0"));
        assertTrue(AcceptEncoding.prefersGzip("*"));
    }

    @Test
    void sendsTheBodyAsIsWithoutTheHeaderOrWhenGzipIsRefused() {
        assertFalse(AcceptEncoding.prefersGzip(null));
        assertFalse(AcceptEncoding.prefersGzip(""));
        assertFalse(AcceptEncoding.prefersGzip("identity"));
        assertFalse(AcceptEncoding.prefersGzip("gzip;q=0, identity"));
        assertFalse(AcceptEncoding.prefersGzip("gzip;q=0"));
        assertFalse(AcceptEncoding.prefersGzip("gzip; q=0.000"));
        assertFalse(AcceptEncoding.prefersGzip("*;q=0.5, gzip;q=0"));
        assertFalse(AcceptEncoding.prefersGzip("br, deflate"));
    }

    @Test
    void honoursWeightsBetweenGzipAndNoCoding() {
        assertFalse(AcceptEncoding.prefersGzip("gzip;q=0.5, identity"), "identity weighs more");
        assertTrue(AcceptEncoding.prefersGzip("gzip;q=0.5"), "identity unnamed: acceptable, but least wanted");
        assertTrue(AcceptEncoding.prefersGzip("gzip;q=0.5, *;q=0.4"));
        assertFalse(AcceptEncoding.prefersGzip("gzip;q=0.4, *;q=0.5"), "identity falls under *");
        assertTrue(AcceptEncoding.prefersGzip("identity;q=0.5, gzip"));
    }

    @Test
    void ignoresMalformedElementsButReadsTheRest() {
        assertFalse(AcceptEncoding.prefersGzip("gzip;q=2"), "a weight over 1 is no weight");
        assertFalse(AcceptEncoding.prefersGzip("gzip;q=abc"));
        assertTrue(AcceptEncoding.prefersGzip("gzip;q=abc, deflate, gzip"));
        assertTrue(AcceptEncoding.prefersGzip(" , gzip ,"));
    }

    @Test
    void staticFilesRevalidateByTheirTagWeaklyCompared() {
        assertTrue(CompressedStaticFiles.matches("\"abc-gzip\"", "\"abc-gzip\""));
        assertTrue(CompressedStaticFiles.matches("W/\"abc\"", "\"abc\""));
        assertTrue(CompressedStaticFiles.matches("\"x\", \"abc\"", "\"abc\""));
        assertTrue(CompressedStaticFiles.matches("*", "\"abc\""));
        assertFalse(CompressedStaticFiles.matches("\"abc\"", "\"abc-gzip\""), "a tag names its coding too");
        assertFalse(CompressedStaticFiles.matches(null, "\"abc\""));
    }
}
