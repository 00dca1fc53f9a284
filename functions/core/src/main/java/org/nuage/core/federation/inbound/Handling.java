package org.nuage.core.federation.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import org.nuage.core.federation.InboxEnvelope;

/** One way of applying an inbound activity: what a route of {@link InboundRoutes} leads to. */
@FunctionalInterface
public interface Handling {

    /**
     * Applies {@code activity}, whose actor the inbox authenticated as {@code envelope.actor()}. It
     * may run twice for one envelope (SQS delivers at least once) and must leave the same state.
     */
    void apply(InboxEnvelope envelope, JsonNode activity);
}
