package org.nuage.core.video;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.nuage.core.Refusal;
import org.nuage.core.account.Names;

/** PeerTube's limits on video metadata, checked before anything is stored. */
public final class MetadataRules {

    /** PeerTube: names 3 to 120 characters, descriptions up to 10,000, at most 5 tags of 2 to 30. */
    public static final int MIN_NAME = 3;
    public static final int MAX_NAME = 120;
    public static final int MAX_DESCRIPTION = 10_000;
    public static final int MAX_TAGS = 5;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");

    private MetadataRules() {
    }

    /** Checks and normalises a video's metadata; a refusal names the field and the rule. */
    public static Video.VideoMetadata check(String name, String description, String privacy, List<String> tags,
            Integer category, Integer licence, String language, Boolean nsfw, Boolean commentsEnabled,
            Boolean downloadEnabled) {
        String cleanName = Names.text(name == null ? "" : name.strip(), MAX_NAME, "name", false);
        if (cleanName.codePointCount(0, cleanName.length()) < MIN_NAME) {
            throw Refusal.badRequest("name must be " + MIN_NAME + " to " + MAX_NAME + " characters");
        }
        List<String> cleanTags = new ArrayList<>();
        for (String tag : tags == null ? List.<String>of() : tags) {
            String t = Names.text(tag == null ? "" : tag.strip(), 30, "tag", false);
            if (t.length() < 2) {
                throw Refusal.badRequest("each tag must be 2 to 30 characters");
            }
            cleanTags.add(t);
        }
        if (cleanTags.size() > MAX_TAGS) {
            throw Refusal.badRequest("at most " + MAX_TAGS + " tags");
        }
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            throw Refusal.badRequest("language must be a language code such as 'en' or 'pt-BR'");
        }
        return new Video.VideoMetadata(cleanName, Names.text(description == null ? "" : description, MAX_DESCRIPTION,
                "description", true), privacy(privacy), List.copyOf(cleanTags), range(category, "category", 1, 100),
                range(licence, "licence", 1, 100), Optional.ofNullable(language), Boolean.TRUE.equals(nsfw),
                commentsEnabled == null || commentsEnabled, downloadEnabled == null || downloadEnabled);
    }

    /** PeerTube's CONSTRAINTS_FIELDS.VIDEOS.TRUNCATED_DESCRIPTION: lists show 250 characters of a description. */
    public static final int TRUNCATED_DESCRIPTION = 250;

    /**
     * A description as PeerTube's lists show it: whole up to 250 characters, else cut so that it
     * ends in {@code ...} within 250 (lodash's {@code truncate}); null when there is none, as PeerTube.
     */
    public static String truncated(String description) {
        if (description == null || description.isEmpty()) {
            return null;
        }
        if (description.length() <= TRUNCATED_DESCRIPTION) {
            return description;
        }
        int end = TRUNCATED_DESCRIPTION - 3;
        if (Character.isLowSurrogate(description.charAt(end))) {
            end--;
        }
        return description.substring(0, end) + "...";
    }

    private static Video.Privacy privacy(String value) {
        if (value == null) {
            return Video.Privacy.PUBLIC;
        }
        try {
            return Video.Privacy.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest("privacy must be public, unlisted or private");
        }
    }

    private static Optional<Integer> range(Integer value, String what, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw Refusal.badRequest(what + " must be between " + min + " and " + max);
        }
        return Optional.ofNullable(value);
    }
}
