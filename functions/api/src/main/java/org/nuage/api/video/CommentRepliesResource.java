package org.nuage.api.video;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Optional;
import org.nuage.api.account.Caller;
import org.nuage.core.Refusal;
import org.nuage.core.comment.CommentService;

/** PeerTube's {@code POST /api/v1/videos/{id}/comments/{commentId}}: a reply, sent to the author it answers. */
@Path("/api/v1/videos/{id}/comments")
@Produces(MediaType.APPLICATION_JSON)
public class CommentRepliesResource {

    private final CommentService service;
    private final Caller caller;
    private final CommentViews views;

    public CommentRepliesResource(CommentService service, Caller caller, CommentViews views) {
        this.views = views;
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Path("{commentId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> reply(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
            @PathParam("commentId") String commentId, CommentThreadsResource.CommentBody body) {
        String author = caller.require(authorization);
        if (body == null || body.text() == null) {
            throw Refusal.badRequest("a JSON body with the reply's text is required");
        }
        String uuid = views.videoUuid(id);
        return Map.of("comment", views.written(service.write(author, uuid,
                Optional.of(views.shortId(commentId, views.commentsOf(uuid))), body.text())));
    }
}
