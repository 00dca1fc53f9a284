package org.nuage.core.video;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * PeerTube's list filters ({@code GET /api/v1/videos?nsfw=&categoryOneOf=&...}), applied to the
 * public videos as they are read. Empty lists mean "any".
 *
 * @param nsfw {@code Optional.of(false)} hides sensitive videos, {@code true} shows only them;
 *     empty shows both (PeerTube's {@code nsfw=both})
 */
public record VideoFilter(Optional<Boolean> nsfw, List<Integer> categoryOneOf, List<Integer> licenceOneOf,
        List<String> languageOneOf, List<String> tagsOneOf, List<String> tagsAllOf) {

    public VideoFilter {
        categoryOneOf = List.copyOf(categoryOneOf);
        licenceOneOf = List.copyOf(licenceOneOf);
        languageOneOf = List.copyOf(languageOneOf);
        tagsOneOf = lower(tagsOneOf);
        tagsAllOf = lower(tagsAllOf);
    }

    public static final VideoFilter ANY = new VideoFilter(Optional.empty(), List.of(), List.of(), List.of(), List.of(),
            List.of());

    /** PeerTube's {@code nsfw} query value: {@code true}, {@code false}, {@code both} or absent (both). */
    public static Optional<Boolean> nsfw(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("both")) {
            return Optional.empty();
        }
        return Optional.of(Boolean.parseBoolean(value.strip()));
    }

    public boolean matches(Video video) {
        return matches(video.metadata());
    }

    /** Whether a video with metadata {@code m}, ours or another server's, passes the filters. */
    public boolean matches(Video.VideoMetadata m) {
        if (nsfw.isPresent() && nsfw.get() != m.nsfw()) {
            return false;
        }
        if (!categoryOneOf.isEmpty() && m.category().filter(categoryOneOf::contains).isEmpty()) {
            return false;
        }
        if (!licenceOneOf.isEmpty() && m.licence().filter(licenceOneOf::contains).isEmpty()) {
            return false;
        }
        if (!languageOneOf.isEmpty() && m.language().filter(languageOneOf::contains).isEmpty()) {
            return false;
        }
        // Tags compare without case, as PeerTube's search does: "Holiday" finds "holiday".
        Set<String> tags = m.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        if (!tagsOneOf.isEmpty() && tagsOneOf.stream().noneMatch(tags::contains)) {
            return false;
        }
        return tags.containsAll(tagsAllOf);
    }

    private static List<String> lower(List<String> tags) {
        return tags.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    }
}
