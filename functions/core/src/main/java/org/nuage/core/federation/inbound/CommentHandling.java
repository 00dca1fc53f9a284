package org.nuage.core.federation.inbound;

import static org.nuage.core.federation.inbound.InboundRoutes.id;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.nuage.core.comment.Comment;
import org.nuage.core.comment.CommentService;
import org.nuage.core.comment.Comments;
import org.nuage.core.federation.InboxEnvelope;
import org.nuage.core.federation.InboxStore;
import org.nuage.core.federation.ReceivedActivity;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.follow.Follower;
import org.nuage.core.federation.follow.Followers;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;

/**
 * Remote comments on our videos: created (and forwarded to the video's followers, as PeerTube
 * does), edited and deleted, each only by the comment's author.
 */
public final class CommentHandling {

    private static final Logger LOG = Logger.getLogger(CommentHandling.class.getName());

    private final CommentService service;
    private final Comments comments;
    private final VideoCatalog videos;
    private final InboxStore received;
    private final Followers followers;
    private final RemoteActors remote;
    private final OutboundService outbound;
    private final String base;
    private final String instanceActor;
    private final Clock clock;

    /**
     * @param instanceActor our instance actor's URL, which signs the forwarded requests, as
     *     PeerTube's server actor signs the activities it forwards
     */
    public CommentHandling(CommentService service, Comments comments, VideoCatalog videos, InboxStore received,
            Followers followers, RemoteActors remote, OutboundService outbound, java.net.URI base, String instanceActor,
            Clock clock) {
        this.service = service;
        this.comments = comments;
        this.videos = videos;
        this.received = received;
        this.followers = followers;
        this.remote = remote;
        this.outbound = outbound;
        this.base = base.toString().replaceAll("/+$", "");
        this.instanceActor = instanceActor;
        this.clock = clock;
    }

    /**
     * A Create{Note}: stored as a comment when it answers one of our videos, then forwarded as
     * received to the followers of the video's account and channel, except the sender's server.
     * Like PeerTube, only the call that stored the comment forwards it, so a redelivered Create is
     * not sent twice.
     */
    public void created(InboxEnvelope envelope, JsonNode create) {
        Optional<Comment> stored = service.received(envelope.actor(), create.path("object"));
        if (stored.isEmpty()) {
            return;
        }
        Optional<Video> video = videos.find(stored.get().videoUuid());
        Optional<ReceivedActivity> raw = received.find(envelope.activityId());
        if (video.isEmpty() || raw.isEmpty()) {
            return;
        }
        Set<String> inboxes = new LinkedHashSet<>();
        for (String actor : new String[] {base + "/accounts/" + video.get().owner(),
                base + "/video-channels/" + video.get().channel()}) {
            followers.of(actor).stream().map(Follower::deliveryInbox).forEach(inboxes::add);
        }
        RemoteActor sender = remote.get(envelope.actor());
        inboxes.remove(sender.deliveryInbox());
        inboxes.remove(sender.inbox());
        if (inboxes.isEmpty()) {
            return;
        }
        // The bytes as they came, so the author's own signature inside them (RsaSignature2017) still holds.
        outbound.forward(instanceActor, new String(raw.get().body(), StandardCharsets.UTF_8), inboxes);
        LOG.info(() -> "forwarded " + envelope.activityId() + " to " + inboxes.size() + " follower inboxes of video "
                + video.get().uuid());
    }

    /** An Update{Note}: the stored comment's text is replaced, only when the Note's author sent it. */
    public void updated(InboxEnvelope envelope, JsonNode update) {
        JsonNode note = update.path("object");
        String url = id(note);
        String attributedTo = id(note.path("attributedTo"));
        Optional<Comment> comment = comments.byUrl(url);
        if (comment.isEmpty() || comment.get().deleted()) {
            LOG.info(() -> "Update of " + url + ", not a comment of ours; acknowledged");
            return;
        }
        if (!envelope.actor().equals(attributedTo) || !envelope.actor().equals(comment.get().author())) {
            LOG.warning(() -> envelope.actor() + " tried to edit comment " + url + " by " + comment.get().author()
                    + " (attributedTo " + attributedTo + "); refused");
            return;
        }
        comments.update(comment.get().withText(CommentService.plainText(note.path("content").asText(""))));
        LOG.info(() -> "comment " + url + " edited by its author");
    }

    /** Deletes the comment at {@code url} when {@code actor} wrote it; false when it is not a comment of ours. */
    public boolean deleted(String actor, String url) {
        Optional<Comment> comment = comments.byUrl(url);
        if (comment.isEmpty()) {
            return false;
        }
        if (!actor.equals(comment.get().author())) {
            LOG.warning(() -> actor + " tried to delete comment " + url + " by " + comment.get().author() + "; refused");
            return true;
        }
        delete(comment.get());
        return true;
    }

    /**
     * Deletes a comment as PeerTube shows it afterwards: one with replies stays in its thread,
     * without text or author, so the replies keep their place; one without replies leaves.
     */
    void delete(Comment comment) {
        Comment deleted = comment.deleted() ? comment : comment.deletedAt(clock.instant());
        comments.update(deleted);
        boolean answered = comments.of(comment.videoUuid()).stream()
                .anyMatch(c -> c.inReplyToCommentId().filter(comment.id()::equals).isPresent());
        if (!answered) {
            comments.removeFromThreads(deleted);
        }
        LOG.info(() -> "comment " + comment.url() + " deleted" + (answered ? "; kept in its thread for its replies" : ""));
    }

    /** Deletes every comment {@code actor} wrote here; for an actor that deleted itself. */
    void deleteAllBy(String actor) {
        comments.byAuthor(actor).forEach(this::delete);
    }
}
