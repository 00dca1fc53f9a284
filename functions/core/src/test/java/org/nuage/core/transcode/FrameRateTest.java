package org.nuage.core.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Frame rates as exact fractions. */
class FrameRateTest {

    @Test
    void snapsProbedAveragesToNominalRates() {
        assertEquals(new FrameRate(30000, 1001), FrameRate.of(29.97002997));
        assertEquals(new FrameRate(30000, 1001), FrameRate.of(29.87));
        assertEquals(new FrameRate(25, 1), FrameRate.of(25.1));
        assertEquals(new FrameRate(27_300, 1000), FrameRate.of(27.3));
        assertEquals("273/10", FrameRate.of(27.3).toString());
    }

    @Test
    void capsByDroppingEveryNthFrame() {
        assertEquals(new FrameRate(60, 1), new FrameRate(120, 1).cappedAt(60));
        assertEquals(new FrameRate(30, 1), new FrameRate(120, 1).cappedAt(30));
        assertEquals(new FrameRate(48, 1), new FrameRate(144, 1).cappedAt(60));
        assertEquals(new FrameRate(30000, 1001), new FrameRate(60000, 1001).cappedAt(30));
        assertEquals(new FrameRate(24, 1), new FrameRate(24, 1).cappedAt(30));
    }

    @Test
    void countsFramesBeforeAnInstant() {
        assertEquals(120, new FrameRate(30, 1).framesBefore(4));
        assertEquals(120, new FrameRate(30000, 1001).framesBefore(4));
        assertEquals(4.004, new FrameRate(30000, 1001).secondsAt(120), 1e-12);
    }
}
