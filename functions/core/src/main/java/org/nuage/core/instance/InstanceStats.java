package org.nuage.core.instance;

/** Port: where the instance-wide counters live. */
public interface InstanceStats {

    InstanceUsage usage();
}
