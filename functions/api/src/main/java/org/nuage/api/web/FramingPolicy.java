package org.nuage.api.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives every HTML page a {@code Content-Security-Policy} and {@code X-Frame-Options}, so that
 * another site cannot frame a page under a decoy and have a signed-in visitor click through it
 * (clickjacking), and an injected script or plugin has nowhere to load from. A page that sets its own
 * policy keeps it: the embed ({@code EmbedResource}) is meant to be framed by anyone.
 */
@Provider
public class FramingPolicy implements ContainerResponseFilter {

    /**
     * The pages' own scripts and styles are served from here; thumbnails, avatars and media come from
     * the bucket's public URL or from other instances, and the player's WebTorrent talks to ws(s):
     * trackers and fetches web seeds over http(s) (WebRTC itself is outside CSP). hls.js and the
     * avatar preview use blob: URLs, and WebTorrent's service worker is a script of this origin. The
     * style attributes of a few pages need inline styles; scripts never run inline.
     */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data: blob: http: https:; media-src 'self' blob: http: https:;"
            + " connect-src 'self' http: https: ws: wss:; worker-src 'self' blob:; font-src 'self';"
            + " object-src 'none'; base-uri 'self'; frame-ancestors 'self'";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type == null || !type.isCompatible(MediaType.TEXT_HTML_TYPE)
                || response.getHeaders().containsKey("Content-Security-Policy")) {
            return;
        }
        response.getHeaders().putSingle("Content-Security-Policy", POLICY);
        response.getHeaders().putSingle("X-Frame-Options", "SAMEORIGIN");
    }
}
