package org.nuage.core.federation.follow;

import java.time.Instant;

/**
 * One of our actors following a remote actor: an account subscribed to a remote channel or
 * account, or the instance actor following another server's instance actor.
 *
 * @param follower our actor's URL
 * @param target the remote actor's id
 * @param handle {@code name@host} of the remote actor, as the subscriptions API names it
 * @param targetInbox where the Follow (and its Undo) go: the remote actor's own inbox
 * @param followId the id of our Follow activity, which the remote server's Accept or Reject names
 */
public record Subscription(String follower, String target, String handle, String targetInbox, String followId,
        State state, Instant since) {

    /** Pending until the remote server accepts; a Reject removes the subscription. */
    public enum State { PENDING, ACCEPTED }

    public Subscription accepted() {
        return new Subscription(follower, target, handle, targetInbox, followId, State.ACCEPTED, since);
    }

    public boolean isAccepted() {
        return state == State.ACCEPTED;
    }

    /** The remote actor's host (with its port, if any), which instance follows are kept by. */
    public String targetHost() {
        return hostOf(target);
    }

    /** {@code host} or {@code host:port} of an actor or object URL, lower case. */
    public static String hostOf(String url) {
        java.net.URI uri = java.net.URI.create(url);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }
}
