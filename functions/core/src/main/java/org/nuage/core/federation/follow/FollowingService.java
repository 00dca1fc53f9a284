package org.nuage.core.federation.follow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.nuage.core.Refusal;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.core.federation.remote.ActorResolver;
import org.nuage.core.federation.remote.WebFinger;

/**
 * Our actors following remote ones, as PeerTube does it: an account subscribes to a remote channel
 * or account, and the instance actor follows another server's instance actor ({@code peertube@host}).
 * The remote actor is found by WebFinger and a signed fetch; the subscription is stored as pending
 * and a Follow, signed by the follower when it is sent, goes to the remote actor's inbox. The remote
 * server's Accept makes it accepted, its Reject removes it; unsubscribing sends an Undo.
 */
public final class FollowingService {

    private static final Logger LOG = Logger.getLogger(FollowingService.class.getName());

    /** The name PeerTube's instance actor has on every server; an instance follow is a follow of it. */
    public static final String INSTANCE_ACTOR_NAME = "peertube";

    private static final String CONTEXT = "https://www.w3.org/ns/activitystreams";

    private final Subscriptions subscriptions;
    private final ActorResolver actors;
    private final OutboundService outbound;
    private final String base;
    private final String instanceActor;
    private final Consumer<Subscription> onInstanceFollowAccepted;
    private final Clock clock;

    /**
     * {@code base} is our public URL; {@code onInstanceFollowAccepted} runs when a server accepts
     * our instance's follow (the outbox backfill).
     */
    public FollowingService(Subscriptions subscriptions, ActorResolver actors, OutboundService outbound, String base, Consumer<Subscription> onInstanceFollowAccepted, Clock clock) {
        this.subscriptions = subscriptions;
        this.actors = actors;
        this.outbound = outbound;
        this.base = base.replaceAll("/+$", "");
        this.instanceActor = this.base + "/accounts/" + INSTANCE_ACTOR_NAME;
        this.onInstanceFollowAccepted = onInstanceFollowAccepted;
        this.clock = clock;
    }

    public String instanceActor() {
        return instanceActor;
    }

    public String accountActor(String username) {
        return base + "/accounts/" + username;
    }

    /**
     * {@code username} subscribes to the remote channel or account {@code handle} ({@code name@host});
     * subscribing again sends the Follow again while it is pending and changes nothing once accepted.
     */
    public Subscription subscribe(String username, String handle) {
        WebFinger.Handle parsed = WebFinger.parse(handle);
        RemoteActor actor = actors.resolve(parsed.toString());
        if (!actor.type().equals("Group") && !actor.type().equals("Person")) {
            throw Refusal.badRequest(parsed + " is a " + actor.type() + ", not a channel or an account");
        }
        return follow(accountActor(username), actor, parsed.toString());
    }

    /** The instance follows each host's instance actor ({@code peertube@host}), as PeerTube's admin API does. */
    public List<Subscription> followInstances(List<String> hosts) {
        if (hosts == null || hosts.isEmpty()) {
            throw Refusal.badRequest("hosts must list at least one host");
        }
        List<Subscription> made = new ArrayList<>();
        for (String host : hosts) {
            WebFinger.Handle handle = WebFinger.parse(INSTANCE_ACTOR_NAME + "@" + (host == null ? "" : host.strip()));
            made.add(follow(instanceActor, actors.resolve(handle.toString()), handle.toString()));
        }
        return made;
    }

    /** {@code username} unsubscribes from {@code handle}: an Undo of the Follow is sent, the subscription forgotten. */
    public void unsubscribe(String username, String handle) {
        unfollow(accountActor(username), handle);
    }

    /** The instance stops following {@code host}. */
    public void unfollowInstance(String host) {
        unfollow(instanceActor, INSTANCE_ACTOR_NAME + "@" + host);
    }

    public List<Subscription> subscriptionsOf(String username) {
        return subscriptions.of(accountActor(username));
    }

    public List<Subscription> instanceFollows() {
        return subscriptions.of(instanceActor);
    }

    /** Which of {@code handles} the user is subscribed to (pending or accepted), as PeerTube's {@code exist} answers. */
    public Map<String, Boolean> exist(String username, List<String> handles) {
        List<Subscription> mine = subscriptionsOf(username);
        Map<String, Boolean> answer = new LinkedHashMap<>();
        for (String handle : handles) {
            answer.put(handle, find(mine, handle).isPresent());
        }
        return answer;
    }

    /**
     * The remote server's {@code Accept} ({@code accepted}) or {@code Reject} of one of our Follows,
     * sent by {@code actor}; it must be the actor we followed. True when it answered one of ours.
     */
    public boolean answered(String actor, JsonNode activity, boolean accepted) {
        JsonNode object = activity.path("object");
        String followId = object.isTextual() ? object.asText() : object.path("id").asText("");
        Optional<Subscription> subscription = subscriptions.byFollowId(followId);
        if (subscription.isEmpty()) {
            return false;
        }
        Subscription s = subscription.get();
        if (!s.target().equals(actor)) {
            LOG.warning(() -> actor + " answered the Follow " + followId + " of " + s.target() + "; ignored");
            return false;
        }
        if (!accepted) {
            subscriptions.remove(followId);
            LOG.info(() -> actor + " rejected the follow of " + s.follower());
            return true;
        }
        if (!s.isAccepted()) {
            subscriptions.save(s.accepted());
            LOG.info(() -> actor + " accepted the follow of " + s.follower());
            if (s.follower().equals(instanceActor)) {
                onInstanceFollowAccepted.accept(s.accepted());
            }
        }
        return true;
    }

    private Subscription follow(String follower, RemoteActor actor, String handle) {
        if (actor.id().startsWith(base + "/")) {
            throw Refusal.badRequest(handle + " is on this instance; only remote actors are followed");
        }
        Optional<Subscription> existing = subscriptions.of(follower).stream()
                .filter(s -> s.target().equals(actor.id())).findFirst();
        if (existing.isPresent() && existing.get().isAccepted()) {
            return existing.get();
        }
        // A fresh id per Follow: a server that saw an earlier Follow and its Undo must not drop this one as a replay.
        Subscription subscription = existing.orElseGet(() -> new Subscription(follower, actor.id(), handle, actor.inbox(),
                follower + "/follows/" + UUID.randomUUID(), Subscription.State.PENDING, clock.instant()));
        subscriptions.save(subscription);
        outbound.send(follower, followActivity(subscription), List.of(subscription.targetInbox()));
        LOG.info(() -> follower + " asked to follow " + actor.id());
        return subscription;
    }

    private void unfollow(String follower, String handle) {
        WebFinger.parse(handle);
        Subscription s = find(subscriptions.of(follower), handle)
                .orElseThrow(() -> Refusal.notFound("no subscription to " + handle));
        Map<String, Object> undo = new LinkedHashMap<>();
        undo.put("@context", CONTEXT);
        undo.put("id", s.followId() + "/undo/" + UUID.randomUUID());
        undo.put("type", "Undo");
        undo.put("actor", follower);
        undo.put("object", followActivity(s));
        subscriptions.remove(s.followId());
        outbound.send(follower, undo, List.of(s.targetInbox()));
        LOG.info(() -> follower + " no longer follows " + s.target());
    }

    private static Map<String, Object> followActivity(Subscription s) {
        Map<String, Object> follow = new LinkedHashMap<>();
        follow.put("@context", CONTEXT);
        follow.put("id", s.followId());
        follow.put("type", "Follow");
        follow.put("actor", s.follower());
        follow.put("object", s.target());
        return follow;
    }

    private static Optional<Subscription> find(List<Subscription> subscriptions, String handle) {
        String wanted = handle == null ? "" : handle.strip().replaceFirst("^@", "");
        return subscriptions.stream().filter(s -> s.handle().equalsIgnoreCase(wanted) || s.target().equals(wanted))
                .findFirst();
    }
}
