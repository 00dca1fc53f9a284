package org.nuage.core.transcode;

/**
 * Picks the smallest H.264 level a stream fits in, so that the encoder signals it and the HLS
 * master playlist can announce it before any rendition has been encoded.
 */
public final class H264Level {

    /**
     * ITU-T H.264 Table A-1: level_idc, MaxMBPS (macroblocks per second), MaxFS (macroblocks per
     * frame), MaxBR (kbit/s) and MaxCPB (kbit) for Baseline and Main. Level 1b is left out: nothing
     * we encode needs it.
     */
    private static final long[][] LEVELS = {
        {10, 1_485, 99, 64, 175},
        {11, 3_000, 396, 192, 500},
        {12, 6_000, 396, 384, 1_000},
        {13, 11_880, 396, 768, 2_000},
        {20, 11_880, 396, 2_000, 2_000},
        {21, 19_800, 792, 4_000, 4_000},
        {22, 20_250, 1_620, 4_000, 4_000},
        {30, 40_500, 1_620, 10_000, 10_000},
        {31, 108_000, 3_600, 14_000, 14_000},
        {32, 216_000, 5_120, 20_000, 20_000},
        {40, 245_760, 8_192, 20_000, 25_000},
        {41, 245_760, 8_192, 50_000, 62_500},
        {42, 522_240, 8_704, 50_000, 62_500},
        {50, 589_824, 22_080, 135_000, 135_000},
        {51, 983_040, 36_864, 240_000, 240_000},
        {52, 2_073_600, 36_864, 240_000, 240_000},
        {60, 4_177_920, 139_264, 240_000, 240_000},
        {61, 8_355_840, 139_264, 480_000, 480_000},
        {62, 16_711_680, 139_264, 800_000, 800_000},
    };

    /** High profile may use 1.25 times the bitrate and buffer of Table A-1 (cpbBrVclFactor 1250, Table A-2). */
    private static final long HIGH_PROFILE_BITS_PER_KBIT = 1_250;

    private H264Level() {
    }

    /**
     * The smallest level_idc for a High-profile stream of this size and rate whose bitrate stays
     * under {@code maxBitrate} with a buffer of {@code bufferBits}.
     */
    public static int of(int width, int height, FrameRate fps, long maxBitrate, long bufferBits) {
        long widthMbs = (width + 15) / 16;
        long heightMbs = (height + 15) / 16;
        long frameMbs = widthMbs * heightMbs;
        double mbPerSecond = frameMbs * fps.value();
        for (long[] level : LEVELS) {
            long maxFrameMbs = level[2];
            // A.3.1: neither side may exceed sqrt(8 * MaxFS) macroblocks, which rules out very thin pictures.
            double maxSideMbs = Math.sqrt(8.0 * maxFrameMbs);
            if (frameMbs <= maxFrameMbs && widthMbs <= maxSideMbs && heightMbs <= maxSideMbs
                    && mbPerSecond <= level[1]
                    && maxBitrate <= level[3] * HIGH_PROFILE_BITS_PER_KBIT
                    && bufferBits <= level[4] * HIGH_PROFILE_BITS_PER_KBIT) {
                return (int) level[0];
            }
        }
        throw new IllegalArgumentException(width + "x" + height + " at " + fps + " fps and " + maxBitrate
                + " bit/s is beyond H.264 level 6.2");
    }

    /** As x264 reads a level: {@code 3.1} for level_idc 31. */
    public static String name(int levelIdc) {
        return levelIdc / 10 + "." + levelIdc % 10;
    }
}
