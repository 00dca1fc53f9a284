package org.nuage.core.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendingTest {

    @Test
    void addsTheDaysUpAndRanksMostViewedFirst() {
        List<Map<String, Long>> days = List.of(
                Map.of("a", 1L, "b", 5L),
                Map.of("a", 9L, "c", 2L),
                Map.of("c", 4L));
        // a: 10, c: 6, b: 5.
        assertEquals(List.of("a", "c", "b"), Trending.rank(days, 6));
        assertEquals(List.of("a", "c"), Trending.rank(days, 2));
    }

    @Test
    void equalViewsRankByIdAndUnviewedVideosAreLeftOut() {
        List<Map<String, Long>> days = List.of(Map.of("z", 3L, "m", 3L, "zero", 0L), Map.of());
        assertEquals(List.of("m", "z"), Trending.rank(days, 6));
        assertEquals(List.of(), Trending.rank(List.of(), 6));
    }

    @Test
    void theWindowIsTheLastSevenUtcDaysTodayFirst() {
        List<LocalDate> days = Trending.days(Instant.parse("2026-12-07T00:30:00Z"));
        assertEquals(7, days.size());
        assertEquals(LocalDate.parse("2026-12-07"), days.get(0));
        assertEquals(LocalDate.parse("2026-12-01"), days.get(6));
    }
}
