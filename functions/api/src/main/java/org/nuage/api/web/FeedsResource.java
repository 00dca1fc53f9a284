package org.nuage.api.web;

import static org.nuage.api.web.Html.esc;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.nuage.api.account.Problems;
import org.nuage.api.video.VideoViews;
import org.nuage.core.Refusal;
import org.nuage.core.account.AccountService;
import org.nuage.core.account.Channel;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;

/**
 * PeerTube's video feeds as RSS 2.0: the instance's newest public videos, or one account's or one
 * channel's ({@code ?accountName=}, {@code ?videoChannelName=}), each item with its MP4 as an
 * enclosure so podcast apps can fetch it.
 */
@Path("/feeds/videos.xml")
public class FeedsResource {

    private static final Logger LOG = Logger.getLogger(FeedsResource.class);

    /** PeerTube's feeds list this many items. */
    static final int ITEMS = 20;

    private final VideoCatalog videos;
    private final VideoViews views;
    private final AccountService accounts;
    private final Layout layout;

    public FeedsResource(VideoCatalog videos, VideoViews views, AccountService accounts, Layout layout) {
        this.videos = videos;
        this.views = views;
        this.accounts = accounts;
        this.layout = layout;
    }

    @GET
    public Response feed(@QueryParam("accountName") String accountName,
            @QueryParam("videoChannelName") String channelName) {
        String base = layout.base();
        String title;
        String link;
        Stream<Video> listed;
        try {
            if (channelName != null) {
                Channel channel = accounts.channel(channelName);
                title = channel.displayName() == null ? channel.name() : channel.displayName();
                link = base + "/video-channels/" + channel.name();
                listed = videos.videosOf(channel.owner(), 0, 100).stream().filter(v -> v.channel().equals(channel.name()));
            } else if (accountName != null) {
                accounts.account(accountName);
                title = accountName;
                link = base + "/accounts/" + accountName;
                listed = videos.videosOf(accountName, 0, 100).stream();
            } else {
                title = layout.instanceName();
                link = base + "/";
                listed = videos.publicVideos();
            }
        } catch (Refusal e) {
            LOG.infof("feed refused: %s", e.getMessage());
            return Problems.problem(e.status(), e.getMessage());
        }
        List<Video> items = listed.filter(v -> v.state() == Video.State.PUBLISHED && v.metadata().privacy() == Video.Privacy.PUBLIC)
                .limit(ITEMS).toList();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>")
                .append("<title>").append(esc(title)).append("</title><link>").append(esc(link)).append("</link>")
                .append("<description>").append(esc("Videos of " + title)).append("</description>")
                .append("<generator>Nuage</generator>");
        for (Video video : items) {
            xml.append(item(video, base));
        }
        xml.append("</channel></rss>\n");
        return Response.ok(xml.toString()).type("application/rss+xml; charset=utf-8")
                .header("Cache-Control", "public, max-age=300").build();
    }

    @SuppressWarnings("unchecked")
    private String item(Video video, String base) {
        Map<String, Object> detail = views.detail(video);
        String url = base + "/videos/watch/" + video.uuid();
        StringBuilder xml = new StringBuilder("<item><title>").append(esc(video.metadata().name())).append("</title>")
                .append("<link>").append(esc(url)).append("</link>")
                .append("<guid isPermaLink=\"true\">").append(esc(url)).append("</guid>")
                .append("<pubDate>").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(video.createdAt().atOffset(ZoneOffset.UTC)))
                .append("</pubDate>")
                .append("<description>").append(esc(Markdown.toHtml(video.metadata().description()))).append("</description>");
        List<Map<String, Object>> files = (List<Map<String, Object>>) detail.getOrDefault("files", List.of());
        if (!files.isEmpty()) {
            // The highest resolution is the one podcast apps should download.
            Map<String, Object> best = files.get(0);
            xml.append("<enclosure url=\"").append(esc(best.get("fileUrl"))).append("\" length=\"").append(esc(best.get("size")))
                    .append("\" type=\"video/mp4\"/>");
            for (Map<String, Object> file : files) {
                xml.append("<media:content url=\"").append(esc(file.get("fileUrl"))).append("\" fileSize=\"")
                        .append(esc(file.get("size"))).append("\" type=\"video/mp4\" medium=\"video\" height=\"")
                        .append(esc(file.get("height"))).append("\" duration=\"").append(esc(detail.get("duration")))
                        .append("\"/>");
            }
        }
        if (detail.get("thumbnailUrl") != null) {
            xml.append("<media:thumbnail url=\"").append(esc(detail.get("thumbnailUrl"))).append("\"/>");
        }
        return xml.append("</item>").toString();
    }
}
