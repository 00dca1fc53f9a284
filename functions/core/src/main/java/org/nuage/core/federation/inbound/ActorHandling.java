package org.nuage.core.federation.inbound;

import static org.nuage.core.federation.inbound.InboundRoutes.id;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;
import org.nuage.core.federation.InboxEnvelope;
import org.nuage.core.federation.follow.Followers;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.core.federation.remote.RemoteActorCache;

/**
 * Updates and deletions of remote actors, accepted only from the actor itself: an Update
 * refreshes our cached copy, a Delete forgets its follows of our actors and its comments.
 */
public final class ActorHandling {

    private static final Logger LOG = Logger.getLogger(ActorHandling.class.getName());

    private final RemoteActorCache cache;
    private final Followers followers;
    private final CommentHandling comments;
    private final Clock clock;

    public ActorHandling(RemoteActorCache cache, Followers followers, CommentHandling comments, Clock clock) {
        this.cache = cache;
        this.followers = followers;
        this.comments = comments;
        this.clock = clock;
    }

    /**
     * An Update of an actor by itself: the embedded document replaces the cached one, after the
     * same checks as a fetched actor (same host, own key, an inbox).
     */
    public void updated(InboxEnvelope envelope, JsonNode update) {
        JsonNode document = update.path("object");
        String object = id(document);
        if (!envelope.actor().equals(object)) {
            LOG.warning(() -> envelope.actor() + " tried to update the actor " + object + "; refused");
            return;
        }
        RemoteActor actor;
        try {
            // The actor's own URL stands for where the document came from: the inbox checked it signed this.
            actor = RemoteActor.parse(document, URI.create(envelope.actor()));
        } catch (RemoteActor.InvalidActor | IllegalArgumentException e) {
            LOG.warning(() -> "Update " + envelope.activityId() + " carries an actor we cannot use: " + e.getMessage()
                    + "; ignored");
            return;
        }
        cache.save(actor, clock.instant());
        LOG.info(() -> "actor " + actor.id() + " refreshed from its Update");
    }

    /** A Delete of an actor: only the actor may delete itself. */
    public void deleted(InboxEnvelope envelope, JsonNode delete) {
        String object = id(delete.path("object"));
        if (!envelope.actor().equals(object)) {
            LOG.warning(() -> envelope.actor() + " tried to delete the actor " + object + "; refused");
            return;
        }
        forget(envelope.actor());
    }

    /** Whether {@code url} is a remote actor we know (its document is cached). */
    boolean knows(String url) {
        return url != null && cache.find(url).isPresent();
    }

    /** Forgets what a deleted actor left here: its follows of our actors and its comments. */
    void forget(String actor) {
        List<String> followed = followers.followedBy(actor);
        followed.forEach(target -> followers.remove(target, actor));
        comments.deleteAllBy(actor);
        LOG.info(() -> "actor " + actor + " deleted itself: " + followed.size() + " follows and its comments forgotten");
    }
}
