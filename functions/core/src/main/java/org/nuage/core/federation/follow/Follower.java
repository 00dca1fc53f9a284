package org.nuage.core.federation.follow;

import java.time.Instant;

/**
 * A remote actor following one of ours.
 *
 * @param target our actor's URL (an account, a channel or the instance)
 * @param deliveryInbox where our activities reach the follower: its server's shared inbox if it has one
 * @param followId the id of the Follow activity, which an Undo names
 */
public record Follower(String target, String actor, String deliveryInbox, String followId, Instant since) {
}
