package org.nuage.core.transcode;

/**
 * A JPEG taken from the video: the small thumbnail of lists or the larger preview behind the player.
 *
 * @param key object key of the JPEG
 * @param width picture width, at most the box of its kind and never more than the source's
 * @param height picture height, likewise
 * @param atSeconds where in the video the frame is looked for
 */
public record StillImage(Kind kind, String key, int width, int height, double atSeconds) {

    /**
     * The two images PeerTube makes, with its sizes ({@code THUMBNAILS_SIZE} 280x157 and
     * {@code PREVIEWS_SIZE} 850x480 in its constants): a picture is fitted inside the box, keeping
     * its shape.
     */
    public enum Kind {
        THUMBNAIL(280, 157), PREVIEW(850, 480);

        private final int boxWidth;
        private final int boxHeight;

        Kind(int boxWidth, int boxHeight) {
            this.boxWidth = boxWidth;
            this.boxHeight = boxHeight;
        }

        public int boxWidth() {
            return boxWidth;
        }

        public int boxHeight() {
            return boxHeight;
        }
    }
}
