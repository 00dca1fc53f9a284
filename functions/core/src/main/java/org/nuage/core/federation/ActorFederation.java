package org.nuage.core.federation;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.nuage.core.federation.actor.ActorDirectory;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.follow.Follower;
import org.nuage.core.federation.follow.Followers;

/**
 * Tells an actor's followers that its profile changed (name, description, avatar), as PeerTube's
 * {@code sendUpdateActor} does: an {@code Update} carrying the whole {@code Person} or
 * {@code Group}, so their servers show the new avatar without fetching the actor again.
 */
public final class ActorFederation {

    private static final Logger LOG = Logger.getLogger(ActorFederation.class.getName());

    private final ActorDirectory actors;
    private final Followers followers;
    private final OutboundService outbound;
    private final Clock clock;

    public ActorFederation(ActorDirectory actors, Followers followers, OutboundService outbound, Clock clock) {
        this.actors = actors;
        this.followers = followers;
        this.outbound = outbound;
        this.clock = clock;
    }

    /** Sends {@code Update{Person}} to the account's followers; returns how many inboxes. */
    public int accountUpdated(String username) {
        return updated(actors.account(username));
    }

    /** Sends {@code Update{Group}} to the channel's followers; returns how many inboxes. */
    public int channelUpdated(String name) {
        return updated(actors.channel(name));
    }

    private int updated(Map<String, Object> actor) {
        String id = String.valueOf(actor.get("id"));
        List<String> inboxes = followers.of(id).stream().map(Follower::deliveryInbox).distinct().toList();
        if (inboxes.isEmpty()) {
            return 0;
        }
        Map<String, Object> object = new LinkedHashMap<>(actor);
        Object context = object.remove("@context");
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("@context", context);
        // PeerTube's update ids: the actor's URL, then when; each change is a new activity.
        update.put("id", id + "/updates/" + clock.instant());
        update.put("type", "Update");
        update.put("actor", id);
        update.put("object", object);
        update.put("to", List.of(VideoObjects.PUBLIC));
        update.put("cc", List.of(id + "/followers"));
        outbound.send(id, update, inboxes);
        LOG.info(() -> "Update of " + id + " sent to " + inboxes.size() + " inboxes");
        return inboxes.size();
    }
}
