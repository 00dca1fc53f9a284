package org.nuage.core.comment;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.nuage.core.Refusal;
import org.nuage.core.account.Names;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.index.RemoteVideo;
import org.nuage.core.federation.index.RemoteVideos;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;

/**
 * Comments under our videos: received as {@code Create{Note}} from other servers (Mastodon
 * replies included) and written here through the API, in which case the {@code Note} is sent to
 * the author of the comment it answers, so a reply reaches the Mastodon user it answers.
 */
public final class CommentService {

    private static final Logger LOG = Logger.getLogger(CommentService.class.getName());

    /** PeerTube's limit on a comment's length. */
    public static final int MAX_TEXT = 10_000;

    static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

    private final Comments comments;
    private final VideoCatalog videos;
    private final RemoteActors remote;
    private final RemoteVideos remoteVideos;
    private final OutboundService outbound;
    private final String base;
    private final Clock clock;

    public CommentService(Comments comments, VideoCatalog videos, RemoteActors remote, RemoteVideos remoteVideos,
            OutboundService outbound, URI base, Clock clock) {
        this.comments = comments;
        this.videos = videos;
        this.remote = remote;
        this.remoteVideos = remoteVideos;
        this.outbound = outbound;
        this.base = base.toString().replaceAll("/+$", "");
        this.clock = clock;
    }

    /**
     * A {@code Note} from {@code actor}: stored when it answers one of our public videos (or a comment
     * under one) that takes comments; anything else is not ours to keep and is ignored. Returns the
     * comment when this call stored it.
     */
    public Optional<Comment> received(String actor, JsonNode note) {
        String url = note.path("id").asText("");
        String inReplyTo = note.path("inReplyTo").asText("");
        String attributedTo = note.path("attributedTo").isTextual() ? note.path("attributedTo").asText()
                : note.path("attributedTo").path("id").asText("");
        if (!attributedTo.equals(actor)) {
            LOG.warning(() -> "Note " + url + " by " + attributedTo + " sent by " + actor + "; ignored");
            return Optional.empty();
        }
        Optional<Target> target = target(inReplyTo);
        if (target.isEmpty()) {
            LOG.info(() -> "Note " + url + " answers " + inReplyTo + ", not a video of ours; ignored");
            return Optional.empty();
        }
        Video video = target.get().video();
        if (!video.metadata().commentsEnabled() || video.state() != Video.State.PUBLISHED
                || video.metadata().privacy() == Video.Privacy.PRIVATE) {
            LOG.info(() -> "Note " + url + " on video " + video.uuid() + ", which takes no comments; ignored");
            return Optional.empty();
        }
        RemoteActor author = remote.get(actor);
        String id = UUID.randomUUID().toString();
        Comment comment = new Comment(id, url, video.uuid(), inReplyTo, target.get().threadId().orElse(id),
                target.get().parent().map(Comment::id), actor, author.preferredUsername() + "@" + author.host(),
                plainText(note.path("content").asText("")), published(note), false, Optional.empty());
        if (!comments.saveIfNew(comment)) {
            return Optional.empty();
        }
        LOG.info(() -> "comment " + url + " by " + actor + " on video " + video.uuid());
        return Optional.of(comment);
    }

    /**
     * A comment written here by {@code username} on {@code videoUuid}, answering the comment with
     * our id {@code replyTo} or starting a thread; sent to the author of what it answers when that
     * author is on another server.
     */
    public Comment write(String username, String videoUuid, Optional<String> replyTo, String text) {
        Optional<Video> local = videos.find(videoUuid).filter(v -> v.state() == Video.State.PUBLISHED)
                .filter(v -> v.metadata().privacy() != Video.Privacy.PRIVATE || v.owner().equals(username));
        // Ours first: a remote server claiming one of our uuids must not capture our comments.
        Optional<RemoteVideo> remoteVideo = local.isPresent() ? Optional.empty() : remoteVideos.findByUuid(videoUuid);
        if (local.isEmpty() && remoteVideo.isEmpty()) {
            throw Refusal.notFound("no video " + videoUuid);
        }
        Video.VideoMetadata metadata = local.map(Video::metadata).orElseGet(() -> remoteVideo.get().metadata());
        if (!metadata.commentsEnabled()) {
            throw Refusal.forbidden("comments are turned off on this video");
        }
        String body = Names.text(text, MAX_TEXT, "comment", true);
        if (body.isBlank()) {
            throw Refusal.badRequest("a comment needs some text");
        }
        Optional<Comment> parent = replyTo.map(id -> comments.of(videoUuid).stream().filter(c -> c.id().equals(id))
                .findFirst().orElseThrow(() -> Refusal.notFound("no comment " + id + " under video " + videoUuid)));
        String id = UUID.randomUUID().toString();
        String videoUrl = base + "/videos/watch/" + videoUuid;
        // A comment on a remote video answers the Video object on its origin server.
        String answered = remoteVideo.map(RemoteVideo::id).orElse(videoUrl);
        String author = base + "/accounts/" + username;
        Comment comment = new Comment(id, videoUrl + "/comments/" + id, videoUuid,
                parent.map(Comment::url).orElse(answered), parent.map(Comment::threadId).orElse(id),
                parent.map(Comment::id), author, username + "@" + URI.create(base).getAuthority(), body, clock.instant(),
                true, Optional.empty());
        comments.saveIfNew(comment);
        if (metadata.privacy() == Video.Privacy.PUBLIC) {
            federate(comment, parent, remoteVideo);
        }
        return comment;
    }

    /** The Note of a local comment, as other servers fetch it. */
    public Map<String, Object> note(Comment comment) {
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("@context", "https://www.w3.org/ns/activitystreams");
        note.put("id", comment.url());
        note.put("type", "Note");
        note.put("attributedTo", comment.author());
        note.put("inReplyTo", comment.inReplyTo());
        note.put("content", "<p>" + html(comment.text()).replace("\n", "<br>") + "</p>");
        note.put("mediaType", "text/html");
        note.put("published", comment.published().toString());
        note.put("url", comment.url());
        note.put("to", List.of(PUBLIC));
        note.put("cc", List.of(comment.author() + "/followers"));
        return note;
    }

    private void federate(Comment comment, Optional<Comment> parent, Optional<RemoteVideo> remoteVideo) {
        List<String> inboxes = new ArrayList<>();
        Map<String, Object> note = note(comment);
        // On a remote video, the video's account hears of it, as PeerTube sends it to the origin,
        // which shows it under the video and forwards it to the video's followers.
        remoteVideo.ifPresent(v -> inboxes.add(remote.get(v.accountId()).inbox()));
        if (parent.isPresent() && !parent.get().local()) {
            RemoteActor answered = remote.get(parent.get().author());
            inboxes.add(answered.inbox());
            // A mention, so Mastodon notifies the person answered and shows the reply in their thread.
            note.put("tag", List.of(Map.of("type", "Mention", "href", answered.id(), "name", "@" + parent.get().authorHandle())));
            note.put("cc", List.of(comment.author() + "/followers", answered.id()));
        }
        if (inboxes.isEmpty()) {
            return;
        }
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("@context", "https://www.w3.org/ns/activitystreams");
        create.put("id", comment.url() + "/activity");
        create.put("type", "Create");
        create.put("actor", comment.author());
        create.put("object", note);
        create.put("to", note.get("to"));
        create.put("cc", note.get("cc"));
        outbound.send(comment.author(), create, new LinkedHashSet<>(inboxes));
    }

    /** What a reply answers: one of our videos, or a stored comment under one. */
    private record Target(Video video, Optional<Comment> parent, Optional<String> threadId) {
    }

    private Optional<Target> target(String inReplyTo) {
        String prefix = base + "/videos/watch/";
        if (inReplyTo.startsWith(prefix) && !inReplyTo.substring(prefix.length()).contains("/")) {
            return videos.find(inReplyTo.substring(prefix.length())).map(v -> new Target(v, Optional.empty(), Optional.empty()));
        }
        return comments.byUrl(inReplyTo).flatMap(parent -> videos.find(parent.videoUuid())
                .map(v -> new Target(v, Optional.of(parent), Optional.of(parent.threadId()))));
    }

    private Instant published(JsonNode note) {
        try {
            return Instant.parse(note.path("published").asText());
        } catch (RuntimeException e) {
            return clock.instant();
        }
    }

    /**
     * A remote comment's HTML as text: tags dropped, line breaks kept, entities decoded. Kept as
     * text, it can never inject markup into our pages or API clients.
     */
    public static String plainText(String html) {
        String text = html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</p>\\s*<p[^>]*>", "\n\n")
                .replaceAll("<[^>]*>", "");
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&apos;", "'").replace("&nbsp;", " ").replace("&amp;", "&");
        text = text.strip();
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
