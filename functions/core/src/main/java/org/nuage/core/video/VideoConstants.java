package org.nuage.core.video;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PeerTube's labelled constants (categories, licences, languages, privacies, states, comment
 * policies, abuse states), as its {@code server/core/initializers/constants.ts} defines them, so the
 * API names them with PeerTube's ids and English labels and serves the same lists.
 */
public final class VideoConstants {

    /** PeerTube answers {@code 'Unknown'} for an id it has no label for, and for a null one. */
    public static final String UNKNOWN = "Unknown";

    /** PeerTube's VIDEO_CATEGORIES. */
    public static final Map<Integer, String> CATEGORIES = ordered(
            1, "Music", 2, "Films", 3, "Vehicles", 4, "Art", 5, "Sports", 6, "Travels", 7, "Gaming", 8, "People",
            9, "Comedy", 10, "Entertainment", 11, "News & Politics", 12, "How To", 13, "Education", 14, "Activism",
            15, "Science & Technology", 16, "Animals", 17, "Kids", 18, "Food");

    /** PeerTube's VIDEO_LICENCES (Creative Commons ones, and public domain). */
    public static final Map<Integer, String> LICENCES = ordered(
            1, "Attribution", 2, "Attribution - Share Alike", 3, "Attribution - No Derivatives",
            4, "Attribution - Non Commercial", 5, "Attribution - Non Commercial - Share Alike",
            6, "Attribution - Non Commercial - No Derivatives", 7, "Public Domain Dedication");

    /** PeerTube's VIDEO_PRIVACIES: 1 public, 2 unlisted, 3 private, 4 internal, 5 password protected. */
    public static final Map<Integer, String> PRIVACIES = ordered(
            1, "Public", 2, "Unlisted", 3, "Private", 4, "Internal", 5, "Password protected");

    /** PeerTube's VIDEO_STATES. */
    public static final Map<Integer, String> STATES = ordered(
            1, "Published", 2, "To transcode", 3, "To import", 4, "Waiting for livestream", 5, "Livestream ended",
            6, "To move to an external storage", 7, "Transcoding failed", 8, "External storage move failed",
            9, "To edit", 10, "To move to file system", 11, "Move to file system failed");

    /** PeerTube's VIDEO_COMMENTS_POLICY: 1 enabled, 2 disabled, 3 requires approval. */
    public static final Map<Integer, String> COMMENTS_POLICIES = ordered(
            1, "Enabled", 2, "Disabled", 3, "Requires approval");

    /** PeerTube's ABUSE_STATES: 1 pending, 2 rejected, 3 accepted. */
    public static final Map<Integer, String> ABUSE_STATES = ordered(1, "Pending", 2, "Rejected", 3, "Accepted");

    /**
     * PeerTube's VIDEO_LANGUAGES, in its order: built at its start from the {@code iso-639-3} package
     * (living languages with a two-letter code, some sign and constructed languages, then its own
     * labels for a few); the resource holds that result for iso-639-3 3.0.1.
     */
    public static final Map<String, String> LANGUAGES = languages();

    private VideoConstants() {
    }

    /** A label of one of the integer tables, or {@link #UNKNOWN}, as PeerTube's formatters do. */
    public static String label(Map<Integer, String> table, Integer id) {
        return id == null ? UNKNOWN : table.getOrDefault(id, UNKNOWN);
    }

    /** A language's label, or {@link #UNKNOWN}. */
    public static String languageLabel(String id) {
        return id == null ? UNKNOWN : LANGUAGES.getOrDefault(id, UNKNOWN);
    }

    /** PeerTube's {@code ConstantLabel}: {@code {id, label}}, with {@code id: null} when there is none. */
    public static Map<String, Object> constant(Map<Integer, String> table, Optional<Integer> id) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id.orElse(null));
        json.put("label", label(table, id.orElse(null)));
        return json;
    }

    /** A video's language as PeerTube's {@code ConstantLabel<string>}, {@code id: null} when unknown. */
    public static Map<String, Object> language(Optional<String> id) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id.orElse(null));
        json.put("label", languageLabel(id.orElse(null)));
        return json;
    }

    private static Map<Integer, String> ordered(Object... idsAndLabels) {
        Map<Integer, String> map = new LinkedHashMap<>();
        for (int i = 0; i < idsAndLabels.length; i += 2) {
            map.put((Integer) idsAndLabels[i], (String) idsAndLabels[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    private static Map<String, String> languages() {
        Map<String, String> map = new LinkedHashMap<>();
        try (InputStream in = VideoConstants.class.getResourceAsStream("languages.tsv")) {
            if (in == null) {
                throw new IllegalStateException("languages.tsv is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                map.put(line.substring(0, tab), line.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(map);
    }
}
