package org.nuage.core.federation.index;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nuage.core.video.Video;

/**
 * A video of another server that Nuage lists: what PeerTube's Video object says of it, checked.
 * The bytes stay on the origin server; the URLs point there.
 *
 * @param id the Video object's ActivityPub id, on its origin server
 * @param url the page for people ({@code text/html} link), the id when the object gives none
 * @param metadata name, description, privacy (public or unlisted), tags and the rest, as for our videos
 * @param accountId the owning account's actor id ({@code Person} in {@code attributedTo})
 * @param channelId the channel's actor id ({@code Group} in {@code attributedTo})
 * @param mp4Urls the MP4 files, largest first (web videos or HLS fragmented MP4s)
 * @param updated the object's {@code updated} date, or its {@code published}: an older Update is ignored
 */
public record RemoteVideo(String id, String url, String uuid, Video.VideoMetadata metadata, long durationSeconds,
        Optional<String> thumbnailUrl, String accountId, String channelId, Instant published, Instant updated,
        List<String> mp4Urls, Optional<String> hlsPlaylistUrl, Optional<Long> likes, Optional<Long> views) {

    public RemoteVideo {
        mp4Urls = List.copyOf(mp4Urls);
    }

    /** {@code host} or {@code host:port} of the origin server. */
    public String host() {
        return org.nuage.core.federation.follow.Subscription.hostOf(id);
    }

    /** Whether {@code actor} owns the video: its account or its channel. */
    public boolean ownedBy(String actor) {
        return accountId.equals(actor) || channelId.equals(actor);
    }
}
