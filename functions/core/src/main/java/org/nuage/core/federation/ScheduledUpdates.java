package org.nuage.core.federation;

import java.time.Instant;

/**
 * Port: which of our videos have a federated {@code Update} waiting on the queue, so that a busy
 * video makes one message per interval rather than one per view.
 */
public interface ScheduledUpdates {

    /**
     * Marks the video's update as waiting until {@code due}, unless one is already waiting; a mark
     * whose due time is before {@code staleBefore} counts as lost (its message never came) and is
     * replaced. True when this call marked it, and so must queue the message.
     */
    boolean schedule(String videoUuid, Instant due, Instant staleBefore);

    /** The waiting update is being sent: whatever happens from now on needs a new one. */
    void clear(String videoUuid);
}
