package org.nuage.api.account;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.nuage.core.Refusal;
import org.nuage.core.account.AvatarService;
import org.nuage.core.media.ObjectStore;

/**
 * PeerTube's path of an actor image, {@code /lazy-static/avatars/<file>}, which its clients put
 * after the instance's URL: the bytes are in the public media bucket, so this only points there.
 */
@Path(Representations.AVATAR_PATH)
public class AvatarFilesResource {

    /** The names {@link AvatarService} makes: a UUID, the width, the extension. */
    private static final Pattern FILE = Pattern.compile("[0-9a-f-]{36}-[0-9]{1,4}\\.(jpg|png)");

    private final ObjectStore media;

    public AvatarFilesResource(ObjectStore media) {
        this.media = media;
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String file) {
        if (!FILE.matcher(file).matches()) {
            throw Refusal.notFound("no avatar " + file);
        }
        // The key never changes its bytes, so the redirect may be kept as long as the file.
        return Response.status(301).location(media.publicUrl(AvatarService.PREFIX + file))
                .header("Cache-Control", "public, max-age=31536000, immutable").build();
    }
}
