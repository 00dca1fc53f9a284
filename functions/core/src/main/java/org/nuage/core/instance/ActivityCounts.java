package org.nuage.core.instance;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The activities from other servers applied and failed, per activity type, and since when they are
 * counted (the first one counted).
 */
public record ActivityCounts(Map<String, Long> applied, Map<String, Long> failed, Optional<Instant> since) {

    public static final ActivityCounts NONE = new ActivityCounts(Map.of(), Map.of(), Optional.empty());

    public ActivityCounts {
        applied = Map.copyOf(applied);
        failed = Map.copyOf(failed);
    }

    public long totalApplied() {
        return applied.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalFailed() {
        return failed.values().stream().mapToLong(Long::longValue).sum();
    }
}
