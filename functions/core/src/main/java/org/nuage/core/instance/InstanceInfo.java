package org.nuage.core.instance;

import java.net.URI;
import java.util.Objects;

/** What an instance says about itself: its name, public address and the software it runs. */
public record InstanceInfo(String name, String shortDescription, URI publicUrl, String softwareVersion) {

    /** The software name other servers see in NodeInfo; PeerTube and Mastodon match on it. */
    public static final String SOFTWARE = "nuage";
    public static final String REPOSITORY = "https://github.com/nuage-video/nuage";

    public InstanceInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(softwareVersion, "softwareVersion");
        shortDescription = shortDescription == null ? "" : shortDescription;
        // Every URL we build is base + path; a trailing slash would double it.
        String base = publicUrl.toString();
        if (base.endsWith("/")) {
            publicUrl = URI.create(base.substring(0, base.length() - 1));
        }
    }

    /** An absolute URL on this instance for {@code path}, which starts with a slash. */
    public String url(String path) {
        return publicUrl + path;
    }

    /** The host (and port, when not the default) that WebFinger handles carry. */
    public String host() {
        return publicUrl.getPort() == -1 ? publicUrl.getHost() : publicUrl.getHost() + ":" + publicUrl.getPort();
    }
}
