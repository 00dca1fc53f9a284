package org.nuage.api.video;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.nuage.core.Refusal;
import org.nuage.core.federation.ViewsFederation;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;
import org.nuage.core.video.VideoReactions;

/**
 * PeerTube's view counting ({@code POST /api/v1/videos/{id}/views}): the player reports a view once
 * it has played a while. Like PeerTube, one address counts once per video per hour; the view's id is
 * a hash of the address, the video and the hour, so the same counters as remote {@code View}s move
 * and a repeated report changes nothing. A counted view reaches the video's followers with the next
 * views update ({@link ViewsFederation}).
 */
@Path("/api/v1/videos/{id}/views")
public class ViewsResource {

    private final VideoReactions reactions;
    private final VideoCatalog videos;
    private final ViewsFederation federation;
    private final Clock clock;
    private final org.nuage.api.PeerTubeIds ids;

    public ViewsResource(VideoReactions reactions, VideoCatalog videos, ViewsFederation federation, Clock clock,
            org.nuage.api.PeerTubeIds ids) {
        this.ids = ids;
        this.reactions = reactions;
        this.federation = federation;
        this.videos = videos;
        this.clock = clock;
    }

    @POST
    public Response view(@PathParam("id") String id, @Context HttpServerRequest request) {
        String uuid = ids.videoUuid(id);
        Video video = videos.find(uuid).filter(v -> v.state() == Video.State.PUBLISHED)
                .orElseThrow(() -> Refusal.notFound("no video " + id));
        // Quarkus's Lambda handler makes the source IP API Gateway saw the request's remote address.
        // X-Forwarded-For is not used: API Gateway appends to whatever the client sent, so its first
        // entry is the client's to choose, and one client could count as many viewers.
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        long hour = clock.instant().getEpochSecond() / 3600;
        if (reactions.view(video.uuid(), "local-view:" + sha256(address + "|" + video.uuid() + "|" + hour))) {
            federation.viewed(video);
        }
        return Response.noContent().build();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
