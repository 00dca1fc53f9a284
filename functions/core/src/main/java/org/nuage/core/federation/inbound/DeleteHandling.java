package org.nuage.core.federation.inbound;

import static org.nuage.core.federation.inbound.InboundRoutes.id;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.logging.Logger;
import org.nuage.core.federation.InboxEnvelope;

/**
 * A Delete whose object is a bare id, a Tombstone or a Note: which thing it names is found by
 * looking it up. The actor itself (Mastodon sends {@code Delete} of an account with the account's
 * URL as object) or a comment under one of our videos; anything else is not ours.
 */
public final class DeleteHandling {

    private static final Logger LOG = Logger.getLogger(DeleteHandling.class.getName());

    private final ActorHandling actors;
    private final CommentHandling comments;

    public DeleteHandling(ActorHandling actors, CommentHandling comments) {
        this.actors = actors;
        this.comments = comments;
    }

    public void deleted(InboxEnvelope envelope, JsonNode delete) {
        String object = id(delete.path("object"));
        if (envelope.actor().equals(object)) {
            actors.forget(envelope.actor());
            return;
        }
        if (actors.knows(object)) {
            LOG.warning(() -> envelope.actor() + " tried to delete the actor " + object + "; refused");
            return;
        }
        if (!comments.deleted(envelope.actor(), object)) {
            LOG.info(() -> "Delete " + envelope.activityId() + " of " + object + ", nothing of ours; acknowledged");
        }
    }
}
