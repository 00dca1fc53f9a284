package org.nuage.api.federation;

import jakarta.ws.rs.DELETE;
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
import java.util.Locale;
import java.util.Map;
import org.nuage.api.account.Administrators;
import org.nuage.api.account.Caller;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.core.Refusal;
import org.nuage.core.account.AccountService;
import org.nuage.core.federation.follow.FollowerApproval;

/**
 * PeerTube's instance followers ({@code /api/v1/server/followers}): the servers following our
 * instance actor, and the administrator's accept, reject and remove when approval is manual.
 */
@Path("/api/v1/server/followers")
@Produces(MediaType.APPLICATION_JSON)
public class ServerFollowersResource {

    private final FollowerApproval approval;
    private final AccountService accounts;
    private final Caller caller;
    private final InstanceConfig instance;

    public ServerFollowersResource(FollowerApproval approval, AccountService accounts, Caller caller,
            InstanceConfig instance) {
        this.approval = approval;
        this.accounts = accounts;
        this.caller = caller;
        this.instance = instance;
    }

    /** Public in PeerTube too: who follows this instance; {@code state} is {@code pending} or {@code accepted}. */
    @GET
    public Map<String, Object> list(@QueryParam("state") String state) {
        if (state != null && !state.equals("pending") && !state.equals("accepted")) {
            throw Refusal.badRequest("state must be pending or accepted, not " + state);
        }
        List<Map<String, Object>> data = approval.instanceFollowers().stream()
                .filter(f -> state == null || f.state().name().toLowerCase(Locale.ROOT).equals(state))
                .map(this::json).toList();
        return Map.of("total", data.size(), "data", data);
    }

    @POST
    @Path("{handle}/accept")
    public Response accept(@HeaderParam("Authorization") String authorization, @PathParam("handle") String handle) {
        Administrators.require(caller, accounts, authorization, "accept the instance's followers");
        approval.acceptInstanceFollower(handle);
        return Response.noContent().build();
    }

    @POST
    @Path("{handle}/reject")
    public Response reject(@HeaderParam("Authorization") String authorization, @PathParam("handle") String handle) {
        Administrators.require(caller, accounts, authorization, "reject the instance's followers");
        approval.rejectInstanceFollower(handle);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{handle}")
    public Response remove(@HeaderParam("Authorization") String authorization, @PathParam("handle") String handle) {
        Administrators.require(caller, accounts, authorization, "remove the instance's followers");
        approval.removeInstanceFollower(handle);
        return Response.noContent().build();
    }

    private Map<String, Object> json(FollowerApproval.InstanceFollower follower) {
        int at = follower.handle().lastIndexOf('@');
        Map<String, Object> who = new LinkedHashMap<>();
        who.put("name", at < 0 ? follower.handle() : follower.handle().substring(0, at));
        who.put("host", at < 0 ? "" : follower.handle().substring(at + 1));
        who.put("url", follower.actor());
        String base = instance.publicUrl().toString().replaceAll("/+$", "");
        Map<String, Object> following = new LinkedHashMap<>();
        following.put("name", "peertube");
        following.put("host", instance.publicUrl().getAuthority());
        following.put("url", base + "/accounts/peertube");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("follower", who);
        json.put("following", following);
        json.put("state", follower.state().name().toLowerCase(Locale.ROOT));
        json.put("createdAt", follower.since().toString());
        return json;
    }
}
