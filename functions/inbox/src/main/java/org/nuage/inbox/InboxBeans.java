package org.nuage.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.core.account.AccountStore;
import org.nuage.core.federation.InboxAuthenticator;
import org.nuage.core.federation.InboxService;
import org.nuage.core.federation.InboxStore;
import org.nuage.core.federation.actor.LocalActors;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.federation.signature.SignatureVerifier;
import org.nuage.core.queue.WorkQueue;

/** Wires core's inbox service to the AWS adapters. */
public class InboxBeans {

    @Produces
    @ApplicationScoped
    InboxService inboxService(InboxStore store, WorkQueue queue, RemoteActors actors, AccountStore accounts,
            InstanceConfig instance, Clock clock) {
        InboxAuthenticator authenticator = new InboxAuthenticator(new SignatureVerifier(clock), actors,
                instance.publicUrl().getScheme());
        LocalActors local = new LocalActors(accounts, instance.publicUrl());
        return new InboxService(store, queue, authenticator, local::hasInbox, clock);
    }
}
