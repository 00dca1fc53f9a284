package org.nuage.core.federation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.nuage.core.comment.CommentService;
import org.nuage.core.federation.actor.LocalActors;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.follow.Follower;
import org.nuage.core.federation.follow.Followers;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.json.Json;

/**
 * Applies activities the inbox accepted, one envelope at a time. Every step may run twice (SQS
 * delivers at least once) and must not care.
 */
public final class InboundService {

    private static final Logger LOG = Logger.getLogger(InboundService.class.getName());

    private final InboxStore store;
    private final LocalActors local;
    private final RemoteActors remote;
    private final Followers followers;
    private final OutboundService outbound;
    private final CommentService comments;
    private final FollowedActorsHandler followed;
    private final Clock clock;

    public InboundService(InboxStore store, LocalActors local, RemoteActors remote, Followers followers,
            OutboundService outbound, CommentService comments, FollowedActorsHandler followed, Clock clock) {
        this.store = store;
        this.local = local;
        this.remote = remote;
        this.followers = followers;
        this.outbound = outbound;
        this.comments = comments;
        this.followed = followed;
        this.clock = clock;
    }

    public void apply(InboxEnvelope envelope) {
        Optional<ReceivedActivity> activity = store.find(envelope.activityId());
        if (activity.isEmpty()) {
            // The inbox forgets an activity only when it could not queue it, so this envelope is a
            // stray from that race; there is nothing to apply.
            LOG.warning(() -> "no stored activity for envelope " + envelope.activityId() + "; skipped");
            return;
        }
        JsonNode body = Json.tree(activity.get().body());
        switch (envelope.activityType()) {
            case "Follow" -> follow(envelope, body);
            case "Undo" -> undo(envelope, body);
            case "Create" -> {
                if ("Note".equals(body.path("object").path("type").asText())) {
                    comments.received(envelope.actor(), body.path("object"));
                } else {
                    followed.apply("Create", envelope.actor(), body);
                }
            }
            case "Accept", "Reject", "Update", "Announce", "Delete" -> followed.apply(envelope.activityType(),
                    envelope.actor(), body);
            // Other activities (likes, views, reports) are recorded until their handling is built.
            default -> { }
        }
        store.markProcessed(envelope.activityId(), clock.instant());
        LOG.info(() -> "applied " + envelope.activityType() + " " + envelope.activityId() + " from "
                + envelope.actor());
    }

    /**
     * A Follow of one of our actors: the follower is recorded and accepted at once (no manual
     * approval yet). A Follow of something not ours is ignored.
     */
    private void follow(InboxEnvelope envelope, JsonNode follow) {
        Optional<String> target = local.resolve(id(follow.path("object")));
        if (target.isEmpty()) {
            LOG.info(() -> "Follow " + envelope.activityId() + " of " + id(follow.path("object")) + ", not ours; ignored");
            return;
        }
        // The inbox verified that the actor signed this; its document is in the cache from that check.
        RemoteActor follower = remote.get(envelope.actor());
        followers.add(new Follower(target.get(), follower.id(), follower.deliveryInbox(), envelope.activityId(),
                clock.instant()));
        Map<String, Object> accept = new LinkedHashMap<>();
        accept.put("@context", "https://www.w3.org/ns/activitystreams");
        accept.put("id", target.get() + "/accepts/" + UUID.randomUUID());
        accept.put("type", "Accept");
        accept.put("actor", target.get());
        // The Follow itself, as PeerTube and Mastodon embed it, so the follower matches it to its request.
        accept.put("object", Json.MAPPER.convertValue(follow, Map.class));
        outbound.send(target.get(), accept, List.of(follower.inbox()));
        LOG.info(() -> follower.id() + " now follows " + target.get());
    }

    /** An Undo of a Follow by the same actor: the follower is forgotten. */
    private void undo(InboxEnvelope envelope, JsonNode undo) {
        JsonNode object = undo.path("object");
        if (!"Follow".equals(object.path("type").asText())) {
            return;
        }
        if (!envelope.actor().equals(id(object.path("actor")))) {
            LOG.warning(() -> envelope.actor() + " tried to undo a Follow by " + id(object.path("actor")) + "; ignored");
            return;
        }
        local.resolve(id(object.path("object"))).ifPresent(target -> {
            followers.remove(target, envelope.actor());
            LOG.info(() -> envelope.actor() + " no longer follows " + target);
        });
    }

    /** An object's id: the string itself, or the {@code id} of an embedded object. */
    private static String id(JsonNode node) {
        return node.isTextual() ? node.asText() : node.path("id").asText(null);
    }
}
