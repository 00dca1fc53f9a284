package org.nuage.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.nuage.core.federation.InboundService;
import org.nuage.core.federation.InboxStore;

/** Wires core's inbound service to the AWS adapters. */
public class DeliveryBeans {

    @Produces
    @ApplicationScoped
    InboundService inboundService(InboxStore store, Clock clock) {
        return new InboundService(store, clock);
    }
}
