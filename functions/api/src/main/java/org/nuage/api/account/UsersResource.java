package org.nuage.api.account;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nuage.core.account.Account;
import org.nuage.core.Refusal;
import org.nuage.core.account.AccountService;
import org.nuage.core.account.AccountStore;
import org.nuage.core.account.ActorImage;
import org.nuage.core.account.AvatarService;
import org.nuage.core.federation.ActorFederation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.nuage.core.account.OAuthClient;
import org.nuage.core.account.SignInLimits;
import org.nuage.core.account.TokenService;
import org.nuage.core.video.RatingService;
import org.nuage.core.video.VideoCatalog;

/**
 * PeerTube's user API: registration, the OAuth2 password and refresh grants, sign-out and the
 * signed-in user's own account. One class, because JAX-RS picks a single root resource per request
 * by its longest matching path, so two classes must not share {@code /api/v1/users}.
 */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    /** PeerTube's register body: the first channel is optional and nested. */
    public record RegisterBody(String username, String password, String email, String displayName,
            ChannelBody channel) {
    }

    /** A channel's name and display name, as nested in the register body. */
    public record ChannelBody(String name, String displayName) {
    }

    /**
     * PeerTube's profile fields, and a password change, which needs the current password so a
     * stolen token cannot lock the owner out.
     */
    public record MeUpdate(String currentPassword, String password, String displayName, String description) {
    }

    private final AccountService accounts;
    private final AccountStore store;
    private final TokenService tokens;
    private final Caller caller;
    private final Representations representations;
    private final VideoCatalog videos;
    private final org.nuage.api.video.VideoViews views;
    private final RatingService ratings;
    private final AvatarService avatars;
    private final ActorFederation federation;
    private final org.nuage.api.PeerTubeIds ids;
    private final java.time.Clock clock;
    private final SignInLimits limits;

    public UsersResource(AccountService accounts, AccountStore store, TokenService tokens, Caller caller,
            Representations representations, VideoCatalog videos, org.nuage.api.video.VideoViews views,
            RatingService ratings, AvatarService avatars, ActorFederation federation, org.nuage.api.PeerTubeIds ids,
            java.time.Clock clock, SignInLimits limits) {
        this.limits = limits;
        this.ids = ids;
        this.clock = clock;
        this.ratings = ratings;
        this.avatars = avatars;
        this.federation = federation;
        this.videos = videos;
        this.views = views;
        this.accounts = accounts;
        this.store = store;
        this.tokens = tokens;
        this.caller = caller;
        this.representations = representations;
    }

    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(RegisterBody body) {
        if (body == null) {
            return Problems.problem(400, "a JSON body with username, password and email is required");
        }
        Account account = accounts.register(new AccountService.Registration(body.username(), body.password(),
                body.email(), body.displayName(), body.channel() == null ? null : body.channel().name(),
                body.channel() == null ? null : body.channel().displayName()));
        // Numbered when created, as PeerTube does; the account's number is also its user's.
        representations.number(account);
        accounts.channelsOf(account.username()).forEach(representations::number);
        return Response.noContent().build();
    }

    @GET
    @Path("me")
    public Map<String, Object> me(@HeaderParam("Authorization") String authorization) {
        return user(accounts.account(caller.require(authorization)), true);
    }

    /**
     * PeerTube's {@code User} ({@code MyUser} for {@code users/me}). Settings Nuage does not have
     * carry PeerTube's defaults for a new user, which are what Nuage does.
     */
    private Map<String, Object> user(Account account, boolean mine) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("id", representations.number(account));
        me.put("username", account.username());
        me.put("email", account.email());
        me.put("pendingEmail", null);
        me.put("emailVerified", true);
        me.put("emailPublic", false);
        me.put("nsfwPolicy", "blur");
        me.put("nsfwFlagsDisplayed", 0);
        me.put("nsfwFlagsHidden", 0);
        me.put("nsfwFlagsBlurred", 0);
        me.put("nsfwFlagsWarned", 0);
        me.put("autoPlayVideo", true);
        me.put("autoPlayNextVideo", false);
        me.put("autoPlayNextVideoPlaylist", true);
        me.put("p2pEnabled", true);
        me.put("videosHistoryEnabled", false);
        me.put("videoLanguages", List.of());
        me.put("language", "en");
        me.put("role", Map.of("id", account.role() == Account.Role.ADMINISTRATOR ? 0 : 2,
                "label", account.role() == Account.Role.ADMINISTRATOR ? "Administrator" : "User"));
        me.put("videoQuota", account.videoQuotaBytes());
        // Nuage has no daily quota; PeerTube's -1 is "unlimited".
        me.put("videoQuotaDaily", -1);
        me.put("videoQuotaUsed", videos.usedBytes(account.username()));
        me.put("theme", "instance-default");
        me.put("account", representations.account(account));
        me.put("videoChannels", accounts.channelsOf(account.username()).stream().map(representations::userChannel).toList());
        me.put("blocked", false);
        me.put("blockedReason", null);
        me.put("noInstanceConfigWarningModal", true);
        me.put("noWelcomeModal", true);
        me.put("noAccountSetupWarningModal", true);
        me.put("createdAt", account.createdAt().toString());
        me.put("pluginAuth", null);
        me.put("lastLoginDate", null);
        me.put("twoFactorEnabled", false);
        me.put("newFeaturesInfoRead", 0);
        if (mine) {
            me.put("specialPlaylists", List.of());
            me.put("videoChannelCollaborations", List.of());
        }
        return me;
    }

    /** PeerTube's {@code GET /users/{id}}: a user by number, for administrators. */
    @GET
    @Path("{id: [0-9]+}")
    public Map<String, Object> user(@HeaderParam("Authorization") String authorization,
            @jakarta.ws.rs.PathParam("id") String id) {
        Administrators.require(caller, accounts, authorization, "read other users");
        String username = ids.accountName(id).orElseThrow(() -> Refusal.notFound("no user " + id));
        return user(store.findAccount(username).orElseThrow(() -> Refusal.notFound("no user " + id)), false);
    }

    @GET
    @Path("me/videos")
    public Map<String, Object> myVideos(@HeaderParam("Authorization") String authorization,
            @jakarta.ws.rs.QueryParam("start") @jakarta.ws.rs.DefaultValue("0") int start,
            @jakarta.ws.rs.QueryParam("count") @jakarta.ws.rs.DefaultValue("15") int count) {
        String owner = caller.require(authorization);
        List<Map<String, Object>> data = videos.videosOf(owner, Math.max(0, start), Math.min(Math.max(count, 0), 100))
                .stream().map(views::summary).toList();
        return Map.of("total", data.size(), "data", data);
    }

    /**
     * PeerTube's {@code GET /users/me/videos/{id}/rating}: the caller's rating of a video of ours or
     * of the remote index, the video named by its number, uuid or short uuid; answered with its number.
     */
    @GET
    @Path("me/videos/{id}/rating")
    public Map<String, Object> myRating(@HeaderParam("Authorization") String authorization,
            @jakarta.ws.rs.PathParam("id") String id) {
        String user = caller.require(authorization);
        String uuid = ids.videoUuid(id);
        String rating = ratings.ratingOf(user, uuid);
        return Map.of("videoId", ids.videoId(uuid), "rating", rating);
    }

    private static final int VIDEO_PAGE = 100;

    /** PeerTube's quota figures: the bytes the caller's videos count against their quota, in all and today. */
    @GET
    @Path("me/video-quota-used")
    public Map<String, Object> quotaUsed(@HeaderParam("Authorization") String authorization) {
        String owner = caller.require(authorization);
        // PeerTube's daily figure: what the caller uploaded in the last 24 hours, newest videos first.
        java.time.Instant since = clock.instant().minus(java.time.Duration.ofDays(1));
        long daily = 0;
        for (int start = 0; ; start += VIDEO_PAGE) {
            List<org.nuage.core.video.Video> page = videos.videosOf(owner, start, VIDEO_PAGE);
            daily += page.stream().filter(v -> v.createdAt().isAfter(since))
                    .mapToLong(org.nuage.core.video.Video::declaredSizeBytes).sum();
            if (page.size() < VIDEO_PAGE || page.getLast().createdAt().isBefore(since)) {
                break;
            }
        }
        return Map.of("videoQuotaUsed", videos.usedBytes(owner), "videoQuotaUsedDaily", daily);
    }

    @PUT
    @Path("me")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response updateMe(@HeaderParam("Authorization") String authorization, MeUpdate update) {
        String username = caller.require(authorization);
        if (update == null || update.password() == null && update.displayName() == null && update.description() == null) {
            return Problems.problem(400, "nothing to change: give displayName, description, or currentPassword and password");
        }
        if (update.password() != null) {
            accounts.changePassword(username, update.currentPassword(), update.password());
        }
        if (update.displayName() != null || update.description() != null) {
            accounts.editProfile(username, update.displayName(), update.description());
            AvatarUploads.federate("account " + username, () -> federation.accountUpdated(username));
        }
        return Response.noContent().build();
    }

    /** PeerTube's avatar upload: a multipart form whose {@code avatarfile} is the picture. */
    @POST
    @Path("me/avatar/pick")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Map<String, Object> pickAvatar(@HeaderParam("Authorization") String authorization,
            @RestForm(AvatarUploads.FIELD) FileUpload file) {
        String username = caller.require(authorization);
        List<ActorImage> images = AvatarUploads.logged("account " + username,
                () -> avatars.pickAccountAvatar(username, AvatarUploads.read(file)));
        AvatarUploads.federate("account " + username, () -> federation.accountUpdated(username));
        return AvatarUploads.answer(representations, images);
    }

    @DELETE
    @Path("me/avatar")
    public Response removeAvatar(@HeaderParam("Authorization") String authorization) {
        String username = caller.require(authorization);
        if (avatars.removeAccountAvatar(username)) {
            AvatarUploads.federate("account " + username, () -> federation.accountUpdated(username));
        }
        return Response.noContent().build();
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(@FormParam("client_id") String clientId, @FormParam("client_secret") String clientSecret,
            @FormParam("grant_type") String grantType, @FormParam("username") String username,
            @FormParam("password") String password, @FormParam("refresh_token") String refreshToken,
            @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) {
        OAuthClient client = store.oauthClient(AccountService::newOAuthClient);
        if (!client.clientId().equals(clientId) || !constantTimeEquals(client.clientSecret(), clientSecret)) {
            return oauthError("invalid_client", "unknown OAuth client; fetch it from /api/v1/oauth-clients/local");
        }
        TokenService.IssuedTokens issued;
        try {
            if ("password".equals(grantType)) {
                String address = address(request);
                limits.check(username, address);
                Account account;
                try {
                    account = accounts.signIn(username, password);
                } catch (Refusal wrong) {
                    limits.failed(username, address);
                    throw wrong;
                }
                issued = tokens.issue(account.username());
            } else if ("refresh_token".equals(grantType)) {
                issued = tokens.refresh(refreshToken);
            } else {
                return oauthError("unsupported_grant_type", "grant_type must be 'password' or 'refresh_token'");
            }
        } catch (SignInLimits.Limited limited) {
            return tooManyAttempts(limited);
        } catch (Refusal refused) {
            return oauthError("invalid_grant", refused.getMessage());
        }
        return Response.ok(Map.of(
                "token_type", "Bearer",
                "access_token", issued.accessToken(),
                "refresh_token", issued.refreshToken(),
                "expires_in", issued.accessTtl().toSeconds(),
                "refresh_token_expires_in", issued.refreshTtl().toSeconds())).build();
    }

    @POST
    @Path("revoke-token")
    public Response revoke(@HeaderParam("Authorization") String authorization) {
        String token = Caller.bearer(authorization);
        if (token != null) {
            tokens.revoke(token);
        }
        return Response.ok(Map.of()).build();
    }

    /** 429 with Retry-After, in the OAuth error shape clients parse. */
    public static Response tooManyAttempts(SignInLimits.Limited limited) {
        return Response.status(429).type(MediaType.APPLICATION_JSON)
                .header("Retry-After", Long.toString(limited.retryAfter().toSeconds()))
                .entity(oauthBody("invalid_grant", limited.getMessage())).build();
    }

    /**
     * In a fixed order: {@code Map.of}'s order changes from one JVM to the next, and two function
     * instances answering a wrong password and an unknown user differently would tell them apart.
     */
    private static Map<String, String> oauthBody(String error, String description) {
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return body;
    }

    /** The source address API Gateway saw (Quarkus's Lambda handler makes it the remote address). */
    public static String address(io.vertx.core.http.HttpServerRequest request) {
        return request == null || request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    private static Response oauthError(String error, String description) {
        // RFC 6749 section 5.2 error shape, which OAuth client libraries parse.
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(oauthBody(error, description)).build();
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
