package org.nuage.api.video;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import java.net.URI;
import org.nuage.core.Refusal;
import org.nuage.core.federation.index.RemoteVideo;
import org.nuage.core.federation.index.RemoteVideos;
import org.nuage.core.media.ObjectStore;

/**
 * PeerTube's paths of a video's thumbnail and preview ({@code thumbnailPath}, {@code previewPath}),
 * which its clients put after the instance's URL: our JPEGs are in the public media bucket, under
 * keys made from the uuid, so this only points there. Another server's video has these paths here
 * too, as PeerTube gives them (it caches the origin's images under them); we point at the origin's.
 */
@Path("/lazy-static")
public class VideoImagesResource {

    private static final Pattern FILE = Pattern.compile("([0-9a-f-]{36})\\.jpg");

    private final ObjectStore media;
    private final RemoteVideos remoteVideos;

    public VideoImagesResource(ObjectStore media, RemoteVideos remoteVideos) {
        this.media = media;
        this.remoteVideos = remoteVideos;
    }

    @GET
    @Path("thumbnails/{file}")
    public Response thumbnail(@PathParam("file") String file) {
        return redirect(file, "thumbnail.jpg");
    }

    @GET
    @Path("previews/{file}")
    public Response preview(@PathParam("file") String file) {
        return redirect(file, "preview.jpg");
    }

    private Response redirect(String file, String name) {
        var matcher = FILE.matcher(file);
        if (!matcher.matches()) {
            throw Refusal.notFound("no image " + file);
        }
        String uuid = matcher.group(1);
        // The origin names one image; PeerTube's preview of it is the same picture, larger.
        URI origin = remoteVideos.findByUuid(uuid).flatMap(RemoteVideo::thumbnailUrl).map(URI::create).orElse(null);
        // The transcoder writes a video's images once, under the keys the plan names (LadderPlanner).
        return Response.status(302).location(origin != null ? origin : media.publicUrl("videos/" + uuid + "/" + name)).build();
    }
}
