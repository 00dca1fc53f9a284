package org.nuage.api.video;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.nuage.api.account.Caller;
import org.nuage.core.Refusal;
import org.nuage.core.video.RatingService;

/**
 * PeerTube's rating of a video by a signed-in user ({@code PUT /api/v1/videos/{id}/rate} with
 * {@code like}, {@code dislike} or {@code none}), for our videos and those of the remote index (the
 * reading is {@code GET /api/v1/users/me/videos/{id}/rating}, in {@code UsersResource}); see
 * {@link RatingService} for what is sent to whom.
 */
@Path("/api/v1/videos/{id}/rate")
@Produces(MediaType.APPLICATION_JSON)
public class RateResource {

    /** PeerTube's body. */
    public record RateBody(String rating) {
    }

    private final RatingService ratings;
    private final Caller caller;
    private final org.nuage.api.PeerTubeIds ids;

    public RateResource(RatingService ratings, Caller caller, org.nuage.api.PeerTubeIds ids) {
        this.ids = ids;
        this.ratings = ratings;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rate(@HeaderParam("Authorization") String authorization, @PathParam("id") String id, RateBody body) {
        String user = caller.require(authorization);
        if (body == null || body.rating() == null) {
            throw Refusal.badRequest("a JSON body with rating (like, dislike or none) is required");
        }
        ratings.rate(user, ids.videoUuid(id), body.rating());
        return Response.noContent().build();
    }
}
