package org.nuage.core.federation.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsDoubleFromThirtySecondsUpToSixHours() {
        assertEquals(Duration.ofSeconds(30), OutboundService.backoff(1));
        assertEquals(Duration.ofMinutes(1), OutboundService.backoff(2));
        assertEquals(Duration.ofMinutes(16), OutboundService.backoff(6));
        assertEquals(Duration.ofHours(6), OutboundService.backoff(12));
        assertEquals(Duration.ofHours(6), OutboundService.backoff(1000), "no overflow after many attempts");
    }

    @Test
    void twoDaysOfRetriesTakeAboutTwentyAttempts() {
        Duration waited = Duration.ZERO;
        int attempts = 0;
        while (waited.compareTo(OutboundService.GIVE_UP_AFTER) < 0) {
            attempts++;
            waited = waited.plus(OutboundService.backoff(attempts));
        }
        // A dead server costs a handful of POSTs a day, not one a minute.
        assertTrue(attempts >= 15 && attempts <= 25, attempts + " attempts");
    }
}
