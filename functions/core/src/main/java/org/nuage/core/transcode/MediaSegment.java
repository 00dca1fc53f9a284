package org.nuage.core.transcode;

import java.util.ArrayList;
import java.util.List;

/**
 * One media segment listed in an HLS media playlist: its URI as written and its duration, read
 * back after encoding to measure a rendition's bandwidth.
 */
public record MediaSegment(String uri, double seconds) {

    /** The segments of a media playlist in order, from each {@code #EXTINF:<seconds>,} and the URI line after it. */
    public static List<MediaSegment> parse(String mediaPlaylist) {
        List<MediaSegment> segments = new ArrayList<>();
        Double pending = null;
        for (String raw : mediaPlaylist.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("#EXTINF:")) {
                String value = line.substring("#EXTINF:".length());
                int comma = value.indexOf(',');
                pending = Double.parseDouble(comma >= 0 ? value.substring(0, comma) : value);
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                if (pending == null) {
                    throw new IllegalArgumentException("segment " + line + " has no #EXTINF before it");
                }
                segments.add(new MediaSegment(line, pending));
                pending = null;
            }
        }
        return segments;
    }
}
