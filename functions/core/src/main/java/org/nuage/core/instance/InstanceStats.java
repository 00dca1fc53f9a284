package org.nuage.core.instance;

/** Port: where the instance-wide counters live. */
public interface InstanceStats {

    InstanceUsage usage();

    /**
     * Counts one activity from another server that the delivery worker applied ({@code applied}) or
     * failed to apply, by its type, as PeerTube's inbox counts its messages.
     */
    void countActivity(String type, boolean applied);

    /** What {@link #countActivity} has counted so far. */
    ActivityCounts activities();
}
