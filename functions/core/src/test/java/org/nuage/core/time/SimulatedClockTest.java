package org.nuage.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {

    private static final Instant ORIGIN = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void runsSpeedTimesFasterFromItsOrigin() {
        Clock real = Clock.fixed(ORIGIN.plusSeconds(4), ZoneOffset.UTC);
        assertEquals(ORIGIN.plusSeconds(3600), new SimulatedClock(ORIGIN, 900, real).instant(), "4 s at 900x is an hour");
        assertEquals(ORIGIN.plusSeconds(4), new SimulatedClock(ORIGIN, 1, real).instant());
    }

    @Test
    void queueDelaysAreShortenedByTheSameFactorRoundedUp() {
        SimulatedClock clock = new SimulatedClock(ORIGIN, 900, Clock.systemUTC());
        assertEquals(1, clock.realSeconds(900));
        assertEquals(1, clock.realSeconds(30), "never earlier than asked, so never zero");
        assertEquals(2, clock.realSeconds(901));
        assertEquals(0, clock.realSeconds(0));
        assertEquals(900, SimulatedClock.realSeconds(Clock.systemUTC(), 900), "a real clock keeps real delays");
    }

    @Test
    void refusesToRunSlowerThanRealTime() {
        assertThrows(IllegalArgumentException.class, () -> new SimulatedClock(ORIGIN, 0.5, Clock.systemUTC()));
        assertThrows(IllegalArgumentException.class, () -> new SimulatedClock(ORIGIN, Double.NaN, Clock.systemUTC()));
    }
}
