package org.nuage.api.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The few helpers the server-rendered pages need: every value that comes from a user or another
 * server goes through {@link #esc} before it reaches a page, in text and in attributes alike.
 */
public final class Html {

    private Html() {
    }

    /** Escapes text for an HTML element body or a quoted attribute (single or double quotes). */
    public static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A query-string value. */
    public static String query(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    /** Only http(s) URLs may become links or image sources; anything else (javascript:, data:) is dropped. */
    public static String safeUrl(Object url) {
        if (url == null) {
            return "";
        }
        String text = String.valueOf(url).strip();
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || text.startsWith("/") && !text.startsWith("//")
                ? text : "";
    }

    /** A duration as a player shows it: {@code 4:05} or {@code 1:02:03}. */
    public static String duration(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }

    /** How long ago, in the coarsest unit that is at least one: "3 days ago". */
    public static String age(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).getSeconds());
        long[] sizes = {365L * 86400, 30L * 86400, 7L * 86400, 86400, 3600, 60};
        String[] names = {"year", "month", "week", "day", "hour", "minute"};
        for (int i = 0; i < sizes.length; i++) {
            long n = seconds / sizes[i];
            if (n >= 1) {
                return n + " " + names[i] + (n == 1 ? "" : "s") + " ago";
            }
        }
        return "just now";
    }
}
