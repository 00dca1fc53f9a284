package org.nuage.api.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.nuage.api.account.Problems;
import org.nuage.api.video.VideoViews;
import org.nuage.core.video.Video;

/**
 * oEmbed for our watch pages, in PeerTube's shape: a {@code video} whose HTML is an iframe of the
 * embed page, so Mastodon and others show a playable card.
 */
@Path("/services/oembed")
public class OEmbedResource {

    private static final Logger LOG = Logger.getLogger(OEmbedResource.class);

    private final ActorPages pages;
    private final VideoViews views;
    private final Layout layout;

    public OEmbedResource(ActorPages pages, VideoViews views, Layout layout) {
        this.pages = pages;
        this.views = views;
        this.layout = layout;
    }

    @GET
    public Response oembed(@QueryParam("url") String url, @QueryParam("format") String format,
            @QueryParam("maxwidth") Integer maxWidth, @QueryParam("maxheight") Integer maxHeight) {
        if (format != null && !format.equals("json")) {
            LOG.infof("oEmbed refused: format %s", format);
            // oEmbed's own answer to a format it does not serve.
            return Problems.problem(501, "only the json format is served");
        }
        String base = layout.base();
        if (url == null || !(url.startsWith(base + "/videos/watch/") || url.startsWith(base + "/w/"))) {
            LOG.infof("oEmbed refused: %s is not a watch page of %s", url, base);
            return Problems.problem(400, "url must be a watch page of this instance (" + base + "/videos/watch/...)");
        }
        String id = url.substring(url.lastIndexOf('/') + 1).replaceAll("[?#].*$", "");
        Video video = pages.watchable(id, Viewer.ANONYMOUS).filter(v -> v.metadata().privacy() == Video.Privacy.PUBLIC)
                .orElse(null);
        if (video == null) {
            LOG.infof("oEmbed: no public video at %s", url);
            return Problems.problem(404, "no public video at " + url);
        }
        int width = ActorPages.EMBED_WIDTH;
        int height = ActorPages.EMBED_HEIGHT;
        // oEmbed's maxwidth/maxheight shrink the frame, keeping 16:9.
        if (maxWidth != null && maxWidth > 0 && maxWidth < width) {
            width = maxWidth;
            height = width * 9 / 16;
        }
        if (maxHeight != null && maxHeight > 0 && maxHeight < height) {
            height = maxHeight;
            width = height * 16 / 9;
        }
        Map<String, Object> summary = views.summary(video);
        String embed = base + "/videos/embed/" + video.uuid();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "video");
        json.put("version", "1.0");
        json.put("html", "<iframe width=\"" + width + "\" height=\"" + height + "\" sandbox=\"allow-same-origin allow-scripts allow-popups\""
                + " title=\"" + Html.esc(video.metadata().name()) + "\" src=\"" + Html.esc(embed)
                + "\" frameborder=\"0\" allowfullscreen></iframe>");
        json.put("width", width);
        json.put("height", height);
        json.put("title", video.metadata().name());
        json.put("author_name", video.channel());
        json.put("author_url", base + "/video-channels/" + video.channel());
        json.put("provider_name", layout.instanceName());
        json.put("provider_url", base);
        if (summary.get("thumbnailUrl") != null) {
            json.put("thumbnail_url", summary.get("thumbnailUrl"));
            // PeerTube's thumbnail size.
            json.put("thumbnail_width", 280);
            json.put("thumbnail_height", 157);
        }
        return Response.ok(json).type("application/json").build();
    }
}
