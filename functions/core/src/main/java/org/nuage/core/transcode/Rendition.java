package org.nuage.core.transcode;

/**
 * One output of a video, complete enough to be a queue message on its own: one Lambda invocation
 * encodes it (or one chunk of it) from this record and the source file alone.
 *
 * @param videoUuid the video whose output this is; every key derives from it
 * @param name {@code "720"} for a video rendition, {@code "audio"} for the audio-only one; the last
 *     part of its keys
 * @param resolution the shorter side of the picture, as PeerTube names it; 0 for audio only
 * @param width picture width, even
 * @param height picture height, even
 * @param fps output frame rate; {@link FrameRate#NONE} for audio only
 * @param videoBitrate bits per second the video may not exceed (x264 {@code -maxrate}); the encoder
 *     spends less where the picture allows, as in PeerTube's capped-CRF encodes
 * @param h264Level H.264 {@code level_idc} (31 for level 3.1), the smallest that fits size, rate and bitrate
 * @param audioBitrate AAC bits per second; 0 when the source has no sound
 * @param segmentSeconds the keyframe grid and HLS segment length shared by all renditions
 * @param mp4Key object key of the progressive MP4
 * @param hlsDirectory key prefix, ending in {@code /}, of this rendition's HLS playlist, init segment and segments
 */
public record Rendition(String videoUuid, String name, int resolution, int width, int height, FrameRate fps,
        long videoBitrate, int h264Level, long audioBitrate, int segmentSeconds, String mp4Key,
        String hlsDirectory) {

    /** Name of each rendition's HLS media playlist inside {@link #hlsDirectory}. */
    public static final String HLS_PLAYLIST = "playlist.m3u8";

    /** Name of the fMP4 initialisation segment (the {@code moov} without samples). */
    public static final String HLS_INIT = "init.mp4";

    /** ffmpeg's pattern for media segments: five digits keep a listing in playing order up to 111 hours. */
    public static final String HLS_SEGMENT_PATTERN = "segment-%05d.m4s";

    /** The name of the audio-only rendition. */
    public static final String AUDIO_ONLY = "audio";

    public boolean hasVideo() {
        return resolution > 0;
    }

    public boolean hasAudio() {
        return audioBitrate > 0;
    }

    public String hlsPlaylistKey() {
        return hlsDirectory + HLS_PLAYLIST;
    }

    /**
     * The VBV buffer: twice the ceiling, as in PeerTube's {@code getCommonOutputOptions}, so that a
     * hard scene can borrow from easy ones over about two seconds.
     */
    public long bufferBits() {
        return 2 * videoBitrate;
    }

    /**
     * The RFC 6381 codecs string an HLS master playlist announces: H.264 High profile
     * ({@code avc1.64}), no constraint flags ({@code 00}), the level in hex; AAC-LC is
     * {@code mp4a.40.2}.
     */
    public String codecs() {
        String audio = hasAudio() ? "mp4a.40.2" : "";
        if (!hasVideo()) {
            return audio;
        }
        String video = "avc1.6400" + String.format("%02x", h264Level);
        return audio.isEmpty() ? video : video + "," + audio;
    }
}
