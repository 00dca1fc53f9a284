package org.nuage.api.video;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoConstants;

/**
 * PeerTube's constant tables, which its clients load to label and fill their forms: {@code {"1":
 * "Music", ...}}, its ids with its English labels.
 */
@Path("/api/v1/videos")
@Produces(MediaType.APPLICATION_JSON)
public class VideoConstantsResource {

    @GET
    @Path("categories")
    public Map<Integer, String> categories() {
        return VideoConstants.CATEGORIES;
    }

    @GET
    @Path("licences")
    public Map<Integer, String> licences() {
        return VideoConstants.LICENCES;
    }

    @GET
    @Path("languages")
    public Map<String, String> languages() {
        return VideoConstants.LANGUAGES;
    }

    /**
     * The privacies a video can have here: public, unlisted and private. PeerTube's internal and
     * password-protected ones are left out, as an upload with them is refused; a client builds its
     * choice from this list.
     */
    @GET
    @Path("privacies")
    public Map<Integer, String> privacies() {
        Map<Integer, String> ours = new LinkedHashMap<>();
        Arrays.stream(Video.Privacy.values()).map(VideoViews::privacyId)
                .forEach(id -> ours.put(id, VideoConstants.PRIVACIES.get(id)));
        return ours;
    }
}
