package org.nuage.api.abuse;

import org.nuage.api.account.Representations;
import org.nuage.core.id.IdKind;
import org.nuage.core.id.NumericIds;
import org.nuage.core.video.ShortUuid;
import org.nuage.core.video.VideoConstants;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nuage.api.account.Caller;
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

    private final NumericIds ids;
    private final Representations representations;

    public AbusesResource(Caller caller, AccountStore accounts, Abuses abuses, VideoCatalog videos, Comments comments,
            NumericIds ids, Representations representations) {
        this.ids = ids;
        this.representations = representations;
        this.caller = caller;
        this.accounts = accounts;
        this.abuses = abuses;
        this.videos = videos;
        this.comments = comments;
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
                .map(a -> json(a, all)).toList();
        return Map.of("total", all.size(), "data", data);
    }

    /**
     * An abuse in PeerTube's {@code AdminAbuse} shape: who, what, why, when, and its state; a
     * reported video counts the reports on it ({@code all} is newest first).
     */
    private Map<String, Object> json(Abuse abuse, List<Abuse> all) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", ids.idOf(IdKind.ABUSE, abuse.id()));
        json.put("reason", abuse.reason());
        json.put("predefinedReasons", List.of());
        json.put("reporterAccount", representations.actorAccount(abuse.reporter(), abuse.reporterHandle(),
                abuse.createdAt()));
        // PeerTube's AbuseState: 1 pending; nothing here moves a report on yet.
        json.put("state", VideoConstants.constant(VideoConstants.ABUSE_STATES, Optional.of(1)));
        json.put("moderationComment", null);
        Optional<Video> video = Optional.ofNullable(abuse.target().videoUuid()).flatMap(videos::find);
        // PeerTube sends null for what a report does not name.
        json.put("video", null);
        json.put("comment", null);
        json.put("flaggedAccount", null);
        if (abuse.target().kind() == Abuse.Kind.VIDEO) {
            List<Abuse> same = all.stream().filter(a -> a.target().kind() == Abuse.Kind.VIDEO
                    && a.target().ref().equals(abuse.target().ref())).toList();
            json.put("video", videoJson(abuse.target().ref(), video, same.size(), same.size() - same.indexOf(abuse)));
        }
        if (abuse.target().kind() == Abuse.Kind.COMMENT) {
            json.put("comment", commentJson(abuse.target(), video));
        }
        if (abuse.target().kind() == Abuse.Kind.ACCOUNT) {
            accounts.findAccount(abuse.target().ref())
                    .ifPresent(account -> json.put("flaggedAccount", representations.account(account)));
        } else {
            // As PeerTube: a reported video's or comment's owner is the flagged account.
            video.flatMap(v -> accounts.findAccount(v.owner()))
                    .ifPresent(account -> json.put("flaggedAccount", representations.account(account)));
        }
        json.put("countMessages", 0);
        json.put("createdAt", abuse.createdAt().toString());
        json.put("updatedAt", abuse.createdAt().toString());
        return json;
    }

    private Map<String, Object> videoJson(String uuid, Optional<Video> video, int count, int nth) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", ids.idOf(IdKind.VIDEO, uuid));
        json.put("name", video.map(v -> v.metadata().name()).orElse(null));
        json.put("uuid", uuid);
        json.put("shortUUID", ShortUuid.of(uuid));
        json.put("nsfw", video.map(v -> v.metadata().nsfw()).orElse(false));
        json.put("deleted", video.isEmpty());
        json.put("blacklisted", false);
        json.put("startAt", null);
        json.put("endAt", null);
        json.put("thumbnails", List.of());
        video.flatMap(v -> accounts.findChannel(v.channel()).flatMap(c -> accounts.findAccount(c.owner())
                .map(owner -> representations.channel(c, owner)))).ifPresent(c -> json.put("channel", c));
        json.put("countReports", count);
        json.put("nthReport", nth);
        return json;
    }

    private Map<String, Object> commentJson(Abuse.Target target, Optional<Video> video) {
        Optional<Comment> comment = comments.byUrl(target.ref());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", ids.idOf(IdKind.COMMENT, target.ref()));
        json.put("url", target.ref());
        // The thread's first comment is numbered by its URL, which the thread's comments name by our short id.
        json.put("threadId", comment.map(c -> c.startsThread() ? json.get("id") : comments.of(c.videoUuid()).stream()
                .filter(t -> t.id().equals(c.threadId())).findFirst().map(t -> (Object) ids.idOf(IdKind.COMMENT, t.url()))
                .orElse(null)).orElse(null));
        json.put("text", comment.map(Comment::text).orElse(""));
        json.put("deleted", comment.map(Comment::deleted).orElse(true));
        json.put("video", Map.of("id", ids.idOf(IdKind.VIDEO, target.videoUuid()), "uuid", target.videoUuid(),
                "name", video.map(v -> v.metadata().name()).orElse("")));
        return json;
    }
}
