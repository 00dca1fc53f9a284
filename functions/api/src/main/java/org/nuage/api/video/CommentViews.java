package org.nuage.api.video;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nuage.api.PeerTubeIds;
import org.nuage.api.account.Representations;
import org.nuage.core.comment.Comment;
import org.nuage.core.comment.Comments;
import org.nuage.core.federation.index.RemoteVideo;
import org.nuage.core.federation.index.RemoteVideos;
import org.nuage.core.id.IdKind;
import org.nuage.core.id.NumericIds;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;

/**
 * Comments in PeerTube's {@code VideoComment} shape: numbered by PeerTube's ids (the comment, its
 * thread, what it answers, its video), its author a whole {@code Account}. Routes take a comment's
 * number or Nuage's own short id.
 */
@ApplicationScoped
public class CommentViews {

    private final NumericIds ids;
    private final PeerTubeIds peerTubeIds;
    private final Representations representations;
    private final Comments comments;
    private final VideoCatalog videos;
    private final RemoteVideos remoteVideos;

    public CommentViews(NumericIds ids, PeerTubeIds peerTubeIds, Representations representations, Comments comments,
            VideoCatalog videos, RemoteVideos remoteVideos) {
        this.remoteVideos = remoteVideos;
        this.ids = ids;
        this.peerTubeIds = peerTubeIds;
        this.representations = representations;
        this.comments = comments;
        this.videos = videos;
    }

    public String videoUuid(String id) {
        return peerTubeIds.videoUuid(id);
    }

    public List<Comment> commentsOf(String uuid) {
        return comments.of(uuid);
    }

    /** Nuage's short id of the comment {@code id} names among {@code all}: its number, or the short id itself. */
    public String shortId(String id, List<Comment> all) {
        if (!NumericIds.isNumber(id)) {
            return id;
        }
        String url = ids.refOf(IdKind.COMMENT, id).orElse("");
        return all.stream().filter(c -> c.url().equals(url)).map(Comment::id).findFirst().orElse(id);
    }

    /**
     * A comment just written, as the API answers its creation; its video is ours or one of the remote
     * index (our users comment on those too).
     */
    public Map<String, Object> written(Comment comment) {
        String uuid = comment.videoUuid();
        Optional<String> owner = videos.find(uuid).map(v -> representations.accountUrl(v.owner()))
                .or(() -> remoteVideos.findByUuid(uuid).map(RemoteVideo::accountId));
        return context(uuid, owner, comments.of(uuid)).json(comment, List.of());
    }

    /** What numbering a video's comments needs: their numbers, read in one batch, and the video's. */
    public Context context(Video video, List<Comment> all) {
        return context(video.uuid(), Optional.of(representations.accountUrl(video.owner())), all);
    }

    private Context context(String uuid, Optional<String> ownerActor, List<Comment> all) {
        Map<String, Long> numbers = ids.idsOf(IdKind.COMMENT, all.stream().map(Comment::url).toList());
        Map<String, Long> byShortId = new LinkedHashMap<>();
        for (Comment c : all) {
            byShortId.put(c.id(), numbers.get(c.url()));
        }
        return new Context(ownerActor, peerTubeIds.videoId(uuid), byShortId);
    }

    /** The numbers of one video's comments. */
    public final class Context {
        private final Optional<String> ownerActor;
        private final long videoId;
        private final Map<String, Long> numbers;

        Context(Optional<String> ownerActor, long videoId, Map<String, Long> numbers) {
            this.ownerActor = ownerActor;
            this.videoId = videoId;
            this.numbers = numbers;
        }

        private long number(Comment comment) {
            Long n = numbers.get(comment.id());
            return n != null ? n : ids.idOf(IdKind.COMMENT, comment.url());
        }

        private Long number(String shortId) {
            return numbers.get(shortId);
        }

        /** The comment, with {@code replies} its thread's replies when it starts one (none otherwise). */
        public Map<String, Object> json(Comment comment, List<Comment> replies) {
            Map<String, Object> json = new LinkedHashMap<>();
            long id = number(comment);
            json.put("id", id);
            json.put("url", comment.url());
            json.put("text", comment.text());
            json.put("threadId", comment.startsThread() ? Long.valueOf(id) : number(comment.threadId()));
            json.put("inReplyToCommentId", comment.inReplyToCommentId().map(this::number).orElse(null));
            json.put("videoId", videoId);
            json.put("createdAt", comment.published().toString());
            // Nuage keeps an edit's text, not its date.
            json.put("updatedAt", comment.published().toString());
            json.put("totalReplies", replies.size());
            json.put("totalRepliesFromVideoAuthor", replies.stream()
                    .filter(r -> ownerActor.filter(r.author()::equals).isPresent()).count());
            // A deleted comment keeps its place for its replies, but neither its text nor its author, as PeerTube shows it.
            json.put("isDeleted", comment.deleted());
            json.put("deletedAt", comment.deletedAt().map(Object::toString).orElse(null));
            json.put("heldForReview", false);
            json.put("account", comment.deleted() ? null
                    : representations.actorAccount(comment.author(), comment.authorHandle(), comment.published()));
            json.put("isLocal", comment.local());
            return json;
        }
    }
}
