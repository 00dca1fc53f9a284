package org.nuage.core.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.nuage.core.federation.follow.FollowingService;
import org.nuage.core.federation.index.RemoteVideoIndex;

/**
 * The inbound activities that concern what our actors follow: the Accept or Reject of our Follows,
 * and the Videos of followed actors (Create, Update, Announce, Delete), one entry of the
 * delivery worker's dispatch each.
 */
public final class FollowedActorsHandler {

    private final FollowingService following;
    private final RemoteVideoIndex index;

    public FollowedActorsHandler(FollowingService following, RemoteVideoIndex index) {
        this.following = following;
        this.index = index;
    }

    /** Applies {@code activity} of {@code type} by {@code actor}; true when it was one of ours to apply. */
    public boolean apply(String type, String actor, JsonNode activity) {
        String objectType = activity.path("object").path("type").asText("");
        return switch (type) {
            case "Accept" -> following.answered(actor, activity, true);
            case "Reject" -> following.answered(actor, activity, false);
            case "Create", "Update" -> objectType.equals("Video") && index.createdOrUpdated(actor, activity);
            case "Announce" -> index.announced(actor, activity);
            case "Delete" -> index.deleted(actor, activity);
            default -> false;
        };
    }
}
