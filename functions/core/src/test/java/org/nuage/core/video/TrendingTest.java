package org.nuage.core.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendingTest {

    @Test
    void ranksMostViewedFirst() {
        Map<String, Long> views = Map.of("a", 10L, "b", 5L, "c", 6L);
        assertEquals(List.of("a", "c", "b"), Trending.rank(views, 6));
        assertEquals(List.of("a", "c"), Trending.rank(views, 2));
    }

    @Test
    void equalViewsRankByIdAndUnviewedVideosAreLeftOut() {
        assertEquals(List.of("m", "z"), Trending.rank(Map.of("z", 3L, "m", 3L, "zero", 0L), 6));
        assertEquals(List.of(), Trending.rank(Map.of(), 6));
    }

    @Test
    void theWindowIsTheLastSevenUtcDays() {
        assertEquals(LocalDate.parse("2026-12-01"), Trending.firstDay(Instant.parse("2026-12-07T00:30:00Z")));
        assertEquals(LocalDate.parse("2026-12-01"), Trending.firstDay(Instant.parse("2026-12-07T23:59:59Z")));
    }
}
