package org.nuage.core.video;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nuage.core.Refusal;

/**
 * The {@code Content-Range} of a resumable-upload PUT, as uploadx and Google's resumable protocol
 * send it: {@code bytes first-last/total} for a chunk, {@code bytes *}{@code /total} to ask how much
 * arrived. {@code first} and {@code last} are -1 for a question.
 */
public record ContentRange(long first, long last, long total) {

    /** At most 18 digits, so no number overflows a long. */
    private static final Pattern CHUNK = Pattern.compile("bytes\\s+(\\d{1,18})-(\\d{1,18})/(\\d{1,18})");
    private static final Pattern QUERY = Pattern.compile("bytes\\s+\\*/(\\d{1,18})");

    /** Parses the header; a missing or malformed one is refused (400), as uploadx does. */
    public static ContentRange parse(String header) {
        if (header == null || header.isBlank()) {
            throw Refusal.badRequest("a Content-Range header is required: 'bytes first-last/total' for a chunk, "
                    + "'bytes */total' to ask how much arrived");
        }
        String value = header.strip();
        Matcher query = QUERY.matcher(value);
        if (query.matches()) {
            return new ContentRange(-1, -1, Long.parseLong(query.group(1)));
        }
        Matcher chunk = CHUNK.matcher(value);
        if (!chunk.matches()) {
            throw Refusal.badRequest("Content-Range '" + printable(value)
                    + "' is not 'bytes first-last/total' nor 'bytes */total'");
        }
        long first = Long.parseLong(chunk.group(1));
        long last = Long.parseLong(chunk.group(2));
        long total = Long.parseLong(chunk.group(3));
        if (last < first || last >= total) {
            throw Refusal.badRequest("Content-Range '" + value + "' is not a range inside the file: it needs "
                    + "first <= last < total");
        }
        return new ContentRange(first, last, total);
    }

    /** True for {@code bytes *}{@code /total}: the client asks for the offset and sends nothing. */
    public boolean isQuery() {
        return first < 0;
    }

    /** Bytes in the chunk; 0 for a question. */
    public long length() {
        return isQuery() ? 0 : last - first + 1;
    }

    /** True when the chunk ends the file. */
    public boolean isLast() {
        return !isQuery() && last == total - 1;
    }

    @Override
    public String toString() {
        return isQuery() ? "bytes */" + total : "bytes " + first + "-" + last + "/" + total;
    }

    private static String printable(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
