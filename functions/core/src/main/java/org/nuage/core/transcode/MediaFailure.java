package org.nuage.core.transcode;

/**
 * ffmpeg refused or could not finish an encode: the upload itself is at fault (corrupt, truncated,
 * hostile), so trying again would fail again. The message is shown to the video's owner.
 */
public final class MediaFailure extends RuntimeException {

    public MediaFailure(String message) {
        super(message);
    }
}
