package org.nuage.transcoder;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;

/** The instance's transcoding choices (NUAGE_TRANSCODE_RESOLUTIONS, ...); defaults follow PeerTube's. */
@ConfigMapping(prefix = "nuage.transcode")
public interface TranscoderConfig {

    /** The shorter side of each rendition; never upscaled. */
    @WithDefault("144,240,360,480,720,1080")
    List<Integer> resolutions();

    /** Also encode the source at its own size when that is not a listed resolution. */
    @WithDefault("false")
    boolean keepOriginal();

    @WithDefault("60")
    int maxFps();

    /** HLS segment length in seconds, and so the keyframe grid shared by every rendition. */
    @WithDefault("4")
    int segmentSeconds();

    /** Segments per parallel chunk: 15 x 4 s makes one-minute chunks. */
    @WithDefault("15")
    int segmentsPerChunk();

    /** x264's preset; {@code veryfast} is what the time budget was measured with. */
    @WithDefault("veryfast")
    String x264Preset();

    /** Where a task keeps its files; on Lambda, the ephemeral storage. */
    @WithDefault("/tmp/nuage-transcode")
    Path workDirectory();

    /**
     * The transcode queue's maxReceiveCount: on the last delivery a failing task fails its video
     * before the message goes to the dead-letter queue.
     */
    @WithDefault("5")
    int maxAttempts();

    /** One ffmpeg run may not take longer: under the function's 15 minutes, so a stuck encode fails the video. */
    @WithDefault("13")
    int ffmpegTimeoutMinutes();
}
