package org.nuage.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.nuage.core.federation.InboxService;
import org.nuage.core.federation.InboxStore;
import org.nuage.core.queue.WorkQueue;

/** Wires core's inbox service to the AWS adapters. */
public class InboxBeans {

    @Produces
    @ApplicationScoped
    InboxService inboxService(InboxStore store, WorkQueue queue, Clock clock) {
        return new InboxService(store, queue, clock);
    }
}
