package org.nuage.api.video;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nuage.api.account.Caller;
import org.nuage.core.Refusal;
import org.nuage.core.comment.Comment;
import org.nuage.core.comment.CommentService;
import org.nuage.core.comment.Comments;
import org.nuage.core.video.ShortUuid;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;

/**
 * PeerTube's comment API: a video's threads newest first, one thread with its replies as a tree,
 * and a new thread. Replies are posted through {@link CommentRepliesResource}. Comments from other
 * servers (Mastodon replies included) are in the same threads.
 */
@Path("/api/v1/videos/{id}/comment-threads")
@Produces(MediaType.APPLICATION_JSON)
public class CommentThreadsResource {

    /** The text of a new comment, as PeerTube's clients send it. */
    public record CommentBody(String text) {
    }

    private final Comments comments;
    private final CommentService service;
    private final VideoCatalog videos;
    private final Caller caller;

    public CommentThreadsResource(Comments comments, CommentService service, VideoCatalog videos, Caller caller) {
        this.comments = comments;
        this.service = service;
        this.videos = videos;
        this.caller = caller;
    }

    @GET
    public Map<String, Object> threads(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
            @QueryParam("start") @DefaultValue("0") int start, @QueryParam("count") @DefaultValue("15") int count) {
        Video video = visible(authorization, id);
        List<Comment> all = comments.of(video.uuid());
        List<Comment> threads = all.stream().filter(Comment::startsThread)
                .sorted(Comparator.comparing(Comment::published).reversed()).toList();
        List<Map<String, Object>> data = threads.stream().skip(Math.max(0, start)).limit(Math.min(Math.max(0, count), 100))
                .map(c -> json(c, all.stream().filter(r -> r.threadId().equals(c.id()) && !r.startsThread()).count()))
                .toList();
        return Map.of("total", threads.size(), "totalNotDeletedComments", all.stream().filter(c -> !c.deleted()).count(), "data", data);
    }

    @GET
    @Path("{threadId}")
    public Map<String, Object> thread(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
            @PathParam("threadId") String threadId) {
        Video video = visible(authorization, id);
        List<Comment> thread = comments.of(video.uuid()).stream().filter(c -> c.threadId().equals(threadId)).toList();
        Comment root = thread.stream().filter(Comment::startsThread).findFirst()
                .orElseThrow(() -> Refusal.notFound("no comment thread " + threadId + " under video " + id));
        return tree(root, thread);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> create(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
            CommentBody body) {
        String author = caller.require(authorization);
        if (body == null || body.text() == null) {
            throw Refusal.badRequest("a JSON body with the comment's text is required");
        }
        return Map.of("comment", json(service.write(author, uuidOf(id), Optional.empty(), body.text()), 0));
    }

    /** The video, if the caller may see it: published, and not private unless it is theirs. */
    private Video visible(String authorization, String id) {
        Optional<String> viewer = caller.optional(authorization);
        return videos.find(uuidOf(id)).filter(v -> v.state() == Video.State.PUBLISHED)
                .filter(v -> v.metadata().privacy() != Video.Privacy.PRIVATE || viewer.filter(v.owner()::equals).isPresent())
                .orElseThrow(() -> Refusal.notFound("no video " + id));
    }

    static String uuidOf(String id) {
        return ShortUuid.resolve(id).orElseThrow(() -> Refusal.notFound("no video " + id));
    }

    private static Map<String, Object> tree(Comment comment, List<Comment> thread) {
        List<Map<String, Object>> children = new ArrayList<>();
        for (Comment reply : thread) {
            if (reply.inReplyToCommentId().filter(comment.id()::equals).isPresent()) {
                children.add(tree(reply, thread));
            }
        }
        return Map.of("comment", json(comment, children.size()), "children", children);
    }

    /** A comment in PeerTube's shape; the author as {@code name@host}, its text plain. */
    static Map<String, Object> json(Comment comment, long totalReplies) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", comment.id());
        json.put("url", comment.url());
        json.put("text", comment.text());
        json.put("threadId", comment.threadId());
        json.put("inReplyToCommentId", comment.inReplyToCommentId().orElse(null));
        json.put("videoId", comment.videoUuid());
        json.put("createdAt", comment.published().toString());
        json.put("totalReplies", totalReplies);
        // A deleted comment keeps its place for its replies, but neither its text nor its author, as PeerTube shows it.
        json.put("isDeleted", comment.deleted());
        json.put("deletedAt", comment.deletedAt().map(Object::toString).orElse(null));
        int at = comment.authorHandle().indexOf('@');
        json.put("account", comment.deleted() ? null : Map.of("name", at < 0 ? comment.authorHandle()
                : comment.authorHandle().substring(0, at), "host", at < 0 ? "" : comment.authorHandle().substring(at + 1),
                "url", comment.author()));
        json.put("isLocal", comment.local());
        return json;
    }
}
