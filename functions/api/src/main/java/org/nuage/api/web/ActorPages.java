package org.nuage.api.web;

import static org.nuage.api.web.Html.esc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nuage.api.Parallel;
import org.nuage.api.embed.PlayerMarkup;
import org.nuage.api.video.VideoViews;
import org.nuage.core.account.Account;
import org.nuage.core.account.AccountService;
import org.nuage.core.account.Channel;
import org.nuage.core.comment.Comment;
import org.nuage.core.comment.Comments;
import org.nuage.core.video.ShortUuid;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;

/**
 * The pages at the actor URLs, for browsers: a video's watch page (with the player of the shared
 * player contract), a channel's page and an account's page.
 */
@ApplicationScoped
public class ActorPages {

    /** The embed's size in the oEmbed answer and the player cards, PeerTube's 560×315. */
    static final int EMBED_WIDTH = 560;
    static final int EMBED_HEIGHT = 315;

    private final Layout layout;
    private final VideoCatalog videos;
    private final VideoViews views;
    private final Comments comments;
    private final AccountService accounts;
    private final Clock clock;
    private final List<String> trackers;
    private final Avatars avatars;

    public ActorPages(Layout layout, VideoCatalog videos, VideoViews views, Comments comments, AccountService accounts,
            Clock clock, Avatars avatars,
            @ConfigProperty(name = "nuage.tracker-urls") Optional<List<String>> trackers) {
        this.avatars = avatars;
        this.layout = layout;
        this.videos = videos;
        this.views = views;
        this.comments = comments;
        this.accounts = accounts;
        this.clock = clock;
        this.trackers = trackers.orElse(List.of());
    }

    /** The video a viewer may watch: published, and not private unless it is theirs. */
    public Optional<Video> watchable(String id, Viewer viewer) {
        return ShortUuid.resolve(id).flatMap(videos::find).filter(v -> v.state() == Video.State.PUBLISHED)
                .filter(v -> v.metadata().privacy() != Video.Privacy.PRIVATE
                        || viewer.username().filter(v.owner()::equals).isPresent());
    }

    public Response watch(String id, Viewer viewer) {
        Optional<Video> found = watchable(id, viewer);
        if (found.isEmpty()) {
            return layout.error(404, "There is no video " + id + " here, or it is not published yet.", viewer);
        }
        Video video = found.get();
        Map<String, Object> detail = views.detail(video);
        String uuid = video.uuid();
        String base = layout.base();
        String pageUrl = base + "/videos/watch/" + uuid;
        String embedUrl = base + "/videos/embed/" + uuid;
        String image = String.valueOf(detail.getOrDefault("previewUrl", detail.getOrDefault("thumbnailUrl", "")));
        String summary = plainSummary(video.metadata().description());
        String name = video.metadata().name();
        StringBuilder head = new StringBuilder();
        head.append("<meta name=\"description\" content=\"").append(esc(summary)).append("\">")
                .append("<meta property=\"og:type\" content=\"video.other\">")
                .append("<meta property=\"og:site_name\" content=\"").append(esc(layout.instanceName())).append("\">")
                .append("<meta property=\"og:title\" content=\"").append(esc(name)).append("\">")
                .append("<meta property=\"og:description\" content=\"").append(esc(summary)).append("\">")
                .append("<meta property=\"og:url\" content=\"").append(esc(pageUrl)).append("\">")
                .append("<meta property=\"og:image\" content=\"").append(esc(image)).append("\">")
                .append("<meta property=\"og:video:url\" content=\"").append(esc(embedUrl)).append("\">")
                .append("<meta property=\"og:video:secure_url\" content=\"").append(esc(embedUrl)).append("\">")
                .append("<meta property=\"og:video:type\" content=\"text/html\">")
                .append("<meta property=\"og:video:width\" content=\"").append(EMBED_WIDTH).append("\">")
                .append("<meta property=\"og:video:height\" content=\"").append(EMBED_HEIGHT).append("\">")
                .append("<meta name=\"twitter:card\" content=\"player\">")
                .append("<meta name=\"twitter:title\" content=\"").append(esc(name)).append("\">")
                .append("<meta name=\"twitter:image\" content=\"").append(esc(image)).append("\">")
                .append("<meta name=\"twitter:player\" content=\"").append(esc(embedUrl)).append("\">")
                .append("<meta name=\"twitter:player:width\" content=\"").append(EMBED_WIDTH).append("\">")
                .append("<meta name=\"twitter:player:height\" content=\"").append(EMBED_HEIGHT).append("\">")
                .append("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"").append(esc(base))
                .append("/services/oembed?url=").append(esc(Html.query(pageUrl))).append("\" title=\"").append(esc(name)).append("\">")
                .append("<link rel=\"alternate\" type=\"application/activity+json\" href=\"").append(esc(pageUrl)).append("\">")
                .append("<link rel=\"canonical\" href=\"").append(esc(pageUrl)).append("\">");
        StringBuilder main = new StringBuilder(8192);
        main.append("<article class=\"watch\">").append(player(detail));
        main.append("<h1>").append(esc(name)).append("</h1>");
        main.append("<div class=\"video-bar\"><p class=\"meta\">")
                .append(plural(((Number) detail.get("views")).longValue(), "view")).append(" · ")
                .append(Html.age(video.createdAt(), clock.instant())).append("</p>");
        main.append(rating(uuid, detail, viewer)).append("</div>");
        main.append(channelBox(video, viewer));
        String description = Markdown.toHtml(video.metadata().description());
        if (!description.isEmpty()) {
            main.append("<div class=\"description\">").append(description).append("</div>");
        }
        main.append(commentSection(video, viewer)).append("</article>");
        return layout.ok(layout.page(name, head.toString(), viewer, main.toString()));
    }

    /** The player markup of the shared player contract (the embed page's too), filled from the video's API JSON. */
    String player(Map<String, Object> detail) {
        return "<div class=\"player\">" + PlayerMarkup.of(detail, trackers.stream().map(URI::create).toList())
                + "</div>";
    }

    private String rating(String uuid, Map<String, Object> detail, Viewer viewer) {
        if (!viewer.signedIn()) {
            return "<p class=\"rates\"><span>" + esc(detail.get("likes")) + " likes</span> <span>"
                    + esc(detail.get("dislikes")) + " dislikes</span></p>";
        }
        return "<div class=\"rates\">" + rateForm(uuid, "like", "Like", detail.get("likes"))
                + rateForm(uuid, "dislike", "Dislike", detail.get("dislikes")) + "</div>";
    }

    private static String rateForm(String uuid, String rating, String label, Object count) {
        return "<form data-api=\"/api/v1/videos/" + esc(uuid) + "/rate\" data-method=\"PUT\">"
                + "<input type=\"hidden\" name=\"rating\" value=\"" + rating + "\">"
                + "<button type=\"submit\">" + label + " <span class=\"count\">" + esc(count) + "</span></button></form>";
    }

    private String channelBox(Video video, Viewer viewer) {
        String host = hostOf(layout.base());
        String channelUrl = layout.base() + "/video-channels/" + video.channel();
        Optional<Channel> channel = findChannel(video.channel());
        String shownName = channel.map(ActorPages::shownName).orElse(video.channel());
        StringBuilder html = new StringBuilder("<section class=\"channel-box\" aria-label=\"Channel\"><div class=\"actor-line\">")
                .append(avatars.of(channel.map(Channel::avatars).orElse(List.of()), shownName, 48, null))
                .append("<p><a href=\"/video-channels/")
                .append(esc(video.channel())).append("\" class=\"channel-name\">").append(esc(shownName))
                .append("</a> <span class=\"handle\">@").append(esc(video.channel())).append("@").append(esc(host))
                .append("</span> by <a href=\"/accounts/").append(esc(video.owner())).append("\">").append(esc(video.owner()))
                .append("</a></p></div>");
        if (viewer.signedIn()) {
            if (!viewer.username().get().equals(video.owner())) {
                html.append("<form data-api=\"/api/v1/users/me/subscriptions\" data-method=\"POST\">")
                        .append("<input type=\"hidden\" name=\"uri\" value=\"").append(esc(video.channel())).append("@")
                        .append(esc(host)).append("\"><button type=\"submit\">Follow</button></form>");
            }
        } else {
            html.append(remoteFollowForm(channelUrl));
        }
        return html.append("</section>").toString();
    }

    /** A visitor from another instance types their handle and is sent to their server's follow page. */
    static String remoteFollowForm(String actorUrl) {
        return "<details class=\"remote-follow\"><summary>Follow</summary>"
                + "<form method=\"get\" action=\"/remote-follow\" class=\"inline\">"
                + "<input type=\"hidden\" name=\"uri\" value=\"" + esc(actorUrl) + "\">"
                + "<label for=\"handle\">Your account on another instance</label>"
                + "<input id=\"handle\" name=\"handle\" placeholder=\"@you@your.instance\" required>"
                + "<button type=\"submit\">Follow from there</button></form></details>";
    }

    private String commentSection(Video video, Viewer viewer) {
        List<Comment> all = comments.of(video.uuid());
        StringBuilder html = new StringBuilder("<section class=\"comments\" aria-labelledby=\"comments-title\">")
                .append("<h2 id=\"comments-title\">").append(plural(all.stream().filter(c -> !c.deleted()).count(), "comment"))
                .append("</h2>");
        if (!video.metadata().commentsEnabled()) {
            return html.append("<p>Comments are disabled.</p></section>").toString();
        }
        if (viewer.signedIn()) {
            html.append("<form class=\"stack comment-form\" data-api=\"/api/v1/videos/").append(esc(video.uuid()))
                    .append("/comment-threads\" data-method=\"POST\"><label for=\"comment-text\">Add a comment</label>")
                    .append("<textarea id=\"comment-text\" name=\"text\" rows=\"3\" required maxlength=\"10000\"></textarea>")
                    .append("<button type=\"submit\">Comment</button></form><p class=\"form-status\" role=\"status\" aria-live=\"polite\"></p>");
        } else {
            html.append("<p><a href=\"/login?next=/videos/watch/").append(esc(video.uuid())).append("\">Sign in</a> to comment.</p>");
        }
        List<Comment> threads = all.stream().filter(Comment::startsThread)
                .sorted(Comparator.comparing(Comment::published).reversed()).toList();
        html.append("<ol class=\"thread-list\">");
        Instant now = clock.instant();
        Map<String, List<org.nuage.core.account.ActorImage>> authors = new java.util.HashMap<>();
        for (Comment root : threads) {
            html.append(comment(root, all, video, viewer, now, authors));
        }
        return html.append("</ol></section>").toString();
    }

    private String comment(Comment comment, List<Comment> all, Video video, Viewer viewer, Instant now,
            Map<String, List<org.nuage.core.account.ActorImage>> authors) {
        StringBuilder html = new StringBuilder("<li class=\"comment\" id=\"comment-").append(esc(comment.id())).append("\">");
        if (comment.deleted()) {
            html.append("<p class=\"deleted\">This comment has been deleted.</p>");
        } else {
            html.append("<p class=\"who\">").append(avatars.of(authorAvatars(comment, authors), comment.authorHandle(), 32, null))
                    .append("<a href=\"").append(esc(Html.safeUrl(comment.author()))).append("\">")
                    .append(esc(comment.authorHandle())).append("</a> · <time datetime=\"").append(comment.published())
                    .append("\">").append(Html.age(comment.published(), now)).append("</time></p><div class=\"text\">")
                    .append(esc(comment.text()).replace("\n", "<br>")).append("</div>");
            if (viewer.signedIn()) {
                html.append("<details class=\"reply\"><summary>Reply</summary><form class=\"stack\" data-api=\"/api/v1/videos/")
                        .append(esc(video.uuid())).append("/comments/").append(esc(comment.id()))
                        .append("\" data-method=\"POST\"><label for=\"r-").append(esc(comment.id())).append("\">Your reply</label>")
                        .append("<textarea id=\"r-").append(esc(comment.id())).append("\" name=\"text\" rows=\"2\" required></textarea>")
                        .append("<button type=\"submit\">Reply</button></form></details>");
            }
        }
        List<Comment> replies = all.stream().filter(r -> r.inReplyToCommentId().filter(comment.id()::equals).isPresent())
                .sorted(Comparator.comparing(Comment::published)).toList();
        if (!replies.isEmpty()) {
            html.append("<ol class=\"replies\">");
            for (Comment reply : replies) {
                html.append(comment(reply, all, video, viewer, now, authors));
            }
            html.append("</ol>");
        }
        return html.append("</li>").toString();
    }

    public Response channel(String name, Viewer viewer) {
        Channel channel = accounts.channel(name);
        List<Map<String, Object>> list = views.summaries(videos.videosOf(channel.owner(), 0, 100).stream()
                .filter(v -> v.channel().equals(name) && v.state() == Video.State.PUBLISHED
                        && v.metadata().privacy() == Video.Privacy.PUBLIC).toList());
        String handle = name + "@" + hostOf(layout.base());
        String main = "<section class=\"actor\"><div class=\"actor-head\">" + avatars.of(channel.avatars(), shownName(channel), 96, null)
                + "<div><h1>" + esc(shownName(channel))
                + "</h1><p class=\"handle\">@" + esc(handle) + " · by <a href=\"/accounts/" + esc(channel.owner()) + "\">"
                + esc(channel.owner()) + "</a></p></div></div><div class=\"description\">" + Markdown.toHtml(channel.description()) + "</div>"
                + (viewer.signedIn() ? "<form data-api=\"/api/v1/users/me/subscriptions\" data-method=\"POST\"><input type=\"hidden\" name=\"uri\" value=\""
                        + esc(handle) + "\"><button type=\"submit\">Follow</button></form>"
                        : remoteFollowForm(layout.base() + "/video-channels/" + name))
                + "<p><a href=\"/feeds/videos.xml?videoChannelName=" + esc(Html.query(name)) + "\">RSS feed</a></p></section>"
                + "<h2>Videos</h2>" + Cards.grid(list, "No videos yet.", clock.instant());
        String head = "<link rel=\"alternate\" type=\"application/activity+json\" href=\"" + esc(layout.base()) + "/video-channels/"
                + esc(name) + "\"><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feeds/videos.xml?videoChannelName="
                + esc(Html.query(name)) + "\">";
        return layout.ok(layout.page(channel.displayName() == null ? name : channel.displayName(), head, viewer, main));
    }

    public Response account(String name, Viewer viewer) {
        Account account = accounts.account(name);
        List<Map<String, Object>> list = views.summaries(videos.videosOf(name, 0, 100).stream()
                .filter(v -> v.state() == Video.State.PUBLISHED && v.metadata().privacy() == Video.Privacy.PUBLIC).toList());
        StringBuilder channels = new StringBuilder("<ul class=\"actors\">");
        for (Channel channel : accounts.channelsOf(name)) {
            channels.append("<li class=\"actor-line\">").append(avatars.of(channel.avatars(), shownName(channel), 32, null))
                    .append("<a href=\"/video-channels/").append(esc(channel.name())).append("\">")
                    .append(esc(shownName(channel))).append("</a></li>");
        }
        channels.append("</ul>");
        String shown = account.displayName() == null ? name : account.displayName();
        String main = "<section class=\"actor\"><div class=\"actor-head\">" + avatars.of(account.avatars(), shown, 96, null)
                + "<div><h1>" + esc(shown)
                + "</h1><p class=\"handle\">@" + esc(name) + "@" + esc(hostOf(layout.base())) + "</p></div></div><div class=\"description\">"
                + Markdown.toHtml(account.description()) + "</div><h2>Channels</h2>" + channels
                + "<p><a href=\"/feeds/videos.xml?accountName=" + esc(Html.query(name)) + "\">RSS feed</a></p></section>"
                + "<h2>Videos</h2>" + Cards.grid(list, "No videos yet.", clock.instant());
        String head = "<link rel=\"alternate\" type=\"application/activity+json\" href=\"" + esc(layout.base()) + "/accounts/"
                + esc(name) + "\">";
        return layout.ok(layout.page(account.displayName() == null ? name : account.displayName(), head, viewer, main));
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private Optional<Channel> findChannel(String name) {
        try {
            return Optional.of(accounts.channel(name));
        } catch (RuntimeException gone) {
            return Optional.empty();
        }
    }

    private static String shownName(Channel channel) {
        return channel.displayName() == null || channel.displayName().isBlank() ? channel.name() : channel.displayName();
    }

    /** The avatars of the comments' local authors, each account read once per page. */
    private List<org.nuage.core.account.ActorImage> authorAvatars(Comment comment, Map<String, List<org.nuage.core.account.ActorImage>> read) {
        String prefix = layout.base() + "/accounts/";
        if (!comment.local() || !comment.author().startsWith(prefix)) {
            return List.of();
        }
        return read.computeIfAbsent(comment.author().substring(prefix.length()), name -> {
            try {
                return accounts.account(name).avatars();
            } catch (RuntimeException gone) {
                return List.of();
            }
        });
    }

    /** The host (and port, when there is one) of a base URL, as handles write it. */
    static String hostOf(String base) {
        java.net.URI uri = java.net.URI.create(base);
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /** The first 200 characters of a description, without Markdown's marks, for cards and previews. */
    static String plainSummary(String markdown) {
        if (markdown == null) {
            return "";
        }
        String text = markdown.replaceAll("[*_`#>\\[\\]]", "").replaceAll("\\s+", " ").strip();
        return text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }
}
