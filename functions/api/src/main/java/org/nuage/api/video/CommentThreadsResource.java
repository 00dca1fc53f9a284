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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nuage.api.account.Caller;
import org.nuage.core.Refusal;
import org.nuage.core.comment.Comment;
import org.nuage.core.comment.CommentService;
import org.nuage.core.comment.Comments;
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
    private final CommentViews views;

    public CommentThreadsResource(Comments comments, CommentService service, VideoCatalog videos, Caller caller,
            CommentViews views) {
        this.views = views;
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
        List<Comment> page = threads.stream().skip(Math.max(0, start)).limit(Math.min(Math.max(0, count), 100)).toList();
        CommentViews.Context context = views.context(video, all);
        List<Map<String, Object>> data = page.stream()
                .map(c -> context.json(c, all.stream().filter(r -> r.threadId().equals(c.id()) && !r.startsThread()).toList()))
                .toList();
        return Map.of("total", threads.size(), "totalNotDeletedComments", all.stream().filter(c -> !c.deleted()).count(), "data", data);
    }

    @GET
    @Path("{threadId}")
    public Map<String, Object> thread(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
            @PathParam("threadId") String threadId) {
        Video video = visible(authorization, id);
        List<Comment> all = comments.of(video.uuid());
        String ours = views.shortId(threadId, all);
        List<Comment> thread = all.stream().filter(c -> c.threadId().equals(ours)).toList();
        Comment root = thread.stream().filter(Comment::startsThread).findFirst()
                .orElseThrow(() -> Refusal.notFound("no comment thread " + threadId + " under video " + id));
        return tree(root, thread, views.context(video, all));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> create(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
            CommentBody body) {
        String author = caller.require(authorization);
        if (body == null || body.text() == null) {
            throw Refusal.badRequest("a JSON body with the comment's text is required");
        }
        return Map.of("comment", views.written(service.write(author, views.videoUuid(id), Optional.empty(), body.text())));
    }

    /** The video, if the caller may see it: published, and not private unless it is theirs. */
    private Video visible(String authorization, String id) {
        Optional<String> viewer = caller.optional(authorization);
        return videos.find(views.videoUuid(id)).filter(v -> v.state() == Video.State.PUBLISHED)
                .filter(v -> v.metadata().privacy() != Video.Privacy.PRIVATE || viewer.filter(v.owner()::equals).isPresent())
                .orElseThrow(() -> Refusal.notFound("no video " + id));
    }

    private static Map<String, Object> tree(Comment comment, List<Comment> thread, CommentViews.Context context) {
        List<Map<String, Object>> children = new ArrayList<>();
        for (Comment reply : thread) {
            if (reply.inReplyToCommentId().filter(comment.id()::equals).isPresent()) {
                children.add(tree(reply, thread, context));
            }
        }
        List<Comment> replies = thread.stream().filter(r -> !r.startsThread()).toList();
        return Map.of("comment", context.json(comment, comment.startsThread() ? replies : List.of()), "children", children);
    }
}
