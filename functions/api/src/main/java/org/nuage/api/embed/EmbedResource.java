package org.nuage.api.embed;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.nuage.api.video.VideoViews;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.aws.config.TrackerConfig;
import org.nuage.core.video.ShortUuid;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;

/**
 * {@code /videos/embed/{uuid}}: the player alone, filling the frame, for other sites (and Mastodon's
 * cards) to put in an iframe. It sends no {@code X-Frame-Options} and allows every ancestor, as
 * PeerTube's embed does.
 */
@Path("/videos/embed/{id}")
public class EmbedResource {

    private static final Logger LOG = Logger.getLogger(EmbedResource.class);

    /** Any site may frame the player; plugins and a rewritten base URL are never needed. */
    static final String CSP = "frame-ancestors *; object-src 'none'; base-uri 'none'";

    private final VideoCatalog videos;
    private final VideoViews views;
    private final TrackerConfig trackers;
    private final InstanceConfig instance;

    public EmbedResource(VideoCatalog videos, VideoViews views, TrackerConfig trackers, InstanceConfig instance) {
        this.videos = videos;
        this.views = views;
        this.trackers = trackers;
        this.instance = instance;
    }

    @GET
    public Response embed(@PathParam("id") String id) {
        // Private videos are not found, like unknown ones: an embed has no signed-in viewer.
        Optional<Video> found = ShortUuid.resolve(id).flatMap(videos::find)
                .filter(v -> v.metadata().privacy() != Video.Privacy.PRIVATE);
        if (found.isEmpty()) {
            return missing(404, "This video does not exist or is private.", "no public video " + id);
        }
        Video video = found.get();
        if (video.state() != Video.State.PUBLISHED) {
            return missing(404, "This video is not published yet.", "video " + video.uuid() + " is " + video.state());
        }
        Map<String, Object> json = views.detail(video);
        String title = PlayerMarkup.attribute(video.metadata().name() + " - " + instance.name());
        return page(200, "<title>" + title + "</title>\n", PlayerMarkup.of(json, trackers.trackers()));
    }

    private Response missing(int status, String message, String reason) {
        LOG.infof("embed refused (%d): %s", status, reason);
        return page(status, "<title>" + PlayerMarkup.attribute(instance.name()) + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"/static/player.css\">\n",
                "<p class=\"nuage-embed-missing\">" + PlayerMarkup.attribute(message) + "</p>\n");
    }

    private static Response page(int status, String head, String body) {
        String html = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + head + "</head>\n<body class=\"nuage-embed\">\n" + body + "</body>\n</html>\n";
        return Response.status(status).type("text/html; charset=utf-8").entity(html)
                .header("Content-Security-Policy", CSP).build();
    }
}
