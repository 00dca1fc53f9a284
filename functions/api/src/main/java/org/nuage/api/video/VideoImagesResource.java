package org.nuage.api.video;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.nuage.core.Refusal;
import org.nuage.core.media.ObjectStore;

/**
 * PeerTube's paths of a video's thumbnail and preview ({@code thumbnailPath}, {@code previewPath}),
 * which its clients put after the instance's URL: the JPEGs are in the public media bucket, under
 * keys made from the uuid, so this only points there.
 */
@Path("/lazy-static")
public class VideoImagesResource {

    private static final Pattern FILE = Pattern.compile("([0-9a-f-]{36})\\.jpg");

    private final ObjectStore media;

    public VideoImagesResource(ObjectStore media) {
        this.media = media;
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
        // The transcoder writes a video's images once, under the keys the plan names (LadderPlanner).
        return Response.status(302).location(media.publicUrl("videos/" + matcher.group(1) + "/" + name)).build();
    }
}
