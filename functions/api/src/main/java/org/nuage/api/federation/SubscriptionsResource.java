package org.nuage.api.federation;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nuage.api.account.Caller;
import org.nuage.api.account.Representations;
import org.nuage.core.Refusal;
import org.nuage.core.federation.follow.FollowingService;
import org.nuage.core.federation.follow.Subscription;

/**
 * PeerTube's subscriptions API: the signed-in user follows remote channels and accounts by
 * {@code name@host}. A root of its own: JAX-RS picks it over {@code /api/v1/users} by its longer path.
 */
@Path("/api/v1/users/me/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionsResource {

    /** PeerTube's body: {@code uri} is the handle, {@code name@host}. */
    public record SubscribeBody(String uri) {
    }

    /** PeerTube's largest page. */
    static final int MAX_COUNT = 100;

    private final FollowingService following;
    private final Caller caller;
    private final Representations representations;

    public SubscriptionsResource(FollowingService following, Caller caller, Representations representations) {
        this.following = following;
        this.caller = caller;
        this.representations = representations;
    }

    /** Subscribes; the Follow is on its way when this answers, the other server accepts it later. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response subscribe(@HeaderParam("Authorization") String authorization, SubscribeBody body) {
        String user = caller.require(authorization);
        if (body == null || body.uri() == null) {
            throw Refusal.badRequest("a JSON body with uri, such as {\"uri\": \"channel@example.org\"}, is required");
        }
        following.subscribe(user, body.uri());
        return Response.noContent().build();
    }

    @GET
    public Map<String, Object> list(@HeaderParam("Authorization") String authorization,
            @QueryParam("start") @DefaultValue("0") int start, @QueryParam("count") @DefaultValue("15") int count) {
        List<Subscription> mine = following.subscriptionsOf(caller.require(authorization));
        if (start < 0 || count < 0) {
            throw Refusal.badRequest("start and count must be 0 or more");
        }
        return Map.of("total", mine.size(), "data", mine.stream().skip(start).limit(Math.min(count, MAX_COUNT))
                .map(this::channel).toList());
    }

    /** PeerTube's {@code exist}: for each of {@code uris}, whether the user is subscribed. */
    @GET
    @Path("exist")
    public Map<String, Boolean> exist(@HeaderParam("Authorization") String authorization,
            @QueryParam("uris") List<String> uris) {
        String user = caller.require(authorization);
        if (uris == null || uris.isEmpty()) {
            throw Refusal.badRequest("uris must name at least one handle");
        }
        return following.exist(user, uris);
    }

    /** Unsubscribes: an Undo of the Follow goes to the remote actor. */
    @DELETE
    @Path("{handle}")
    public Response unsubscribe(@HeaderParam("Authorization") String authorization, @PathParam("handle") String handle) {
        following.unsubscribe(caller.require(authorization), handle);
        return Response.noContent().build();
    }

    /** A subscription as PeerTube lists it, a video channel, with the follow's state. */
    private Map<String, Object> channel(Subscription subscription) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new LinkedHashMap<>((Map<String, Object>) representations.follow(subscription)
                .get("following"));
        json.put("id", representations.remoteSummary(org.nuage.core.id.IdKind.CHANNEL, subscription.target()).get("id"));
        json.put("displayName", json.get("name"));
        json.put("description", "");
        json.put("support", null);
        json.put("isLocal", false);
        // What Nuage keeps of a followed actor is its handle and URL; PeerTube counts what it has fetched.
        json.put("followersCount", 0);
        json.put("followingCount", 0);
        json.put("avatars", List.of());
        json.put("banners", List.of());
        // PeerTube's createdAt of a remote actor is when it came to know it: here, when the follow began.
        json.put("createdAt", subscription.since().toString());
        json.put("updatedAt", subscription.since().toString());
        json.put("followState", subscription.state().name().toLowerCase(java.util.Locale.ROOT));
        return json;
    }
}
