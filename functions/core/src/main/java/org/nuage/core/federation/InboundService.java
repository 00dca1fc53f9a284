package org.nuage.core.federation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.nuage.core.federation.actor.LocalActors;
import org.nuage.core.federation.follow.FollowerApproval;
import org.nuage.core.federation.inbound.ActorHandling;
import org.nuage.core.federation.inbound.CommentHandling;
import org.nuage.core.federation.inbound.DeleteHandling;
import org.nuage.core.federation.inbound.FlagHandling;
import org.nuage.core.federation.inbound.InboundRoutes;
import org.nuage.core.federation.inbound.VideoReactionHandling;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.json.Json;

/**
 * Applies activities the inbox accepted, one envelope at a time, through one dispatch table keyed
 * on (activity type, object type). Every step may run twice (SQS delivers at least once) and must
 * not care.
 */
public final class InboundService {

    private static final Logger LOG = Logger.getLogger(InboundService.class.getName());

    private final InboxStore store;
    private final LocalActors local;
    private final RemoteActors remote;
    private final FollowerApproval approval;
    private final FollowedActorsHandler followed;
    private final Clock clock;
    private final InboundRoutes routes;

    public InboundService(InboxStore store, LocalActors local, RemoteActors remote, FollowerApproval approval,
            CommentHandling comments, ActorHandling actors, VideoReactionHandling reactions,
            FlagHandling flags, FollowedActorsHandler followed, Clock clock) {
        this.store = store;
        this.local = local;
        this.remote = remote;
        this.approval = approval;
        this.followed = followed;
        this.clock = clock;
        DeleteHandling deletes = new DeleteHandling(actors, comments);
        // Follows of our actors arrive with the actor's id; anything an actor can follow may be embedded.
        List<String> followable = new java.util.ArrayList<>(InboundRoutes.ACTORS);
        followable.add(InboundRoutes.BY_ID);
        this.routes = new InboundRoutes()
                .on("Follow", followable, this::follow)
                .on("Undo", "Follow", this::undo)
                .on("Create", "Note", comments::created)
                .on("Update", "Note", comments::updated)
                .on("Update", InboundRoutes.ACTORS, actors::updated)
                .on("Delete", InboundRoutes.ACTORS, actors::deleted)
                .on("Delete", List.of(InboundRoutes.BY_ID, "Tombstone", "Note"), (envelope, activity) -> {
                    // A remote video we index, else one of our comments (or an actor) it names.
                    if (!followed.apply("Delete", envelope.actor(), activity)) {
                        deletes.deleted(envelope, activity);
                    }
                })
                .on("Like", InboundRoutes.BY_ID, reactions::like)
                .on("Dislike", InboundRoutes.BY_ID, reactions::dislike)
                .on("Undo", List.of("Like", "Dislike"), reactions::undoRate)
                .on("View", InboundRoutes.BY_ID, reactions::view)
                .on("Announce", InboundRoutes.BY_ID, (envelope, activity) -> {
                    // A share of one of our videos is counted; of a followed server's, indexed.
                    if (!followed.apply("Announce", envelope.actor(), activity)) {
                        reactions.announce(envelope, activity);
                    }
                })
                .on("Announce", "Video", (envelope, activity) -> followed.apply("Announce", envelope.actor(), activity))
                .on("Undo", "Announce", reactions::undoAnnounce)
                .on("Flag", InboundRoutes.BY_ID, flags::flagged)
                .on("Accept", List.of("Follow", InboundRoutes.BY_ID),
                        (envelope, activity) -> followed.apply("Accept", envelope.actor(), activity))
                .on("Reject", List.of("Follow", InboundRoutes.BY_ID),
                        (envelope, activity) -> followed.apply("Reject", envelope.actor(), activity))
                .on("Create", "Video", (envelope, activity) -> followed.apply("Create", envelope.actor(), activity))
                .on("Update", "Video", (envelope, activity) -> followed.apply("Update", envelope.actor(), activity));
    }

    /** The routes of the dispatch table, in order. */
    public List<InboundRoutes.Route> routes() {
        return routes.routes();
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
        InboundRoutes.Route route = InboundRoutes.routeOf(body);
        routes.find(route).ifPresentOrElse(handling -> handling.apply(envelope, body),
                () -> LOG.info(() -> "no handling for " + route + " (" + envelope.activityId() + "); acknowledged"));
        store.markProcessed(envelope.activityId(), clock.instant());
        LOG.info(() -> "applied " + envelope.activityType() + " " + envelope.activityId() + " from "
                + envelope.actor());
    }

    /**
     * A Follow of one of our actors: accepted at once, or held for an administrator (see
     * {@link FollowerApproval}). A Follow of something not ours is ignored.
     */
    private void follow(InboxEnvelope envelope, JsonNode follow) {
        Optional<String> target = local.resolve(id(follow.path("object")));
        if (target.isEmpty()) {
            LOG.info(() -> "Follow " + envelope.activityId() + " of " + id(follow.path("object")) + ", not ours; ignored");
            return;
        }
        // The inbox verified that the actor signed this (the request, or the LD signature of a forwarded
        // activity); its document is in the cache from that check.
        approval.received(target.get(), remote.get(envelope.actor()), envelope.activityId(), follow);
    }

    /** An Undo of a Follow by the same actor: the follower is forgotten. */
    private void undo(InboxEnvelope envelope, JsonNode undo) {
        JsonNode object = undo.path("object");
        if (!envelope.actor().equals(id(object.path("actor")))) {
            LOG.warning(() -> envelope.actor() + " tried to undo a Follow by " + id(object.path("actor")) + "; ignored");
            return;
        }
        local.resolve(id(object.path("object"))).ifPresent(target -> {
            approval.undone(target, envelope.actor());
            LOG.info(() -> envelope.actor() + " no longer follows " + target);
        });
    }

    private static String id(JsonNode node) {
        return InboundRoutes.id(node);
    }
}
