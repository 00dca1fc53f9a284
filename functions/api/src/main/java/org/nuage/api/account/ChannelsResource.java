package org.nuage.api.account;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.nuage.core.account.AccountService;
import org.nuage.core.account.Channel;

/** Channels and accounts, readable by anyone, changed only by their owner. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelsResource {

    /** A channel's editable fields; {@code name} is only read on creation. */
    public record ChannelBody(String name, String displayName, String description) {
    }

    private final AccountService accounts;
    private final Caller caller;
    private final Representations representations;

    public ChannelsResource(AccountService accounts, Caller caller, Representations representations) {
        this.accounts = accounts;
        this.caller = caller;
        this.representations = representations;
    }

    @GET
    @Path("video-channels")
    public Map<String, Object> list(@QueryParam("start") @DefaultValue("0") int start,
            @QueryParam("count") @DefaultValue("15") int count) {
        List<Map<String, Object>> data = accounts.channels(start, count).stream().map(representations::channel).toList();
        return Map.of("total", data.size(), "data", data);
    }

    @GET
    @Path("video-channels/{name}")
    public Map<String, Object> get(@PathParam("name") String name) {
        return representations.channel(accounts.channel(name));
    }

    @POST
    @Path("video-channels")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> create(@HeaderParam("Authorization") String authorization, ChannelBody body) {
        String owner = caller.require(authorization);
        if (body == null) {
            throw org.nuage.core.Refusal.badRequest("a JSON body with the channel's name is required");
        }
        Channel channel = accounts.createChannel(owner, body.name(), body.displayName(), body.description());
        return Map.of("videoChannel", Map.of("id", channel.id(), "name", channel.name()));
    }

    @PUT
    @Path("video-channels/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@HeaderParam("Authorization") String authorization, @PathParam("name") String name,
            ChannelBody body) {
        String actor = caller.require(authorization);
        accounts.editChannel(actor, name, body == null ? null : body.displayName(),
                body == null ? null : body.description());
        return Response.noContent().build();
    }

    @DELETE
    @Path("video-channels/{name}")
    public Response delete(@HeaderParam("Authorization") String authorization, @PathParam("name") String name) {
        accounts.deleteChannel(caller.require(authorization), name);
        return Response.noContent().build();
    }

    @GET
    @Path("accounts/{name}")
    public Map<String, Object> account(@PathParam("name") String name) {
        return representations.account(accounts.account(name));
    }

    @GET
    @Path("accounts/{name}/video-channels")
    public Map<String, Object> accountChannels(@PathParam("name") String name) {
        accounts.account(name);
        List<Map<String, Object>> data = accounts.channelsOf(name).stream().map(representations::channel).toList();
        return Map.of("total", data.size(), "data", data);
    }
}
