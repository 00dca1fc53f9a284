package org.nuage.core.video;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Trending, as PeerTube's: the videos most viewed over the last few days, counted per day as the
 * views come ({@link VideoReactions#viewsOn}), so an old video that people watch again climbs back
 * and a video that was popular once drops out when its days pass.
 */
public final class Trending {

    /** PeerTube's default ({@code trending.videos.interval_days}). */
    public static final int DAYS = 7;

    private Trending() {
    }

    /** The first UTC day that counts at {@code now}: today is the last of the {@link #DAYS}. */
    public static LocalDate firstDay(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(DAYS - 1L);
    }

    /**
     * The ids of the most viewed videos in {@code views}, most viewed first, at most {@code limit};
     * equal views rank by id so that the order is stable between requests.
     */
    public static List<String> rank(Map<String, Long> views, int limit) {
        return views.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }
}
