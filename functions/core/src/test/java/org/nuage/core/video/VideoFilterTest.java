package org.nuage.core.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VideoFilterTest {

    private static Video video(boolean nsfw, Integer category, String language, String... tags) {
        return new Video("6f1c2b8e-3d4a-4c5b-9e7f-0a1b2c3d4e5f", "alice", "alice_channel",
                new Video.VideoMetadata("A video", "", Video.Privacy.PUBLIC, List.of(tags), Optional.ofNullable(category),
                        Optional.empty(), Optional.ofNullable(language), nsfw, true, true),
                Video.State.PUBLISHED, Optional.empty(), 1, Optional.empty(), Instant.EPOCH);
    }

    private static VideoFilter filter(Optional<Boolean> nsfw, List<Integer> categories, List<String> languages,
            List<String> oneOf, List<String> allOf) {
        return new VideoFilter(nsfw, categories, List.of(), languages, oneOf, allOf);
    }

    @Test
    void anyFilterMatchesEverything() {
        assertTrue(VideoFilter.ANY.matches(video(true, null, null)));
    }

    @Test
    void nsfwFollowsPeerTubesThreeValues() {
        assertEquals(Optional.empty(), VideoFilter.nsfw("both"));
        assertEquals(Optional.empty(), VideoFilter.nsfw(null));
        assertEquals(Optional.of(false), VideoFilter.nsfw("false"));
        VideoFilter safe = filter(Optional.of(false), List.of(), List.of(), List.of(), List.of());
        assertFalse(safe.matches(video(true, null, null)));
        assertTrue(safe.matches(video(false, null, null)));
    }

    @Test
    void categoryAndLanguageMustBeOneOfThoseAsked() {
        VideoFilter music = filter(Optional.empty(), List.of(1, 10), List.of("fr"), List.of(), List.of());
        assertTrue(music.matches(video(false, 10, "fr")));
        assertFalse(music.matches(video(false, 2, "fr")));
        assertFalse(music.matches(video(false, 10, null)), "a video without a language is not in French");
    }

    @Test
    void tagsMatchWithoutCaseOneOfOrAllOf() {
        Video seaside = video(false, null, null, "Sea", "holiday");
        assertTrue(filter(Optional.empty(), List.of(), List.of(), List.of("SEA", "ski"), List.of()).matches(seaside));
        assertFalse(filter(Optional.empty(), List.of(), List.of(), List.of("ski"), List.of()).matches(seaside));
        assertTrue(filter(Optional.empty(), List.of(), List.of(), List.of(), List.of("sea", "Holiday")).matches(seaside));
        assertFalse(filter(Optional.empty(), List.of(), List.of(), List.of(), List.of("sea", "sky")).matches(seaside));
    }
}
