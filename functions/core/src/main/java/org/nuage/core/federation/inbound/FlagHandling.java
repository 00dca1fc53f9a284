package org.nuage.core.federation.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.nuage.core.abuse.Abuse;
import org.nuage.core.abuse.Abuses;
import org.nuage.core.account.AccountStore;
import org.nuage.core.comment.CommentService;
import org.nuage.core.comment.Comments;
import org.nuage.core.federation.InboxEnvelope;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.core.federation.remote.RemoteActors;

/**
 * A {@code Flag} (Mastodon's and PeerTube's abuse report): one report per object it names that is
 * ours (a video, a comment under one of our videos, one of our accounts); other objects are skipped,
 * as PeerTube skips them.
 */
public final class FlagHandling {

    private static final Logger LOG = Logger.getLogger(FlagHandling.class.getName());

    /** PeerTube's limit on an abuse reason. */
    static final int MAX_REASON = 3000;

    private final OurVideos videos;
    private final Comments comments;
    private final AccountStore accounts;
    private final Abuses abuses;
    private final RemoteActors remote;
    private final String base;
    private final Clock clock;

    public FlagHandling(OurVideos videos, Comments comments, AccountStore accounts, Abuses abuses, RemoteActors remote,
            URI base, Clock clock) {
        this.videos = videos;
        this.comments = comments;
        this.accounts = accounts;
        this.abuses = abuses;
        this.remote = remote;
        this.base = base.toString().replaceAll("/+$", "");
        this.clock = clock;
    }

    public void flagged(InboxEnvelope envelope, JsonNode flag) {
        // Mastodon names the account and the posts it reports; PeerTube one video, comment or account.
        List<JsonNode> objects = new ArrayList<>();
        if (flag.path("object").isArray()) {
            flag.path("object").forEach(objects::add);
        } else {
            objects.add(flag.path("object"));
        }
        List<Abuse.Target> targets = new ArrayList<>();
        for (JsonNode object : objects) {
            String url = InboundRoutes.id(object);
            target(url).ifPresentOrElse(targets::add,
                    () -> LOG.info(() -> "Flag " + envelope.activityId() + " names " + url + ", not ours; skipped"));
        }
        if (targets.isEmpty()) {
            return;
        }
        RemoteActor reporter = remote.get(envelope.actor());
        String reason = CommentService.plainText(flag.path("content").asText(""));
        String text = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        for (Abuse.Target target : targets) {
            String id = UUID.nameUUIDFromBytes((envelope.activityId() + "\n" + target.kind() + "\n" + target.ref())
                    .getBytes(StandardCharsets.UTF_8)).toString();
            boolean stored = abuses.saveIfNew(new Abuse(id, envelope.activityId(), reporter.id(),
                    reporter.preferredUsername() + "@" + reporter.host(), target, text, clock.instant()));
            LOG.info(() -> "abuse report " + id + " by " + reporter.id() + " on " + target.kind() + " " + target.ref()
                    + (stored ? "" : " (already stored)"));
        }
    }

    /** What a flagged URL names here: one of our videos, a comment under one, or one of our accounts. */
    private Optional<Abuse.Target> target(String url) {
        if (url == null) {
            return Optional.empty();
        }
        Optional<Abuse.Target> video = videos.byUrl(url).map(v -> new Abuse.Target(Abuse.Kind.VIDEO, v.uuid(), v.uuid()));
        if (video.isPresent()) {
            return video;
        }
        String accountPrefix = base + "/accounts/";
        if (url.startsWith(accountPrefix) && !url.substring(accountPrefix.length()).contains("/")) {
            return accounts.findAccount(url.substring(accountPrefix.length()))
                    .map(a -> new Abuse.Target(Abuse.Kind.ACCOUNT, a.username(), null));
        }
        return comments.byUrl(url).filter(c -> !c.deleted())
                .map(c -> new Abuse.Target(Abuse.Kind.COMMENT, c.url(), c.videoUuid()));
    }
}
