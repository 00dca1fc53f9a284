package org.nuage.core.account;

import org.nuage.core.Refusal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for account and channel names, which share one namespace because both appear as
 * {@code name@host} handles and in URLs ({@code /accounts/x}, {@code /video-channels/x}).
 */
public final class Names {

    /**
     * PeerTube's rules: usernames are lower-case letters, digits, '.' and '_', channels may also use
     * '-', both 1 to 50 long. Requiring a letter or digit first rules out "." and ".." path tricks.
     */
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._]{0,49}");
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,49}");

    /** Taken by the instance actor (PeerTube's convention) and the administrator. */
    private static final Set<String> RESERVED = Set.of("peertube", "root", "admin", "administrator", "nuage");

    /** Display names and descriptions are shown to people; these caps match PeerTube's. */
    public static final int MAX_DISPLAY_NAME = 120;
    public static final int MAX_DESCRIPTION = 1000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private Names() {
    }

    public static String username(String name) {
        return checked(name, USERNAME, "username", "lower-case letters, digits, '.' and '_'");
    }

    public static String channel(String name) {
        return checked(name, CHANNEL, "channel name", "lower-case letters, digits, '.', '-' and '_'");
    }

    /** The same check for a name the instance itself chooses, such as {@code root}. */
    static boolean isReserved(String name) {
        return RESERVED.contains(name);
    }

    private static String checked(String name, Pattern pattern, String what, String alphabet) {
        if (name == null || name.isEmpty()) {
            throw Refusal.badRequest(what + " is required");
        }
        if (!pattern.matcher(name).matches()) {
            throw Refusal.badRequest(what + " '" + printable(name) + "' must be 1 to 50 " + alphabet
                    + ", starting with a letter or digit");
        }
        return name;
    }

    public static String displayName(String value, String fallback) {
        String text = value == null || value.isBlank() ? fallback : value.strip();
        return text(text, MAX_DISPLAY_NAME, "display name", false);
    }

    public static String description(String value) {
        return value == null ? "" : text(value, MAX_DESCRIPTION, "description", true);
    }

    public static String email(String value) {
        if (value == null || value.length() > 254 || !EMAIL.matcher(value).matches()) {
            throw Refusal.badRequest("a valid email address is required");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /**
     * Text shown to people: at most {@code max} characters and no control characters, but for line
     * breaks and tabs where {@code multiline} (descriptions); the others only hide or spoof text.
     */
    public static String text(String value, int max, String what, boolean multiline) {
        if (value.codePointCount(0, value.length()) > max) {
            throw Refusal.badRequest(what + " is longer than " + max + " characters");
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c)
                && !(multiline && (c == '\n' || c == '\r' || c == '\t')))) {
            throw Refusal.badRequest(what + " contains control characters");
        }
        return value;
    }

    /** Echoes a refused name safely: control characters are shown as '?'. */
    private static String printable(String name) {
        String cut = name.length() > 60 ? name.substring(0, 60) + "…" : name;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
