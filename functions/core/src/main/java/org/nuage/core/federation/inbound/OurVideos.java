package org.nuage.core.federation.inbound;

import java.net.URI;
import java.util.Optional;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;

/**
 * Finds the video of ours an activity names by its URL ({@code {base}/videos/watch/{uuid}}):
 * only a published video other servers may know of (public or unlisted).
 */
public final class OurVideos {

    private final VideoCatalog videos;
    private final String prefix;

    public OurVideos(VideoCatalog videos, URI base) {
        this.videos = videos;
        this.prefix = base.toString().replaceAll("/+$", "") + "/videos/watch/";
    }

    public Optional<Video> byUrl(String url) {
        if (url == null || !url.startsWith(prefix)) {
            return Optional.empty();
        }
        String uuid = url.substring(prefix.length());
        if (uuid.isEmpty() || uuid.contains("/")) {
            return Optional.empty();
        }
        return videos.find(uuid).filter(v -> v.state() == Video.State.PUBLISHED
                && v.metadata().privacy() != Video.Privacy.PRIVATE);
    }
}
