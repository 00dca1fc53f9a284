package org.nuage.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.core.account.AccountStore;
import org.nuage.core.comment.CommentService;
import org.nuage.core.comment.Comments;
import org.nuage.core.federation.InboundService;
import org.nuage.core.federation.InboxStore;
import org.nuage.core.federation.actor.LocalActors;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.follow.Followers;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.video.VideoCatalog;

/** Wires core's inbound federation service to the AWS adapters; the outbound one is shared (aws FederationBeans). */
public class DeliveryBeans {

    @Produces
    @ApplicationScoped
    InboundService inboundService(InboxStore store, AccountStore accounts, RemoteActors remote, Followers followers,
            OutboundService outbound, Comments comments, VideoCatalog videos, InstanceConfig instance, Clock clock) {
        return new InboundService(store, new LocalActors(accounts, instance.publicUrl()), remote, followers, outbound,
                new CommentService(comments, videos, remote, outbound, instance.publicUrl(), clock), clock);
    }
}
