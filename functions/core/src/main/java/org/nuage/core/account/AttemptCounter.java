package org.nuage.core.account;

import java.time.Instant;

/** Port: counts attempts under a key in a window, kept until the window ends, to limit password guessing. */
public interface AttemptCounter {

    /** Adds one to {@code key}'s count in the window that ends at {@code windowEnd}; returns the new count. */
    long add(String key, Instant windowEnd);

    /** {@code key}'s count in the window that ends at {@code windowEnd}; 0 when there is none. */
    long count(String key, Instant windowEnd);
}
