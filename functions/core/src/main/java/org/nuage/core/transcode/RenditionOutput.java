package org.nuage.core.transcode;

/**
 * A finished rendition as published: where its files are and what was measured of them, for the
 * API's {@code files[]}, the master playlist and federation.
 *
 * @param bandwidth peak bits per second of any HLS segment (the master playlist's BANDWIDTH)
 * @param averageBandwidth average bits per second over the rendition
 * @param durationSeconds the encoded length, from the HLS playlist
 */
public record RenditionOutput(String name, int resolution, int width, int height, double fps, String mp4Key,
        long mp4Bytes, String torrentKey, String infoHash, String magnetUri, String hlsPlaylistKey,
        String segmentsSha256Key, long bandwidth, long averageBandwidth, double durationSeconds) {
}
