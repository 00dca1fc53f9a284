package org.nuage.api.web;

import static org.nuage.api.web.Html.esc;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;
import org.nuage.api.Parallel;
import org.nuage.api.federation.SearchResource;
import org.nuage.api.video.VideoViews;
import org.nuage.core.Refusal;
import org.nuage.core.account.Account;
import org.nuage.core.account.AccountService;
import org.nuage.core.account.Channel;
import org.nuage.core.account.TokenService;
import org.nuage.core.federation.index.RemoteVideos;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.federation.remote.WebFinger;
import org.nuage.core.video.Trending;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;
import org.nuage.core.video.VideoReactions;

/**
 * The web interface's own pages: home, search, sign in and out, register, upload, my account and
 * my videos. The watch, channel and account pages live at the actor URLs (see {@link ActorPages}).
 */
@Path("/")
public class PagesResource {

    private static final Logger LOG = Logger.getLogger(PagesResource.class);

    /** Cards per page on the home page: four rows of three on a desktop. */
    static final int PAGE_SIZE = 12;

    /** Trending cards on the home page: two rows of three. */
    static final int TRENDING_CARDS = 6;

    /**
     * Trending candidates read beyond the six shown: a ranked video may have turned private or been
     * deleted since its views were counted.
     */
    private static final int TRENDING_CANDIDATES = 2 * TRENDING_CARDS;

    private final Layout layout;
    private final WebSession session;
    private final VideoCatalog videos;
    private final RemoteVideos remoteVideos;
    private final VideoViews views;
    private final VideoReactions reactions;
    private final AccountService accounts;
    private final TokenService tokens;
    private final org.nuage.core.account.SignInLimits limits;
    private final SearchResource search;
    private final Clock clock;
    private final ActorPages pages;
    private final WebFinger webFinger;
    private final Avatars avatars;

    public PagesResource(ActorPages pages, WebFinger webFinger, Avatars avatars, Layout layout, WebSession session, VideoCatalog videos, RemoteVideos remoteVideos,
            VideoViews views, VideoReactions reactions, AccountService accounts, TokenService tokens,
            SearchResource search, Clock clock, org.nuage.core.account.SignInLimits limits) {
        this.limits = limits;
        this.layout = layout;
        this.session = session;
        this.videos = videos;
        this.remoteVideos = remoteVideos;
        this.views = views;
        this.reactions = reactions;
        this.accounts = accounts;
        this.tokens = tokens;
        this.search = search;
        this.clock = clock;
        this.pages = pages;
        this.webFinger = webFinger;
        this.avatars = avatars;
    }

    /**
     * The home page. Its reads go out together, in two rounds: the lists (newest local, the week's
     * views, newest remote), then the trending videos not already among the newest and, for every
     * card either list may show, one batch of jobs and one of counters.
     */
    @GET
    public Response home(@CookieParam(WebSession.SESSION_COOKIE) String cookie,
            @QueryParam("page") @DefaultValue("1") int page) {
        if (page < 1) {
            return layout.error(400, "page starts at 1", session.viewer(cookie));
        }
        Instant now = clock.instant();
        boolean first = page == 1;
        var viewer = Parallel.submit(() -> session.viewer(cookie));
        var newest = Parallel.submit(() -> videos.publicVideos().skip((long) (page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1).toList());
        var remoteNewest = first ? Parallel.submit(() -> remoteVideos.publicVideos().limit(PAGE_SIZE).map(views::remote).toList()) : null;
        List<String> ranked = first ? Trending.rank(reactions.viewsSince(Trending.firstDay(now)), TRENDING_CANDIDATES) : List.of();
        List<Video> listed = Parallel.join(newest);
        boolean more = listed.size() > PAGE_SIZE;
        List<Video> recent = listed.stream().limit(PAGE_SIZE).toList();
        Set<String> candidates = new LinkedHashSet<>();
        recent.forEach(v -> candidates.add(v.uuid()));
        candidates.addAll(ranked);
        var cardData = Parallel.submit(() -> views.cardData(candidates));
        List<Video> trending = trending(ranked, recent);
        VideoViews.CardData data = Parallel.join(cardData);
        StringBuilder main = new StringBuilder();
        if (!trending.isEmpty()) {
            main.append("<section aria-labelledby=\"trending\"><h2 id=\"trending\">Trending this week</h2>")
                    .append(Cards.grid(views.summaries(trending, data), "", now)).append("</section>");
        }
        main.append("<section aria-labelledby=\"recent\"><h2 id=\"recent\">Recently added</h2>")
                .append(Cards.grid(views.summaries(recent, data), "No videos yet. Be the first to upload one.", now))
                .append(Cards.pager("/", "", page, more)).append("</section>");
        if (remoteNewest != null) {
            main.append("<section aria-labelledby=\"remote\"><h2 id=\"remote\">From the instances and channels we follow</h2>")
                    .append(Cards.grid(Parallel.join(remoteNewest),
                            "Nothing from other instances yet: follow a channel to see its videos here.", now))
                    .append("</section>");
        }
        return layout.ok(layout.page("Home", "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Videos\" href=\"/feeds/videos.xml\">",
                Parallel.join(viewer), main.toString()));
    }

    /**
     * The ranked videos that are still public and published, most viewed first; those on the page
     * already need no second read.
     */
    private List<Video> trending(List<String> ranked, List<Video> recent) {
        if (ranked.isEmpty()) {
            return List.of();
        }
        Map<String, Video> known = new HashMap<>();
        recent.forEach(v -> known.put(v.uuid(), v));
        videos.findAll(ranked.stream().filter(uuid -> !known.containsKey(uuid)).toList()).forEach(v -> known.put(v.uuid(), v));
        return ranked.stream().map(known::get).filter(Objects::nonNull)
                .filter(v -> v.state() == Video.State.PUBLISHED && v.metadata().privacy() == Video.Privacy.PUBLIC)
                .limit(TRENDING_CARDS).toList();
    }

    @GET
    @Path("search")
    public Response search(@CookieParam(WebSession.SESSION_COOKIE) String cookie, @QueryParam("search") String query) {
        Viewer viewer = session.viewer(cookie);
        if (query == null || query.isBlank()) {
            return layout.ok(layout.page("Search", "", viewer, "<section class=\"narrow\"><h1>Search</h1>"
                    + "<p>Type words, a tag, a handle such as <code>channel@example.org</code> or a video's URL in the box above.</p></section>"));
        }
        String authorization = viewer.signedIn() ? "Bearer " + cookie : null;
        StringBuilder main = new StringBuilder("<h1>Results for “").append(esc(query)).append("”</h1>");
        Instant now = clock.instant();
        try {
            // Only a handle or a URL names a channel; words search videos.
            boolean names = query.contains("@") || query.startsWith("http://") || query.startsWith("https://");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> channels = names
                    ? (List<Map<String, Object>>) search.channels(authorization, query).get("data") : List.of();
            if (!channels.isEmpty()) {
                main.append("<h2>Channels</h2><ul class=\"actors\">");
                for (Map<String, Object> channel : channels) {
                    Object host = channel.get("host");
                    boolean local = host == null || layout.base().endsWith("://" + host);
                    String href = local ? "/video-channels/" + esc(channel.get("name")) : esc(Html.safeUrl(channel.get("url")));
                    main.append("<li><a href=\"").append(href).append("\">").append(esc(channel.get("displayName")))
                            .append("</a> <span class=\"handle\">@").append(esc(channel.get("name")))
                            .append(host == null ? "" : "@" + esc(host)).append("</span></li>");
                }
                main.append("</ul>");
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> found = (List<Map<String, Object>>) search.videos(authorization, query, 0, 48).get("data");
            main.append("<h2>Videos</h2>").append(Cards.grid(found, "No video matches.", now));
        } catch (Refusal | RemoteActors.Unavailable e) {
            LOG.infof("search for %s: %s", query, e.getMessage());
            main.append("<p class=\"error\" role=\"alert\">").append(esc(e.getMessage())).append("</p>");
        }
        return layout.ok(layout.page("Search: " + query, "", viewer, main.toString()));
    }

    @GET
    @Path("login")
    public Response loginPage(@CookieParam(WebSession.SESSION_COOKIE) String cookie, @QueryParam("next") String next) {
        return signInForm(200, "", "", next);
    }

    private Response signInForm(int status, String error, String username, String next) {
        return anonymousForm(status, "Sign in", error, "/login",
                "<input type=\"hidden\" name=\"next\" value=\"" + esc(localPath(next)) + "\">"
                + "<label for=\"username\">Username</label><input id=\"username\" name=\"username\" autocomplete=\"username\" required value=\""
                + esc(username) + "\">"
                + "<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
                + "<button type=\"submit\">Sign in</button>",
                "<p>No account? <a href=\"/signup\">Register</a>.</p>");
    }

    /**
     * A form for someone not signed in yet (sign in, register), with a fresh double-submitted CSRF
     * value in a hidden field and in its cookie.
     */
    private Response anonymousForm(int status, String title, String error, String action, String fields, String after) {
        String csrf = WebSession.randomToken();
        String main = "<section class=\"narrow\"><h1>" + esc(title) + "</h1>" + alert(error)
                + "<form class=\"stack\" method=\"post\" action=\"" + action + "\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + csrf + "\">" + fields + "</form>" + after + "</section>";
        return Response.status(status).type("text/html; charset=utf-8").header("Cache-Control", "no-store")
                .cookie(session.csrfCookie(csrf)).entity(layout.page(title, "", Viewer.ANONYMOUS, main)).build();
    }

    @POST
    @Path("login")
    public Response login(@CookieParam(WebSession.CSRF_COOKIE) String csrfCookie, @FormParam("csrf") String csrf,
            @FormParam("username") String username, @FormParam("password") String password,
            @FormParam("next") String next, @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) {
        if (!WebSession.validAnonymousCsrf(csrfCookie, csrf)) {
            LOG.info("sign-in refused: the form's CSRF value does not match its cookie");
            return signInForm(403, "The form expired. Please try again.", username == null ? "" : username, next);
        }
        String address = org.nuage.api.account.UsersResource.address(request);
        Account account;
        try {
            limits.check(username, address);
        } catch (org.nuage.core.account.SignInLimits.Limited limited) {
            LOG.infof("sign-in refused for %s: %s", username, limited.getMessage());
            return Response.fromResponse(signInForm(429, "Too many failed sign-ins: " + limited.getMessage() + ".",
                    username == null ? "" : username, next))
                    .header("Retry-After", Long.toString(limited.retryAfter().toSeconds())).build();
        }
        try {
            account = accounts.signIn(username, password);
        } catch (Refusal e) {
            limits.failed(username, address);
            LOG.infof("sign-in refused for %s: %s", username, e.getMessage());
            return signInForm(400, "Wrong username or password.", username == null ? "" : username, next);
        }
        return signedIn(account.username(), localPath(next));
    }

    private Response signedIn(String username, String next) {
        TokenService.IssuedTokens issued = tokens.issue(username);
        return Response.seeOther(URI.create(next)).cookie(session.sessionCookie(issued.accessToken()),
                session.expired(WebSession.CSRF_COOKIE)).build();
    }

    @GET
    @Path("signup")
    public Response signupPage() {
        return signupForm(200, "", Map.of());
    }

    private Response signupForm(int status, String error, Map<String, String> values) {
        return anonymousForm(status, "Create an account", error, "/signup",
                "<label for=\"username\">Username</label><input id=\"username\" name=\"username\" autocomplete=\"username\" required pattern=\"[a-z0-9_.]{1,50}\" value=\""
                + esc(values.get("username")) + "\"><small>Lower-case letters, digits, dots and underscores.</small>"
                + "<label for=\"displayName\">Display name</label><input id=\"displayName\" name=\"displayName\" value=\""
                + esc(values.get("displayName")) + "\">"
                + "<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" required value=\""
                + esc(values.get("email")) + "\">"
                + "<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" required minlength=\""
                + AccountService.MIN_PASSWORD_LENGTH + "\">"
                + "<button type=\"submit\">Register</button>",
                "<p>Already registered? <a href=\"/login\">Sign in</a>.</p>");
    }

    @POST
    @Path("signup")
    public Response signup(@CookieParam(WebSession.CSRF_COOKIE) String csrfCookie, @FormParam("csrf") String csrf,
            @FormParam("username") String username, @FormParam("displayName") String displayName,
            @FormParam("email") String email, @FormParam("password") String password) {
        Map<String, String> values = new java.util.HashMap<>();
        values.put("username", username);
        values.put("displayName", displayName);
        values.put("email", email);
        if (!WebSession.validAnonymousCsrf(csrfCookie, csrf)) {
            LOG.info("registration refused: the form's CSRF value does not match its cookie");
            return signupForm(403, "The form expired. Please try again.", values);
        }
        Account account;
        try {
            account = accounts.register(new AccountService.Registration(username, password, email,
                    displayName == null || displayName.isBlank() ? username : displayName, null, null));
        } catch (Refusal e) {
            LOG.infof("registration refused for %s: %s", username, e.getMessage());
            return signupForm(e.status(), e.getMessage(), values);
        }
        return signedIn(account.username(), "/");
    }

    @POST
    @Path("logout")
    public Response logout(@CookieParam(WebSession.SESSION_COOKIE) String cookie, @FormParam("csrf") String csrf) {
        if (cookie != null && !WebSession.validCsrf(cookie, csrf)) {
            LOG.info("sign-out refused: no valid CSRF token");
            return layout.error(403, "The form expired. Please reload the page and try again.", session.viewer(cookie));
        }
        if (cookie != null) {
            tokens.revoke(cookie);
        }
        return Response.seeOther(URI.create("/")).cookie(session.expired(WebSession.SESSION_COOKIE)).build();
    }

    @GET
    @Path("videos/upload")
    public Response upload(@CookieParam(WebSession.SESSION_COOKIE) String cookie) {
        Viewer viewer = session.viewer(cookie);
        if (!viewer.signedIn()) {
            return Response.seeOther(URI.create("/login?next=/videos/upload")).build();
        }
        StringBuilder options = new StringBuilder();
        for (Channel channel : accounts.channelsOf(viewer.username().get())) {
            options.append("<option value=\"").append(esc(channel.name())).append("\">")
                    .append(esc(channel.displayName() == null ? channel.name() : channel.displayName())).append("</option>");
        }
        String main = """
                <section class="narrow"><h1>Upload a video</h1>
                <form id="upload-form" class="stack">
                <label for="file" class="drop" id="drop">Drop a video file here, or <u>choose one</u>
                <input id="file" name="file" type="file" accept="video/*,audio/*" required></label>
                <p id="resume-note" class="note" hidden></p>
                <label for="name">Title</label><input id="name" name="name" required maxlength="120">
                <label for="channel">Channel</label><select id="channel" name="channel">%s</select>
                <label for="privacy">Visibility</label><select id="privacy" name="privacy">
                <option value="public">Public</option><option value="unlisted">Unlisted</option><option value="private">Private</option></select>
                <label for="description">Description (Markdown)</label><textarea id="description" name="description" rows="4"></textarea>
                <button type="submit" id="upload-start">Upload</button></form>
                <div id="upload-status" hidden>
                <label for="upload-progress">Upload</label>
                <progress id="upload-progress" max="100" value="0">0 %%</progress> <span id="upload-percent">0 %%</span>
                <label for="transcode-progress">Processing</label>
                <progress id="transcode-progress" max="100" value="0">0 %%</progress> <span id="transcode-percent"></span>
                <p id="upload-state" role="status" aria-live="polite"></p></div></section>
                """.formatted(options);
        return layout.ok(layout.page("Upload", "", viewer, main));
    }

    @GET
    @Path("my-account")
    public Response myAccount(@CookieParam(WebSession.SESSION_COOKIE) String cookie) {
        Viewer viewer = session.viewer(cookie);
        if (!viewer.signedIn()) {
            return Response.seeOther(URI.create("/login?next=/my-account")).build();
        }
        Account account = accounts.account(viewer.username().get());
        long used = videos.usedBytes(account.username());
        long quota = account.videoQuotaBytes();
        StringBuilder channels = new StringBuilder();
        for (Channel channel : accounts.channelsOf(account.username())) {
            String shown = channel.displayName() == null || channel.displayName().isBlank() ? channel.name() : channel.displayName();
            channels.append("<h3>").append(esc(channel.name())).append("</h3>")
                    .append(avatarForms("/api/v1/video-channels/" + channel.name() + "/avatar", "ch-" + channel.name(),
                            avatars.of(channel.avatars(), shown, 96, "avatar-preview-ch-" + channel.name()),
                            !channel.avatars().isEmpty(), "the channel's avatar"))
                    .append("<form class=\"stack card-form\" data-api=\"/api/v1/video-channels/").append(esc(channel.name()))
                    .append("\" data-method=\"PUT\">")
                    .append("<label for=\"dn-").append(esc(channel.name())).append("\">Display name</label><input id=\"dn-")
                    .append(esc(channel.name())).append("\" name=\"displayName\" value=\"").append(esc(channel.displayName()))
                    .append("\"><label for=\"de-").append(esc(channel.name())).append("\">Description</label><textarea id=\"de-")
                    .append(esc(channel.name())).append("\" name=\"description\" rows=\"3\">").append(esc(channel.description()))
                    .append("</textarea><button type=\"submit\">Save channel</button></form>");
        }
        String main = "<section class=\"narrow\"><h1>My account</h1>"
                + "<dl class=\"facts\"><dt>Username</dt><dd>" + esc(account.username()) + "</dd>"
                + "<dt>Display name</dt><dd>" + esc(account.displayName()) + "</dd>"
                + "<dt>Email</dt><dd>" + esc(account.email()) + "</dd>"
                + "<dt>Storage used</dt><dd><progress max=\"" + Math.max(1, quota) + "\" value=\"" + used + "\"></progress> "
                + mib(used) + (quota < 0 ? " (no limit)" : " of " + mib(quota)) + "</dd></dl>"
                + "<h2>Avatar</h2>" + avatarForms("/api/v1/users/me/avatar", "me",
                        avatars.of(account.avatars(), account.displayName(), 96, "avatar-preview-me"),
                        !account.avatars().isEmpty(), "your avatar")
                + "<h2>Profile</h2><form class=\"stack\" data-api=\"/api/v1/users/me\" data-method=\"PUT\">"
                + "<label for=\"profile-name\">Display name</label><input id=\"profile-name\" name=\"displayName\" required value=\""
                + esc(account.displayName()) + "\"><label for=\"profile-description\">Description</label>"
                + "<textarea id=\"profile-description\" name=\"description\" rows=\"3\">" + esc(account.description())
                + "</textarea><button type=\"submit\">Save profile</button></form>"
                + "<h2>Channels</h2>" + channels
                + "<h2>Change password</h2><form class=\"stack\" data-api=\"/api/v1/users/me\" data-method=\"PUT\">"
                + "<label for=\"currentPassword\">Current password</label><input id=\"currentPassword\" name=\"currentPassword\" type=\"password\" autocomplete=\"current-password\" required>"
                + "<label for=\"newPassword\">New password</label><input id=\"newPassword\" name=\"password\" type=\"password\" autocomplete=\"new-password\" required minlength=\""
                + AccountService.MIN_PASSWORD_LENGTH + "\"><button type=\"submit\">Change password</button></form>"
                + "<p class=\"form-status\" role=\"status\" aria-live=\"polite\"></p></section>";
        return layout.ok(layout.page("My account", "", viewer, main));
    }

    @GET
    @Path("my-library/videos")
    public Response myVideos(@CookieParam(WebSession.SESSION_COOKIE) String cookie) {
        Viewer viewer = session.viewer(cookie);
        if (!viewer.signedIn()) {
            return Response.seeOther(URI.create("/login?next=/my-library/videos")).build();
        }
        Instant now = clock.instant();
        List<Video> mine = videos.videosOf(viewer.username().get(), 0, 100);
        StringBuilder main = new StringBuilder("<h1>My videos</h1>");
        if (mine.isEmpty()) {
            main.append("<p class=\"empty\">You have not uploaded anything yet. <a href=\"/videos/upload\">Upload a video</a>.</p>");
        }
        main.append("<ul class=\"mine\">");
        for (Video video : mine) {
            Map<String, Object> json = video.state() == Video.State.TRANSCODING ? views.detail(video) : views.summary(video);
            String state = switch (video.state()) {
                case PUBLISHED -> "Published";
                case UPLOADING -> "Waiting for the upload";
                case TRANSCODING -> "Processing " + ((Map<?, ?>) json.get("transcoding")).get("progress") + " %";
                case FAILED -> "Failed: " + video.failureReason().orElse("unknown reason");
            };
            String uuid = esc(video.uuid());
            main.append("<li class=\"mine-item\" data-uuid=\"").append(uuid).append("\">")
                    .append(Cards.card(json, now).replaceFirst("^<li class=\"card\">", "<div class=\"card\">").replaceFirst("</li>$", "</div>"))
                    .append("<div><p class=\"state state-").append(video.state().name().toLowerCase(java.util.Locale.ROOT))
                    .append("\" data-state=\"").append(video.state().name().toLowerCase(java.util.Locale.ROOT)).append("\">")
                    .append(esc(state)).append("</p><details><summary>Edit</summary><form class=\"stack\" data-api=\"/api/v1/videos/")
                    .append(uuid).append("\" data-method=\"PUT\"><label for=\"n-").append(uuid).append("\">Title</label><input id=\"n-")
                    .append(uuid).append("\" name=\"name\" value=\"").append(esc(video.metadata().name()))
                    .append("\" required><label for=\"d-").append(uuid).append("\">Description</label><textarea id=\"d-").append(uuid)
                    .append("\" name=\"description\" rows=\"3\">").append(esc(video.metadata().description()))
                    .append("</textarea><button type=\"submit\">Save</button></form></details>")
                    .append("<form data-api=\"/api/v1/videos/").append(uuid).append("\" data-method=\"DELETE\" data-confirm=\"Delete “")
                    .append(esc(video.metadata().name())).append("” for good?\"><button type=\"submit\" class=\"danger\">Delete</button></form>")
                    .append("</div></li>");
        }
        main.append("</ul><p class=\"form-status\" role=\"status\" aria-live=\"polite\"></p>");
        return layout.ok(layout.page("My videos", "", viewer, main.toString()));
    }

    /** PeerTube's short watch URL. */
    @GET
    @Path("w/{id}")
    public Response shortWatch(@PathParam("id") String id, @CookieParam(WebSession.SESSION_COOKIE) String cookie) {
        return pages.watch(id, session.viewer(cookie));
    }

    /**
     * A visitor from another instance follows a channel from there: their server's WebFinger names its
     * remote-follow page (the OStatus subscribe template), and the visitor is sent to it.
     */
    @GET
    @Path("remote-follow")
    public Response remoteFollow(@CookieParam(WebSession.SESSION_COOKIE) String cookie, @QueryParam("handle") String handle,
            @QueryParam("uri") String uri) {
        Viewer viewer = session.viewer(cookie);
        if (uri == null || !uri.startsWith(layout.base() + "/")) {
            LOG.infof("remote follow refused: %s is not one of our actors", uri);
            return layout.error(400, "Only actors of this instance can be followed from here.", viewer);
        }
        try {
            String template = webFinger.subscribeTemplate(WebFinger.parse(handle));
            String target = template.replace("{uri}", Html.query(uri));
            if (Html.safeUrl(target).isEmpty() || target.startsWith("/")) {
                throw new RemoteActors.Unavailable("the remote-follow page of " + handle + " is not an http(s) URL");
            }
            return Response.seeOther(URI.create(target)).build();
        } catch (Refusal e) {
            LOG.infof("remote follow refused for %s: %s", handle, e.getMessage());
            return layout.error(e.status(), e.getMessage(), viewer);
        } catch (RemoteActors.Unavailable | IllegalArgumentException e) {
            LOG.infof("remote follow failed for %s: %s", handle, e.getMessage());
            return layout.error(502, "Could not find where " + handle + " follows accounts: " + e.getMessage(), viewer);
        }
    }

    /**
     * The current avatar, a form that uploads a new one (the page's script sends it as PeerTube's
     * multipart form, with the CSRF header) and, when there is one, a button that removes it.
     */
    private static String avatarForms(String api, String suffix, String current, boolean removable, String what) {
        String input = "avatarfile-" + suffix;
        return "<div class=\"avatar-edit\">" + current
                + "<form class=\"stack\" data-api=\"" + esc(api) + "/pick\" data-method=\"POST\" enctype=\"multipart/form-data\">"
                + "<label for=\"" + esc(input) + "\">New picture</label>"
                + "<input id=\"" + esc(input) + "\" name=\"avatarfile\" type=\"file\" required"
                + " accept=\"image/png,image/jpeg,image/gif\" data-preview=\"avatar-preview-" + esc(suffix)
                + "\" aria-describedby=\"" + esc(input) + "-note\"><small id=\"" + esc(input) + "-note\">PNG, JPEG or GIF, at most 4 MB;"
                + " the middle square is kept.</small><button type=\"submit\">Upload</button></form>"
                + (removable ? "<form data-api=\"" + esc(api) + "\" data-method=\"DELETE\" data-confirm=\"Remove " + esc(what)
                        + "?\"><button type=\"submit\" class=\"danger\">Remove</button></form>" : "")
                + "</div>";
    }

    private static String mib(long bytes) {
        return String.format("%.1f MB", bytes / 1_000_000.0);
    }

    private static String alert(String error) {
        return error == null || error.isEmpty() ? "" : "<p class=\"error\" role=\"alert\">" + esc(error) + "</p>";
    }

    /** Where to go after signing in: a path on this site only, so the form cannot send people elsewhere. */
    static String localPath(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }
}
