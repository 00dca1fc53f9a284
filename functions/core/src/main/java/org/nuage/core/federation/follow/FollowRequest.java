package org.nuage.core.federation.follow;

import java.time.Instant;

/**
 * A Follow of one of our actors waiting for an administrator (PeerTube's manual approval of
 * instance followers).
 *
 * @param target        our actor's URL (the instance actor)
 * @param actor         the remote actor asking to follow
 * @param handle        {@code name@host}, as the administration API names followers
 * @param deliveryInbox where our activities will reach it once accepted (its shared inbox if any)
 * @param inbox         its own inbox, where the Accept or Reject goes
 * @param follow        the Follow activity as received, embedded in the answer so it can be matched
 * @param since         when it arrived
 */
public record FollowRequest(String target, String actor, String handle, String deliveryInbox, String inbox,
        String follow, Instant since) {
}
