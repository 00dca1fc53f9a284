package org.nuage.api.video;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nuage.api.PeerTubeIds;
import org.nuage.api.account.Caller;
import org.nuage.core.Refusal;
import org.nuage.core.federation.index.RemoteVideos;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;

/**
 * PeerTube's {@code GET /api/v1/videos/{id}/description}: a video's whole description, which lists
 * give only truncated. The same videos are visible as through {@code GET /api/v1/videos/{id}}.
 */
@Path("/api/v1/videos/{id}/description")
@Produces(MediaType.APPLICATION_JSON)
public class VideoDescriptionResource {

    private final VideoCatalog videos;
    private final RemoteVideos remoteVideos;
    private final Caller caller;
    private final PeerTubeIds ids;

    public VideoDescriptionResource(VideoCatalog videos, RemoteVideos remoteVideos, Caller caller, PeerTubeIds ids) {
        this.ids = ids;
        this.videos = videos;
        this.remoteVideos = remoteVideos;
        this.caller = caller;
    }

    @GET
    public Map<String, Object> description(@HeaderParam("Authorization") String authorization,
            @PathParam("id") String id) {
        // PeerTube's number, uuid or short uuid, as for the video itself.
        String uuid = ids.videoUuid(id);
        Optional<Video> ours = videos.find(uuid);
        String description;
        if (ours.isPresent()) {
            Video video = ours.get();
            if (video.metadata().privacy() == Video.Privacy.PRIVATE
                    && caller.optional(authorization).filter(video.owner()::equals).isEmpty()) {
                // Not 403: a private video's existence is itself private.
                throw Refusal.notFound("no video " + uuid);
            }
            description = video.metadata().description();
        } else {
            description = remoteVideos.findByUuid(uuid).map(v -> v.metadata().description())
                    .orElseThrow(() -> Refusal.notFound("no video " + uuid));
        }
        // PeerTube answers null for a video without one, as its column is.
        Map<String, Object> json = new HashMap<>();
        json.put("description", description == null || description.isEmpty() ? null : description);
        return json;
    }
}
