package org.nuage.core.federation.follow;

/**
 * Port: what an administrator changes at run time (PeerTube's {@code PUT /api/v1/config/custom}),
 * read by whichever function needs it, so no redeploy is needed.
 */
public interface InstanceSettings {

    /** Whether a server's Follow of our instance actor waits for an administrator; off unless set. */
    boolean manualApprovalOfInstanceFollowers();

    void manualApprovalOfInstanceFollowers(boolean manual);
}
