package org.nuage.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nuage.core.federation.InboxEnvelope;

class JsonTest {

    @Test
    void envelopeRoundTripsWithItsInstantAsIsoText() {
        InboxEnvelope envelope = new InboxEnvelope("https://peer.example/a/1", "Follow", "https://peer.example/u",
                "/inbox", Instant.parse("2026-11-26T07:00:00.123456789Z"));
        String json = Json.write(envelope);
        assertTrue(json.contains("\"2026-11-26T07:00:00.123456789Z\""), json);
        assertEquals(envelope, Json.read(json, InboxEnvelope.class));
    }
}
