package org.nuage.core.transcode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes the HLS master playlist that lists a video's renditions. ffmpeg writes one only when it
 * encodes all variants in one process; ours are encoded by separate invocations, so we write it.
 */
public final class MasterPlaylist {

    private MasterPlaylist() {
    }

    /**
     * One entry of the master playlist.
     *
     * @param bandwidth peak bits per second of any segment, audio included (BANDWIDTH, RFC 8216
     *     4.3.4.2): a player only picks a rendition whose peak its link can carry
     * @param averageBandwidth average bits per second over the whole rendition, or 0 if unknown
     * @param uri the rendition's media playlist, relative to the master
     */
    public record Variant(Rendition rendition, long bandwidth, long averageBandwidth, String uri) {

        /**
         * A variant announced from the plan alone, before anything is measured. The VBV buffer lets
         * a segment of {@code d} seconds carry up to {@code maxrate x d + bufsize} bits, so its peak
         * is {@code maxrate x (1 + bufsize / (maxrate x d))}: 1.5 times the ceiling for 4-second
         * segments. That is an upper bound, so players will be cautious; prefer {@link #measured}.
         */
        public static Variant planned(Rendition rendition) {
            double segment = rendition.segmentSeconds();
            long video = Math.round(rendition.videoBitrate() + rendition.bufferBits() / segment);
            return new Variant(rendition, video + rendition.audioBitrate(), 0, relativeUri(rendition));
        }

        /**
         * A variant announced from its encoded media playlist and the byte size of each of its
         * segments, in playlist order, as the spec asks.
         */
        public static Variant measured(Rendition rendition, List<MediaSegment> segments, List<Long> segmentBytes) {
            if (segments.size() != segmentBytes.size() || segments.isEmpty()) {
                throw new IllegalArgumentException(segments.size() + " segments but " + segmentBytes.size() + " sizes");
            }
            double totalSeconds = 0;
            long totalBits = 0;
            for (int i = 0; i < segments.size(); i++) {
                totalSeconds += segments.get(i).seconds();
                totalBits += 8 * segmentBytes.get(i);
            }
            long peak = peakBitrate(segments, segmentBytes, rendition.segmentSeconds());
            return new Variant(rendition, peak, Math.round(totalBits / totalSeconds), relativeUri(rendition));
        }

        private static String relativeUri(Rendition rendition) {
            return rendition.name() + "/" + Rendition.HLS_PLAYLIST;
        }
    }

    /**
     * RFC 8216 4.3.4.2: the peak is the largest bitrate of any run of consecutive segments lasting
     * between 0.5 and 1.5 times the target duration. A short last segment alone does not count: a
     * few kilobytes over a fraction of a second is no rate a player must sustain.
     */
    static long peakBitrate(List<MediaSegment> segments, List<Long> segmentBytes, int targetSeconds) {
        double shortest = 0.5 * targetSeconds;
        double longest = 1.5 * targetSeconds;
        double peak = 0;
        for (int first = 0; first < segments.size(); first++) {
            double seconds = 0;
            long bits = 0;
            for (int last = first; last < segments.size() && seconds < longest; last++) {
                seconds += segments.get(last).seconds();
                bits += 8 * segmentBytes.get(last);
                if (seconds >= shortest && seconds <= longest) {
                    peak = Math.max(peak, bits / seconds);
                }
            }
        }
        if (peak == 0) {
            // A video shorter than half a segment: its one segment is its peak.
            double seconds = segments.stream().mapToDouble(MediaSegment::seconds).sum();
            long bits = 8 * segmentBytes.stream().mapToLong(Long::longValue).sum();
            peak = bits / seconds;
        }
        return (long) Math.ceil(peak);
    }

    /**
     * The master playlist text. Variants are listed from the smallest up: Apple's players start with
     * the first variant listed, and starting small then climbing beats stalling on a slow link.
     */
    public static String write(List<Variant> variants) {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("a master playlist lists at least one variant");
        }
        List<Variant> ordered = new ArrayList<>(variants);
        ordered.sort(Comparator.comparingLong(Variant::bandwidth));
        StringBuilder text = new StringBuilder();
        text.append("#EXTM3U\n");
        // Version 7 matches the media playlists ffmpeg writes for fMP4 (EXT-X-MAP needs 6 or more).
        text.append("#EXT-X-VERSION:7\n");
        // Every segment of every rendition starts with a keyframe: a player may switch at any one.
        text.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (Variant variant : ordered) {
            Rendition rendition = variant.rendition();
            text.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(variant.bandwidth());
            if (variant.averageBandwidth() > 0) {
                text.append(",AVERAGE-BANDWIDTH=").append(variant.averageBandwidth());
            }
            text.append(",CODECS=\"").append(rendition.codecs()).append('"');
            if (rendition.hasVideo()) {
                text.append(",RESOLUTION=").append(rendition.width()).append('x').append(rendition.height());
                // Three decimals, as RFC 8216 writes FRAME-RATE: 29.970 for 30000/1001.
                text.append(",FRAME-RATE=").append(String.format(Locale.ROOT, "%.3f", rendition.fps().value()));
            }
            text.append('\n').append(variant.uri()).append('\n');
        }
        return text.toString();
    }
}
