package org.nuage.aws.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The instance's BitTorrent trackers (NUAGE_TRACKER_URLS, comma-separated): the pages hand them to the
 * player, whose viewers find each other through the WebSocket ones, and the transcoder announces all
 * of them in every torrent and magnet link, so desktop clients join the same swarm. PeerTube runs its
 * own tracker at {@code wss://host/tracker/socket} and {@code https://host/tracker/announce}; a Nuage
 * deployment names any tracker it can reach. None by default: viewers then share only through the web
 * seed.
 */
@ConfigMapping(prefix = "nuage")
public interface TrackerConfig {

    @WithName("tracker-urls")
    Optional<List<URI>> trackerUrls();

    /** The configured trackers, or none. */
    default List<URI> trackers() {
        return trackerUrls().orElse(List.of());
    }
}
