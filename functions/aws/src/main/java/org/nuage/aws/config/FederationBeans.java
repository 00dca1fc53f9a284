package org.nuage.aws.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.nuage.core.federation.actor.ActorDirectory;
import org.nuage.core.federation.actor.ActorKeyring;
import org.nuage.core.federation.actor.ActorKeys;
import org.nuage.core.federation.delivery.BreakerPolicy;
import org.nuage.core.federation.delivery.BreakerStates;
import org.nuage.core.federation.delivery.DomainBreaker;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.follow.FollowRequests;
import org.nuage.core.federation.follow.FollowerApproval;
import org.nuage.core.federation.follow.Followers;
import org.nuage.core.federation.follow.FollowingService;
import org.nuage.core.federation.follow.InstanceSettings;
import org.nuage.core.federation.follow.Subscriptions;
import org.nuage.core.federation.index.OutboxBackfill;
import org.nuage.core.federation.index.RemoteVideoIndex;
import org.nuage.core.federation.index.RemoteVideos;
import org.nuage.core.federation.remote.ActorResolver;
import org.nuage.core.federation.remote.RememberedActors;
import org.nuage.core.federation.remote.RemoteActorCache;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.federation.remote.RemoteObjects;
import org.nuage.core.federation.remote.WebFinger;
import org.nuage.core.federation.signature.RequestSigner;
import org.nuage.core.net.AddressPolicy;
import org.nuage.core.net.SafeHttp;
import org.nuage.core.net.SafeUrls;
import org.nuage.core.queue.WorkQueue;

/**
 * Wires core's federation pieces that functions share: keys, signed requests, remote actors and
 * objects, outbound deliveries, following and the remote video index.
 */
public class FederationBeans {

    /** An actor, a page of a collection or a comment is a few kilobytes; a megabyte is plenty. */
    static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    @Produces
    @ApplicationScoped
    ActorKeyring actorKeyring(ActorKeys keys, Clock clock) {
        return new ActorKeyring(keys, new RequestSigner(clock));
    }

    @Produces
    @ApplicationScoped
    SafeHttp safeHttp(FederationConfig federation, InstanceConfig instance) {
        return new SafeHttp(new SafeUrls(new AddressPolicy(federation.allowLoopback()), SafeUrls.SYSTEM_DNS),
                SafeHttp.CONNECT_TIMEOUT, SafeHttp.REQUEST_TIMEOUT, MAX_RESPONSE_BYTES,
                "Nuage (+" + instance.publicUrl() + ")");
    }

    /** Remote actors fetched with GETs signed by the instance actor, as Mastodon's secure mode requires. */
    @Produces
    @ApplicationScoped
    RemoteActors remoteActors(SafeHttp http, ActorKeyring keyring, RemoteActorCache cache, InstanceConfig instance,
            Clock clock) {
        String instanceActor = instanceActor(instance);
        return new RemoteActors(http, target -> keyring.signedGet(instanceActor, target),
                new RememberedActors(cache, clock), clock);
    }

    /** Other servers' objects (videos, outboxes), fetched signed by the instance actor like actors. */
    @Produces
    @ApplicationScoped
    RemoteObjects remoteObjects(SafeHttp http, ActorKeyring keyring, InstanceConfig instance) {
        String instanceActor = instanceActor(instance);
        return new RemoteObjects(http, target -> keyring.signedGet(instanceActor, target));
    }

    /** Actors found by {@code name@host} (WebFinger) or by URL. */
    @Produces
    @ApplicationScoped
    ActorResolver actorResolver(WebFinger webFinger, RemoteActors remote) {
        return new ActorResolver(webFinger, remote);
    }

    /** WebFinger lookups of other servers' handles (actors, remote-follow pages), through the SSRF guard. */
    @Produces
    @ApplicationScoped
    WebFinger webFinger(SafeHttp http, FederationConfig federation) {
        return new WebFinger(http, federation.remoteScheme());
    }

    /**
     * Every activity we send is queued here and signed by the delivery worker when it is sent; the
     * api and the transcoder queue deliveries, the delivery function sends them.
     */
    @Produces
    @ApplicationScoped
    OutboundService outboundService(WorkQueue queue, ActorKeyring keys, SafeHttp http, BreakerStates breakers,
            FederationConfig federation, Clock clock) {
        FederationConfig.Breaker breaker = federation.breaker();
        BreakerPolicy policy = new BreakerPolicy(breaker.failures(), breaker.coolDown(), breaker.probeWindow(),
                breaker.forgetAfter());
        return new OutboundService(queue, keys, http, new DomainBreaker(breakers, policy, clock), clock);
    }

    @Produces
    @ApplicationScoped
    RemoteVideoIndex remoteVideoIndex(RemoteVideos videos, Subscriptions subscriptions, RemoteObjects objects,
            InstanceConfig instance) {
        return new RemoteVideoIndex(videos, subscriptions, objects, instanceActor(instance),
                instance.publicUrl().toString());
    }

    /** Following, with the outbox backfill run when another server accepts our instance's follow. */
    @Produces
    @ApplicationScoped
    FollowingService followingService(Subscriptions subscriptions, ActorResolver actors, OutboundService outbound,
            RemoteObjects objects, RemoteVideoIndex index, FederationConfig federation, InstanceConfig instance,
            Clock clock) {
        OutboxBackfill backfill = new OutboxBackfill(objects, index, federation.backfillMaxItems(), clock);
        return new FollowingService(subscriptions, actors, outbound, instance.publicUrl().toString(),
                accepted -> backfill.crawl(accepted.target()), clock);
    }

    /** Who may follow our actors, and the administrator's decisions on the instance's followers. */
    @Produces
    @ApplicationScoped
    FollowerApproval followerApproval(Followers followers, FollowRequests requests, InstanceSettings settings,
            RemoteActors remote, OutboundService outbound, InstanceConfig instance, Clock clock) {
        return new FollowerApproval(followers, requests, settings, remote, outbound, instanceActor(instance), clock);
    }

    private static String instanceActor(InstanceConfig instance) {
        return instance.publicUrl().toString().replaceAll("/+$", "") + "/accounts/" + ActorDirectory.INSTANCE_ACTOR;
    }
}
