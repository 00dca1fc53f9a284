package org.nuage.core.federation.inbound;

import static org.nuage.core.federation.inbound.InboundRoutes.id;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.logging.Logger;
import org.nuage.core.federation.InboxEnvelope;
import org.nuage.core.federation.follow.Followers;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.core.federation.remote.RemoteActorCache;
import org.nuage.core.federation.remote.RemoteActors;

/**
 * Updates and deletions of remote actors, accepted only from the actor itself: an Update
 * refreshes our cached copy, a Delete forgets its follows of our actors and its comments.
 */
public final class ActorHandling {

    private static final Logger LOG = Logger.getLogger(ActorHandling.class.getName());

    private final RemoteActors remote;
    private final RemoteActorCache cache;
    private final Followers followers;
    private final CommentHandling comments;

    public ActorHandling(RemoteActors remote, RemoteActorCache cache, Followers followers, CommentHandling comments) {
        this.remote = remote;
        this.cache = cache;
        this.followers = followers;
        this.comments = comments;
    }

    /**
     * An Update of an actor by itself: the actor is fetched again from its server and cached. The
     * document the Update embeds is never stored: a forwarded activity is proven only as far as
     * its signed graph goes, and an actor's key must come from the actor's own server.
     */
    public void updated(InboxEnvelope envelope, JsonNode update) {
        String object = id(update.path("object"));
        if (!envelope.actor().equals(object)) {
            LOG.warning(() -> envelope.actor() + " tried to update the actor " + object + "; refused");
            return;
        }
        RemoteActor actor;
        try {
            actor = remote.refresh(envelope.actor());
        } catch (RemoteActors.Unavailable | IllegalArgumentException e) {
            LOG.warning(() -> "Update " + envelope.activityId() + ": the actor cannot be fetched again: " + e.getMessage()
                    + "; the cached copy is kept");
            return;
        }
        LOG.info(() -> "actor " + actor.id() + " fetched again after its Update");
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
