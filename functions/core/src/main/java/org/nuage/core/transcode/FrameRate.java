package org.nuage.core.transcode;

import java.util.List;

/**
 * A frame rate as an exact fraction, so that NTSC rates (30000/1001) keep every frame on the
 * same grid in every rendition and every chunk.
 */
public record FrameRate(long numerator, long denominator) {

    /** The rate of an audio-only rendition, which has no frames. */
    public static final FrameRate NONE = new FrameRate(0, 1);

    /**
     * Rates cameras, phones and editors really produce. A probed average within 1 % of one of these is
     * that rate: phones record variable frame rate and report averages such as 29.87 or 30.02, and
     * halving 30.02 would give 15.01 instead of 15 (see {@link #cappedAt}).
     */
    private static final List<FrameRate> NOMINAL = List.of(
            new FrameRate(10, 1), new FrameRate(12, 1), new FrameRate(15, 1), new FrameRate(20, 1),
            new FrameRate(24000, 1001), new FrameRate(24, 1), new FrameRate(25, 1),
            new FrameRate(30000, 1001), new FrameRate(30, 1), new FrameRate(48, 1), new FrameRate(50, 1),
            new FrameRate(60000, 1001), new FrameRate(60, 1), new FrameRate(90, 1), new FrameRate(100, 1),
            new FrameRate(120000, 1001), new FrameRate(120, 1), new FrameRate(144, 1), new FrameRate(240, 1));

    private static final double NOMINAL_TOLERANCE = 0.01;

    public FrameRate {
        if (numerator < 0 || denominator <= 0) {
            throw new IllegalArgumentException("frame rate " + numerator + "/" + denominator + " is not a rate");
        }
        long gcd = gcd(numerator, denominator);
        if (gcd > 1) {
            numerator /= gcd;
            denominator /= gcd;
        }
    }

    /**
     * The rate an ffprobe average stands for: the nearest nominal rate within 1 %, else the average
     * to a thousandth of a frame per second.
     */
    public static FrameRate of(double fps) {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("frame rate " + fps + " is not a rate");
        }
        FrameRate nearest = null;
        double nearestError = Double.MAX_VALUE;
        for (FrameRate nominal : NOMINAL) {
            double error = Math.abs(fps - nominal.value()) / nominal.value();
            if (error < nearestError) {
                nearest = nominal;
                nearestError = error;
            }
        }
        if (nearestError <= NOMINAL_TOLERANCE) {
            return nearest;
        }
        return new FrameRate(Math.round(fps * 1000), 1000);
    }

    public double value() {
        return (double) numerator / denominator;
    }

    /**
     * This rate, or the largest whole fraction of it (1/2, 1/3, …) that is at most {@code maxFps}.
     * Dropping every n-th frame keeps motion even, and it gives what PeerTube's
     * {@code getClosestFramerate} gives whenever a standard rate divides the source rate
     * (120 → 60 or 30, 50 → 25), but it also keeps NTSC rates NTSC (59.94 → 29.97) where
     * PeerTube's modulo fallback picks 25.
     */
    public FrameRate cappedAt(int maxFps) {
        if (maxFps < 1) {
            throw new IllegalArgumentException("maximum frame rate must be at least 1, not " + maxFps);
        }
        long perMax = denominator * maxFps;
        if (numerator <= perMax) {
            return this;
        }
        long divisor = (numerator + perMax - 1) / perMax;
        return new FrameRate(numerator, denominator * divisor);
    }

    /** The number of frames that start before {@code seconds}: the index of the first frame at or after it. */
    public long framesBefore(long seconds) {
        return ceilDiv(seconds * numerator, denominator);
    }

    /** When frame {@code index} starts, in seconds from the first frame. */
    public double secondsAt(long index) {
        return (double) index * denominator / numerator;
    }

    /** As ffmpeg reads a rate: {@code 30} or {@code 30000/1001}. */
    @Override
    public String toString() {
        return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? Math.max(a, 1) : gcd(b, a % b);
    }
}
