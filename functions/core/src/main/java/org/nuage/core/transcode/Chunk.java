package org.nuage.core.transcode;

/**
 * One stretch of a long video, encoded by its own invocation: from a segment boundary up to the
 * next chunk's start, or to the end of the video for the last chunk.
 *
 * <p>Boundaries are whole seconds on the segment grid; in frames they fall on the first frame at
 * or after the boundary, which is where the unchunked encode forces a keyframe too. So the chunks
 * of one rendition hold exactly the frames of its unchunked encode, and every chunk starts with the
 * keyframe a segment starts with.
 */
public record Chunk(int index, int startSecond, int endSecond, boolean last) {

    public Chunk {
        if (index < 0 || startSecond < 0 || (!last && endSecond <= startSecond)) {
            throw new IllegalArgumentException("chunk " + index + " from " + startSecond + " s to " + endSecond
                    + " s is empty");
        }
    }

    /** Index, in the whole rendition, of this chunk's first frame at rate {@code fps}. */
    public long firstFrame(FrameRate fps) {
        return fps.framesBefore(startSecond);
    }

    /** How many frames this chunk holds at rate {@code fps}; -1 for the last chunk, which runs to the end. */
    public long frameCount(FrameRate fps) {
        return last ? -1 : fps.framesBefore(endSecond) - firstFrame(fps);
    }

    /** Where the chunk's first frame starts in the source, in seconds. */
    public double seekSeconds(FrameRate fps) {
        return fps.secondsAt(firstFrame(fps));
    }

    /** The chunk's file name beside the others, in joining order. */
    public String fileName() {
        return String.format("chunk-%05d.mp4", index);
    }
}
