package org.nuage.api.abuse;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nuage.api.account.Caller;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.core.Refusal;
import org.nuage.core.abuse.Abuse;
import org.nuage.core.abuse.Abuses;
import org.nuage.core.account.Account;
import org.nuage.core.account.AccountStore;
import org.nuage.core.comment.Comment;
import org.nuage.core.comment.Comments;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;

/** PeerTube's {@code GET /api/v1/abuses}: the abuse reports, for administrators only. */
@Path("/api/v1/abuses")
@Produces(MediaType.APPLICATION_JSON)
public class AbusesResource {

    private final Caller caller;
    private final AccountStore accounts;
    private final Abuses abuses;
    private final VideoCatalog videos;
    private final Comments comments;
    private final InstanceConfig instance;

    public AbusesResource(Caller caller, AccountStore accounts, Abuses abuses, VideoCatalog videos, Comments comments,
            InstanceConfig instance) {
        this.caller = caller;
        this.accounts = accounts;
        this.abuses = abuses;
        this.videos = videos;
        this.comments = comments;
        this.instance = instance;
    }

    @GET
    public Map<String, Object> list(@HeaderParam("Authorization") String authorization,
            @QueryParam("start") @DefaultValue("0") int start, @QueryParam("count") @DefaultValue("15") int count) {
        String username = caller.require(authorization);
        if (accounts.findAccount(username).map(Account::role).filter(Account.Role.ADMINISTRATOR::equals).isEmpty()) {
            throw Refusal.forbidden("only an administrator reads abuse reports");
        }
        List<Abuse> all = abuses.all();
        List<Map<String, Object>> data = all.stream().skip(Math.max(0, start)).limit(Math.min(Math.max(0, count), 100))
                .map(this::json).toList();
        return Map.of("total", all.size(), "data", data);
    }

    /** An abuse in PeerTube's admin shape, its basic fields: who, what, why, when, and its state. */
    private Map<String, Object> json(Abuse abuse) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", abuse.id());
        json.put("reason", abuse.reason());
        json.put("predefinedReasons", List.of());
        int at = abuse.reporterHandle().indexOf('@');
        json.put("reporterAccount", Map.of("name", at < 0 ? abuse.reporterHandle() : abuse.reporterHandle().substring(0, at),
                "host", at < 0 ? "" : abuse.reporterHandle().substring(at + 1), "url", abuse.reporter()));
        // PeerTube's AbuseState: 1 pending; nothing here moves a report on yet.
        json.put("state", Map.of("id", 1, "label", "Pending"));
        json.put("moderationComment", null);
        Optional<Video> video = Optional.ofNullable(abuse.target().videoUuid()).flatMap(videos::find);
        json.put("video", abuse.target().kind() == Abuse.Kind.VIDEO ? videoJson(abuse.target().ref(), video) : null);
        json.put("comment", abuse.target().kind() == Abuse.Kind.COMMENT ? commentJson(abuse.target(), video) : null);
        json.put("flaggedAccount", abuse.target().kind() == Abuse.Kind.ACCOUNT ? Map.of("name", abuse.target().ref(),
                "host", URI.create(instance.publicUrl().toString()).getAuthority(),
                "url", instance.publicUrl().toString().replaceAll("/+$", "") + "/accounts/" + abuse.target().ref()) : null);
        json.put("createdAt", abuse.createdAt().toString());
        json.put("updatedAt", abuse.createdAt().toString());
        return json;
    }

    private static Map<String, Object> videoJson(String uuid, Optional<Video> video) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uuid", uuid);
        json.put("name", video.map(v -> v.metadata().name()).orElse(null));
        json.put("nsfw", video.map(v -> v.metadata().nsfw()).orElse(false));
        json.put("deleted", video.isEmpty());
        json.put("channel", video.map(v -> Map.<String, Object>of("name", v.channel())).orElse(null));
        return json;
    }

    private Map<String, Object> commentJson(Abuse.Target target, Optional<Video> video) {
        Optional<Comment> comment = comments.byUrl(target.ref());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", comment.map(Comment::id).orElse(null));
        json.put("url", target.ref());
        json.put("threadId", comment.map(Comment::threadId).orElse(null));
        json.put("text", comment.map(Comment::text).orElse(""));
        json.put("deleted", comment.map(Comment::deleted).orElse(true));
        json.put("video", Map.of("uuid", target.videoUuid(), "name", video.map(v -> v.metadata().name()).orElse("")));
        return json;
    }
}
