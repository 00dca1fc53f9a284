package org.nuage.core.instance;

/** The counts NodeInfo publishes: users and local posts (videos and comments). */
public record InstanceUsage(long users, long activeMonth, long activeHalfyear, long localVideos,
        long localComments) {

    public static final InstanceUsage EMPTY = new InstanceUsage(0, 0, 0, 0, 0);
}
