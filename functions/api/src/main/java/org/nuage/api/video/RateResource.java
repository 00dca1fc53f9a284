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
import org.nuage.core.federation.actor.ActorDirectory;
import org.nuage.core.video.ShortUuid;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;
import org.nuage.core.video.VideoReactions;

/**
 * PeerTube's rating of a video by a signed-in user ({@code PUT /api/v1/videos/{id}/rate} with
 * {@code like}, {@code dislike} or {@code none}), kept with the rates of remote actors: one per
 * actor, the user's actor being their account's URL, so the same counters move.
 */
@Path("/api/v1/videos/{id}/rate")
@Produces(MediaType.APPLICATION_JSON)
public class RateResource {

    /** PeerTube's body. */
    public record RateBody(String rating) {
    }

    private final VideoReactions reactions;
    private final VideoCatalog videos;
    private final ActorDirectory actors;
    private final Caller caller;

    public RateResource(VideoReactions reactions, VideoCatalog videos, ActorDirectory actors, Caller caller) {
        this.reactions = reactions;
        this.videos = videos;
        this.actors = actors;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rate(@HeaderParam("Authorization") String authorization, @PathParam("id") String id, RateBody body) {
        String user = caller.require(authorization);
        Video video = rateable(id, user);
        if (body == null || body.rating() == null) {
            throw Refusal.badRequest("a JSON body with rating (like, dislike or none) is required");
        }
        String actor = actors.accountUrl(user);
        switch (body.rating()) {
            case "like" -> reactions.rate(video.uuid(), actor, VideoReactions.Rate.LIKE);
            case "dislike" -> reactions.rate(video.uuid(), actor, VideoReactions.Rate.DISLIKE);
            case "none" -> {
                reactions.unrate(video.uuid(), actor, VideoReactions.Rate.LIKE);
                reactions.unrate(video.uuid(), actor, VideoReactions.Rate.DISLIKE);
            }
            default -> throw Refusal.badRequest("rating must be like, dislike or none, not '" + body.rating() + "'");
        }
        return Response.noContent().build();
    }

    private Video rateable(String id, String user) {
        String uuid = ShortUuid.resolve(id).orElseThrow(() -> Refusal.notFound("no video " + id));
        return videos.find(uuid).filter(v -> v.state() == Video.State.PUBLISHED)
                .filter(v -> v.metadata().privacy() != Video.Privacy.PRIVATE || v.owner().equals(user))
                .orElseThrow(() -> Refusal.notFound("no video " + id));
    }
}
