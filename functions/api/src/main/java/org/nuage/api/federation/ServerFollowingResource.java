package org.nuage.api.federation;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.nuage.api.account.Administrators;
import org.nuage.api.account.Caller;
import org.nuage.api.account.Representations;
import org.nuage.core.Refusal;
import org.nuage.core.account.AccountService;
import org.nuage.core.federation.follow.FollowingService;
import org.nuage.core.federation.follow.Subscription;

/**
 * PeerTube's instance follows ({@code /api/v1/server/following}): an administrator makes our
 * instance actor follow other servers' instance actors, whose videos are then indexed here.
 */
@Path("/api/v1/server/following")
@Produces(MediaType.APPLICATION_JSON)
public class ServerFollowingResource {

    /** PeerTube's body: the hosts to follow. */
    public record FollowBody(List<String> hosts) {
    }

    private final FollowingService following;
    private final AccountService accounts;
    private final Caller caller;
    private final Representations representations;

    public ServerFollowingResource(FollowingService following, AccountService accounts, Caller caller,
            Representations representations) {
        this.following = following;
        this.accounts = accounts;
        this.caller = caller;
        this.representations = representations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response follow(@HeaderParam("Authorization") String authorization, FollowBody body) {
        requireAdministrator(authorization);
        if (body == null || body.hosts() == null) {
            throw Refusal.badRequest("a JSON body with hosts, such as {\"hosts\": [\"peertube.example\"]}, is required");
        }
        following.followInstances(body.hosts());
        return Response.noContent().build();
    }

    @GET
    public Map<String, Object> list() {
        List<Subscription> follows = following.instanceFollows();
        return Map.of("total", follows.size(), "data", follows.stream().map(representations::follow).toList());
    }

    @DELETE
    @Path("{host}")
    public Response unfollow(@HeaderParam("Authorization") String authorization, @PathParam("host") String host) {
        requireAdministrator(authorization);
        following.unfollowInstance(host);
        return Response.noContent().build();
    }

    private void requireAdministrator(String authorization) {
        Administrators.require(caller, accounts, authorization, "change whom the instance follows");
    }
}
