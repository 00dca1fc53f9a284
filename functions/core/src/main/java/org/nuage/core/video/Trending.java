package org.nuage.core.video;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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

    /** The UTC days that count at {@code now}, today first. */
    public static List<LocalDate> days(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i < DAYS; i++) {
            days.add(today.minusDays(i));
        }
        return days;
    }

    /**
     * The ids of the most viewed videos over {@code perDay} (one map of views per day), most viewed
     * first, at most {@code limit}; equal views rank by id so that the order is stable between
     * requests.
     */
    public static List<String> rank(List<Map<String, Long>> perDay, int limit) {
        Map<String, Long> total = new HashMap<>();
        for (Map<String, Long> day : perDay) {
            day.forEach((uuid, views) -> total.merge(uuid, views, Long::sum));
        }
        return total.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }
}
