package org.nuage.core.transcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Plans the renditions, images and output keys of an upload from its probe and the instance's
 * {@link LadderConfig}, following PeerTube's choices where it has made them.
 */
public final class LadderPlanner {

    /**
     * Bits per pixel per frame of a rendition's bitrate ceiling, by resolution: PeerTube's
     * {@code averageBitPerPixel} (packages/core-utils/src/videos/bitrate.ts, which cites
     * bitmovin.com/video-bitrate-streaming-hls-dash). Smaller pictures need more bits per pixel
     * because detail is denser in them. A resolution between two rows takes the row at or below it,
     * as in PeerTube's {@code calculateBitrate}; below 144p we take 144p's row (PeerTube's table
     * falls to 0 there and it then uses a flat 192 kb/s).
     *
     * <p>1080p at 30 fps gets 1920 x 1080 x 30 x 0.10 = 6.2 Mb/s, 720p30 3.0 Mb/s, 360p30 1.0 Mb/s.
     */
    static final NavigableMap<Integer, Double> AVERAGE_BITS_PER_PIXEL = new TreeMap<>(Map.of(
            144, 0.19, 240, 0.17, 360, 0.15, 480, 0.12, 720, 0.11, 1080, 0.10, 1440, 0.09, 2160, 0.08));

    /**
     * PeerTube's {@code minLimitBitPerPixel}: below 0.02 bits per pixel H.264 falls apart whatever
     * the source was, so the ceiling never goes lower even for a starved source.
     */
    static final double MIN_BITS_PER_PIXEL = 0.02;

    /**
     * PeerTube's {@code capBitrate}: a rendition may spend 30 % more than the whole source did, no
     * more, since re-encoding cannot add back detail the source did not carry.
     */
    static final double SOURCE_BITRATE_MARGIN = 1.3;

    /**
     * PeerTube keeps the source's audio up to 384 kb/s (its {@code getMaxAudioBitrate}). We know no
     * audio bitrate (ProbeReport has none), so the rates are fixed: 128 kb/s stereo AAC-LC from 360p
     * up, the usual rate for speech and music on the web; 64 kb/s at 144p and 240p, whose video
     * ceilings are only about 0.2 and 0.5 Mb/s, so sound would otherwise be a third of the stream.
     */
    static final long AUDIO_BITRATE = 128_000;
    static final long SMALL_AUDIO_BITRATE = 64_000;
    static final int SMALL_AUDIO_BELOW = 360;

    /** An audio-only upload is all sound, so it gets the room a music track needs. */
    static final long AUDIO_ONLY_BITRATE = 192_000;

    /**
     * PeerTube's {@code KEEP_ORIGIN_FPS_RESOLUTION_MIN}: from 720p up a rendition keeps the source's
     * frame rate (up to maxFps); smaller renditions, other than the top one, are capped at
     * {@value #SMALL_RESOLUTION_FPS} fps ({@code AVERAGE}), where extra frames cost more than they show.
     */
    static final int KEEP_SOURCE_FPS_FROM = 720;
    static final int SMALL_RESOLUTION_FPS = 30;

    /** PeerTube's {@code TRANSCODED_MIN}: a slide show still gets one frame per second. */
    static final FrameRate MIN_FPS = new FrameRate(1, 1);

    private final LadderConfig config;

    public LadderPlanner(LadderConfig config) {
        this.config = config;
    }

    /**
     * The plan for {@code source}, whose outputs go under {@code videos/{videoUuid}/}.
     *
     * @throws IllegalArgumentException if {@code videoUuid} is not a UUID in canonical form, since
     *     it becomes part of object keys
     */
    public TranscodePlan plan(String videoUuid, SourceMedia source) {
        requireCanonicalUuid(videoUuid);
        String prefix = "videos/" + videoUuid + "/";
        String master = prefix + "hls/master.m3u8";
        if (!source.hasVideo()) {
            Rendition audio = new Rendition(videoUuid, Rendition.AUDIO_ONLY, 0, 0, 0, FrameRate.NONE, 0, 0,
                    AUDIO_ONLY_BITRATE, config.segmentSeconds(), mp4Key(prefix, Rendition.AUDIO_ONLY),
                    hlsDirectory(prefix, Rendition.AUDIO_ONLY));
            return new TranscodePlan(videoUuid, List.of(audio), List.of(), master, ChunkPlan.single());
        }
        List<Rendition> renditions = new ArrayList<>();
        TreeSet<Integer> resolutions = resolutionsFor(source);
        int top = resolutions.last();
        for (int resolution : resolutions) {
            renditions.add(rendition(videoUuid, prefix, source, resolution, resolution == top));
        }
        List<StillImage> images = List.of(
                image(StillImage.Kind.THUMBNAIL, prefix + "thumbnail.jpg", source),
                image(StillImage.Kind.PREVIEW, prefix + "preview.jpg", source));
        return new TranscodePlan(videoUuid, renditions, images, master, ChunkPlan.of(source.durationSeconds(), config));
    }

    /**
     * PeerTube's {@code computeResolutionsToTranscode} with {@code buildOriginalFileResolution}:
     * every configured resolution the source reaches (its shorter side, after rotation), plus the
     * source's own when {@code keepOriginal} or when it is smaller than every configured one, so that
     * a video always has a picture. PeerTube rounds an odd size up ({@code toEven}); we round down,
     * so that no rendition is larger than its source, even by a pixel.
     */
    private TreeSet<Integer> resolutionsFor(SourceMedia source) {
        int sourceResolution = Math.min(source.displayWidth(), source.displayHeight());
        int own = Math.max(2, evenDown(sourceResolution));
        TreeSet<Integer> resolutions = new TreeSet<>();
        for (int resolution : config.resolutions()) {
            if (resolution <= sourceResolution) {
                resolutions.add(resolution);
            }
        }
        if (config.keepOriginal() || resolutions.isEmpty()) {
            resolutions.add(own);
        }
        return resolutions;
    }

    private Rendition rendition(String videoUuid, String prefix, SourceMedia source, int resolution, boolean top) {
        int displayWidth = source.displayWidth();
        int displayHeight = source.displayHeight();
        int width;
        int height;
        // The resolution is the shorter side; the longer one keeps the source's shape, rounded to an
        // even number but never past the source's own (even) length.
        if (displayHeight > displayWidth) {
            width = resolution;
            height = Math.min(evenNearest((double) resolution * displayHeight / displayWidth), evenDown(displayHeight));
        } else {
            height = resolution;
            width = Math.min(evenNearest((double) resolution * displayWidth / displayHeight), evenDown(displayWidth));
        }
        width = Math.max(2, width);
        height = Math.max(2, height);
        FrameRate fps = frameRate(source, resolution, top);
        long videoBitrate = videoBitrate(width, height, fps, resolution, source.bitrate());
        int level = H264Level.of(width, height, fps, videoBitrate, 2 * videoBitrate);
        long audioBitrate = !source.hasAudio() ? 0
                : resolution < SMALL_AUDIO_BELOW ? SMALL_AUDIO_BITRATE : AUDIO_BITRATE;
        String name = Integer.toString(resolution);
        return new Rendition(videoUuid, name, resolution, width, height, fps, videoBitrate, level, audioBitrate,
                config.segmentSeconds(), mp4Key(prefix, name), hlsDirectory(prefix, name));
    }

    /**
     * PeerTube's {@code computeOutputFPS}, except that maxFps caps the top rendition too (PeerTube
     * lets the original-size file keep, say, 120 fps; players and our time budget do not).
     */
    private FrameRate frameRate(SourceMedia source, int resolution, boolean top) {
        FrameRate fps = source.frameRate();
        if (fps.value() < MIN_FPS.value()) {
            fps = MIN_FPS;
        }
        fps = fps.cappedAt(config.maxFps());
        if (!top && resolution < KEEP_SOURCE_FPS_FROM) {
            fps = fps.cappedAt(Math.min(SMALL_RESOLUTION_FPS, config.maxFps()));
        }
        return fps;
    }

    /** PeerTube's {@code getTargetBitrate}: the table's rate, capped by the source's, floored by the minimum. */
    static long videoBitrate(int width, int height, FrameRate fps, int resolution, long sourceBitrate) {
        double pixelsPerSecond = (double) width * height * fps.value();
        Map.Entry<Integer, Double> row = AVERAGE_BITS_PER_PIXEL.floorEntry(resolution);
        double bitsPerPixel = row != null ? row.getValue() : AVERAGE_BITS_PER_PIXEL.firstEntry().getValue();
        double average = pixelsPerSecond * bitsPerPixel;
        double capped = sourceBitrate > 0 ? Math.min(average, sourceBitrate * SOURCE_BITRATE_MARGIN) : average;
        return Math.round(Math.max(pixelsPerSecond * MIN_BITS_PER_PIXEL, capped));
    }

    /** Fits the picture inside the image's box, keeping its shape; a small video is not enlarged. */
    private static StillImage image(StillImage.Kind kind, String key, SourceMedia source) {
        int width = source.displayWidth();
        int height = source.displayHeight();
        double scale = Math.min(1, Math.min((double) kind.boxWidth() / width, (double) kind.boxHeight() / height));
        // PeerTube looks for its thumbnail around the middle of the video, past any title card.
        return new StillImage(kind, key, Math.max(1, (int) Math.round(width * scale)),
                Math.max(1, (int) Math.round(height * scale)), source.durationSeconds() / 2);
    }

    private static String mp4Key(String prefix, String name) {
        return prefix + "mp4/" + name + ".mp4";
    }

    private static String hlsDirectory(String prefix, String name) {
        return prefix + "hls/" + name + "/";
    }

    private static void requireCanonicalUuid(String videoUuid) {
        boolean canonical;
        try {
            canonical = UUID.fromString(videoUuid).toString().equals(videoUuid);
        } catch (IllegalArgumentException | NullPointerException e) {
            canonical = false;
        }
        if (!canonical) {
            throw new IllegalArgumentException("video id " + videoUuid + " is not a lower-case UUID");
        }
    }

    private static int evenDown(int length) {
        return length - length % 2;
    }

    private static int evenNearest(double length) {
        return (int) Math.round(length / 2) * 2;
    }
}
