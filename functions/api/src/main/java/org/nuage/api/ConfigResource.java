package org.nuage.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.aws.config.TrackerConfig;
import org.nuage.core.account.AccountService;
import org.nuage.core.account.PasswordHasher;
import org.nuage.core.media.AvatarImages;
import org.nuage.core.transcode.LadderConfig;
import org.nuage.core.video.ResumableUpload;
import org.nuage.core.video.Trending;

/**
 * {@code GET /api/v1/config}: what a client needs to know about this instance, in PeerTube's
 * {@code ServerConfig} shape, every block with this instance's own values. What Nuage does not do
 * (lives, imports, plugins, studio, captions, e-mail) says {@code enabled: false} and accepts nothing.
 */
@Path("/api/v1/config")
public class ConfigResource {

    /**
     * What an upload may be: any file ffprobe reads is transcoded, so the usual video containers, as
     * PeerTube lists them when it transcodes with its additional extensions allowed.
     */
    static final List<String> VIDEO_EXTENSIONS = List.of(".mp4", ".webm", ".ogv", ".ogg", ".mkv", ".mov", ".qt",
            ".m4v", ".flv", ".f4v", ".wmv", ".avi", ".3gp", ".3g2", ".mts", ".m2ts", ".mpv", ".m2v", ".mpg",
            ".mpeg", ".vob", ".mxf", ".nut");

    /** The images an avatar may be (AvatarImages reads these formats). */
    static final List<String> AVATAR_EXTENSIONS = List.of(".png", ".jpeg", ".jpg", ".gif", ".webp");

    /**
     * A view counts once per address per video per hour (ViewsResource), so a player that reports
     * more often changes nothing and costs an invocation each time.
     */
    static final int VIEW_REPORT_INTERVAL_MS = 3_600_000;

    private final InstanceConfig instance;
    private final ApiConfig api;
    private final TrackerConfig trackers;
    private final String version;
    private final List<Integer> resolutions;

    public ConfigResource(InstanceConfig instance, ApiConfig api, TrackerConfig trackers,
            @ConfigProperty(name = "quarkus.application.version") String version,
            // The transcoder's ladder (NUAGE_TRANSCODE_RESOLUTIONS), which a deployment sets on both.
            @ConfigProperty(name = "nuage.transcode.resolutions") Optional<List<Integer>> resolutions) {
        this.instance = instance;
        this.api = api;
        this.trackers = trackers;
        this.version = version;
        this.resolutions = resolutions.orElse(LadderConfig.DEFAULT_RESOLUTIONS);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> config() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("serverVersion", version);
        json.put("software", map("name", "nuage", "version", version));
        json.put("client", map(
                "newFeaturesInfo", false,
                "header", map("hideInstanceName", false),
                // PeerTube's web client never sends a resumable-upload chunk bigger than this.
                "videos", map("miniature", map("preferAuthorDisplayName", false),
                        "resumableUpload", map("maxChunkSize", ResumableUpload.MAX_CHUNK_BYTES)),
                // GET /api/v1/videos lists newest first, ours and the remote videos we index together.
                "browseVideos", map("defaultSort", "-publishedAt", "defaultScope", "federated"),
                "menu", map("login", map("redirectOnSingleExternalAuth", false)),
                "openInApp", map("android", map("intent", disabledApp()), "ios", disabledApp())));
        json.put("defaults", map(
                // MetadataRules' defaults: public, comments and downloads on; no licence unless chosen.
                "publish", map("downloadEnabled", true, "commentsPolicy", 1, "privacy", 1),
                "live", map("saveReplay", false),
                // The player streams every video over WebTorrent, in pages and in embeds alike.
                "p2p", map("webapp", map("enabled", true), "embed", map("enabled", true)),
                // Nuage's player has none of PeerTube's player themes, so no theme is named; it waits for play.
                "player", map("autoPlay", false)));
        json.put("webadmin", map("configuration", map("edition", map("allowed", false))));
        json.put("instance", map(
                "name", instance.name(),
                "shortDescription", instance.shortDescription(),
                "isNSFW", false,
                // Lists show sensitive videos unless asked not to (VideoFilter).
                "defaultNSFWPolicy", "display",
                "serverCountry", "",
                "support", map("text", ""),
                "social", map("externalLink", "", "mastodonLink", "", "blueskyLink", "", "xLink", ""),
                "defaultClientRoute", "/videos/trending",
                "customizations", map("javascript", "", "css", ""),
                "avatars", List.of(),
                "banners", List.of(),
                "defaultLanguage", "en",
                "logo", List.of()));
        json.put("search", map(
                // A signed-in user's search for a URL fetches it; an anonymous one finds what is indexed.
                "remoteUri", map("users", true, "anonymous", false),
                "searchIndex", map("enabled", false, "url", "", "disableLocalSearch", false, "isDefaultSearch", false)));
        json.put("plugin", map("registered", List.of(), "registeredExternalAuths", List.of(),
                "registeredIdAndPassAuths", List.of()));
        json.put("theme", map("registered", List.of(), "builtIn", List.of(), "default", "default",
                "customization", map("primaryColor", "", "onPrimaryColor", "", "foregroundColor", "",
                        "backgroundColor", "", "backgroundSecondaryColor", "", "menuForegroundColor", "",
                        "menuBackgroundColor", "", "menuBorderRadius", "", "headerForegroundColor", "",
                        "headerBackgroundColor", "", "inputBorderRadius", "")));
        json.put("email", map("enabled", false));
        json.put("contactForm", map("enabled", false));
        json.put("signup", map(
                "allowed", instance.openRegistrations(),
                "allowedForCurrentIP", instance.openRegistrations(),
                "requiresEmailVerification", false,
                "requiresApproval", false,
                "minimumAge", 0));
        json.put("transcoding", map(
                "hls", map("enabled", true),
                "web_videos", map("enabled", true),
                "enabledResolutions", resolutions,
                "profile", "default",
                "availableProfiles", List.of("default"),
                "remoteRunners", map("enabled", false)));
        json.put("live", map(
                "enabled", false, "allowReplay", false, "dvr", map("maxWindow", 0),
                "latencySetting", map("enabled", false), "maxDuration", 0, "maxInstanceLives", 0, "maxUserLives", 0,
                "transcoding", map("enabled", false, "remoteRunners", map("enabled", false),
                        "enabledResolutions", List.of(), "profile", "default", "availableProfiles", List.of()),
                "rtmp", map("port", 0)));
        json.put("videoStudio", map("enabled", false, "remoteRunners", map("enabled", false)));
        json.put("videoFile", map("update", map("enabled", false)));
        json.put("import", map(
                "videos", map("http", map("enabled", false), "torrent", map("enabled", false)),
                "videoChannelSynchronization", map("enabled", false),
                "users", map("enabled", false)));
        json.put("export", map("users", map("enabled", false, "exportExpiration", 0, "maxUserVideoQuota", 0)));
        json.put("autoBlacklist", map("videos", map("ofUsers", map("enabled", false))));
        json.put("avatar", map("file", fileConstraints(AvatarImages.MAX_BYTES, AVATAR_EXTENSIONS)));
        // No banners, logos, custom thumbnails or captions are uploaded here: nothing is accepted.
        json.put("banner", map("file", fileConstraints(0, List.of())));
        json.put("logo", map("file", fileConstraints(0, List.of())));
        json.put("video", map("image", fileConstraints(0, List.of()), "file", map("extensions", VIDEO_EXTENSIONS)));
        json.put("videoCaption", map("file", fileConstraints(0, List.of())));
        // PeerTube's -1: no daily limit.
        json.put("user", map("videoQuota", api.defaultVideoQuotaBytes(), "videoQuotaDaily", -1));
        json.put("trending", map("videos", map("intervalDays", Trending.DAYS,
                "algorithms", map("enabled", List.of("most-viewed"), "default", "most-viewed"))));
        json.put("tracker", map("enabled", !trackers.trackers().isEmpty()));
        json.put("followings", map("instance", map("autoFollowIndex", map("indexUrl", ""))));
        json.put("federation", map("enabled", true));
        json.put("broadcastMessage", map("enabled", false, "message", "", "level", "info", "dismissable", false));
        json.put("homepage", map("enabled", false));
        json.put("openTelemetry", map("metrics", map("enabled", false, "playbackStatsInterval", 0)));
        // PeerTube's -1: views are kept for ever.
        json.put("views", map("videos", map("remote", map("maxAge", -1), "local", map("maxAge", -1),
                "watchingInterval", map("anonymous", VIEW_REPORT_INTERVAL_MS, "users", VIEW_REPORT_INTERVAL_MS))));
        json.put("storyboards", map("enabled", false, "remoteRunners", map("enabled", false)));
        json.put("videoTranscription", map("enabled", false, "remoteRunners", map("enabled", false)));
        // The player lets WebTorrent use its default STUN servers; none is configured here.
        json.put("webrtc", map("stunServers", List.of()));
        json.put("nsfwFlagsSettings", map("enabled", false));
        json.put("fieldsConstraints", map("users", map("password", map(
                "minLength", AccountService.MIN_PASSWORD_LENGTH, "maxLength", PasswordHasher.MAX_PASSWORD_BYTES))));
        return json;
    }

    private static Map<String, Object> disabledApp() {
        return map("enabled", false, "host", "", "scheme", "", "fallbackUrl", "");
    }

    private static Map<String, Object> fileConstraints(long maxBytes, List<String> extensions) {
        return map("size", map("max", maxBytes), "extensions", extensions);
    }

    /** An ordered JSON object from name, value pairs. */
    static Map<String, Object> map(Object... namesAndValues) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            json.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return json;
    }
}
