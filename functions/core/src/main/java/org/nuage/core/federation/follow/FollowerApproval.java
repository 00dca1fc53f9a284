package org.nuage.core.federation.follow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.nuage.core.Refusal;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.json.Json;

/**
 * Who may follow our actors: accounts and channels accept every Follow at once; the instance actor
 * does too unless an administrator asked to approve its followers by hand, as PeerTube offers,
 * since following the instance means receiving everything it publishes. The answer (Accept or
 * Reject) embeds the Follow, as PeerTube and Mastodon match it to their request that way.
 */
public final class FollowerApproval {

    private static final Logger LOG = Logger.getLogger(FollowerApproval.class.getName());

    /** A follower of the instance actor as the administration API lists it. */
    public record InstanceFollower(String actor, String handle, State state, Instant since) {
    }

    /** PeerTube's follow states. */
    public enum State { PENDING, ACCEPTED }

    private final Followers followers;
    private final FollowRequests requests;
    private final InstanceSettings settings;
    private final RemoteActors remote;
    private final OutboundService outbound;
    private final String instanceActor;
    private final Clock clock;

    public FollowerApproval(Followers followers, FollowRequests requests, InstanceSettings settings, RemoteActors remote,
            OutboundService outbound, String instanceActor, Clock clock) {
        this.followers = followers;
        this.requests = requests;
        this.settings = settings;
        this.remote = remote;
        this.outbound = outbound;
        this.instanceActor = instanceActor;
        this.clock = clock;
    }

    /**
     * A verified Follow of our actor {@code target} by {@code follower}: accepted now, or kept for
     * an administrator when it follows the instance and approval is manual.
     */
    public void received(String target, RemoteActor follower, String followId, JsonNode follow) {
        if (target.equals(instanceActor) && settings.manualApprovalOfInstanceFollowers()) {
            requests.add(new FollowRequest(target, follower.id(), handle(follower), follower.deliveryInbox(),
                    follower.inbox(), Json.write(follow), clock.instant()));
            LOG.info(() -> follower.id() + " asks to follow the instance; waiting for an administrator");
            return;
        }
        accept(target, follower.id(), follower.deliveryInbox(), follower.inbox(), followId, follow);
    }

    /** {@code actor} undid its Follow of {@code target}: forgotten, whether accepted or still waiting. */
    public void undone(String target, String actor) {
        followers.remove(target, actor);
        requests.remove(target, actor);
    }

    /** The instance's followers, pending ones first, for {@code GET /api/v1/server/followers}. */
    public List<InstanceFollower> instanceFollowers() {
        List<InstanceFollower> all = new ArrayList<>();
        requests.of(instanceActor).forEach(r -> all.add(new InstanceFollower(r.actor(), r.handle(), State.PENDING,
                r.since())));
        followers.of(instanceActor).stream()
                .sorted(Comparator.comparing(Follower::since))
                .forEach(f -> all.add(new InstanceFollower(f.actor(), handleOf(f.actor()), State.ACCEPTED, f.since())));
        return all;
    }

    /** The administrator accepts the pending Follow of {@code handle} ({@code name@host}). */
    public void acceptInstanceFollower(String handle) {
        FollowRequest request = pending(handle);
        JsonNode follow = Json.tree(request.follow());
        accept(instanceActor, request.actor(), request.deliveryInbox(), request.inbox(), follow.path("id").asText(),
                follow);
        requests.remove(instanceActor, request.actor());
    }

    /** The administrator refuses the pending Follow of {@code handle}: it is told so with a Reject. */
    public void rejectInstanceFollower(String handle) {
        FollowRequest request = pending(handle);
        answer("Reject", instanceActor, request.inbox(), Json.tree(request.follow()));
        requests.remove(instanceActor, request.actor());
        LOG.info(() -> request.actor() + "'s Follow of the instance rejected");
    }

    /**
     * The administrator removes {@code handle} from the instance's followers, pending or accepted;
     * like PeerTube, it is sent a Reject of its Follow so it stops expecting our activities.
     */
    public void removeInstanceFollower(String handle) {
        Optional<FollowRequest> request = requests.of(instanceActor).stream()
                .filter(r -> r.handle().equalsIgnoreCase(handle)).findFirst();
        if (request.isPresent()) {
            rejectInstanceFollower(handle);
            return;
        }
        Follower follower = followers.of(instanceActor).stream()
                .filter(f -> handleOf(f.actor()).equalsIgnoreCase(handle)).findFirst()
                .orElseThrow(() -> Refusal.notFound(handle + " does not follow this instance"));
        Map<String, Object> follow = new LinkedHashMap<>();
        follow.put("id", follower.followId());
        follow.put("type", "Follow");
        follow.put("actor", follower.actor());
        follow.put("object", instanceActor);
        answer("Reject", instanceActor, remote.get(follower.actor()).inbox(), Json.MAPPER.valueToTree(follow));
        followers.remove(instanceActor, follower.actor());
        LOG.info(() -> follower.actor() + " removed from the instance's followers");
    }

    private FollowRequest pending(String handle) {
        return requests.of(instanceActor).stream().filter(r -> r.handle().equalsIgnoreCase(handle)).findFirst()
                .orElseThrow(() -> Refusal.notFound("no pending follow request from " + handle));
    }

    private void accept(String target, String actor, String deliveryInbox, String inbox, String followId,
            JsonNode follow) {
        followers.add(new Follower(target, actor, deliveryInbox, followId, clock.instant()));
        answer("Accept", target, inbox, follow);
        LOG.info(() -> actor + " now follows " + target);
    }

    private void answer(String type, String target, String inbox, JsonNode follow) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("@context", "https://www.w3.org/ns/activitystreams");
        answer.put("id", target + "/" + type.toLowerCase(java.util.Locale.ROOT) + "s/" + UUID.randomUUID());
        answer.put("type", type);
        answer.put("actor", target);
        answer.put("object", Json.MAPPER.convertValue(follow, Map.class));
        outbound.send(target, answer, List.of(inbox));
    }

    private String handleOf(String actor) {
        try {
            return handle(remote.get(actor));
        } catch (RuntimeException unavailable) {
            // Its server is gone: the list still shows it, by its URL.
            return actor;
        }
    }

    private static String handle(RemoteActor actor) {
        return actor.preferredUsername() + "@" + actor.host();
    }
}
