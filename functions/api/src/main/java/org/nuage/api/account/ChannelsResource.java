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
import org.nuage.core.account.ActorImage;
import org.nuage.core.account.AvatarService;
import org.nuage.core.federation.ActorFederation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.nuage.api.video.VideoViews;
import org.nuage.api.video.VideosResource;
import org.nuage.core.account.Channel;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;

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

    private final VideoCatalog videos;
    private final VideoViews views;
    private final AvatarService avatars;
    private final ActorFederation federation;

    public ChannelsResource(AccountService accounts, Caller caller, Representations representations,
            VideoCatalog videos, VideoViews views, AvatarService avatars, ActorFederation federation) {
        this.avatars = avatars;
        this.federation = federation;
        this.accounts = accounts;
        this.caller = caller;
        this.representations = representations;
        this.videos = videos;
        this.views = views;
    }

    /** A channel's videos: public and published ones for everyone, all of them for their owner. */
    @GET
    @Path("video-channels/{name}/videos")
    public Map<String, Object> channelVideos(@HeaderParam("Authorization") String authorization,
            @PathParam("name") String name, @QueryParam("start") @DefaultValue("0") int start,
            @QueryParam("count") @DefaultValue("15") int count) {
        Channel channel = accounts.channel(name);
        return VideosResource.page(visible(authorization, channel.owner()).stream()
                .filter(v -> v.channel().equals(channel.name())).toList(), start, count, views);
    }

    /** An account's videos in all its channels, with the same visibility. */
    @GET
    @Path("accounts/{name}/videos")
    public Map<String, Object> accountVideos(@HeaderParam("Authorization") String authorization,
            @PathParam("name") String name, @QueryParam("start") @DefaultValue("0") int start,
            @QueryParam("count") @DefaultValue("15") int count) {
        String owner = accounts.account(name).username();
        return VideosResource.page(visible(authorization, owner), start, count, views);
    }

    /**
     * The account's videos the caller may see in a list, newest first. An account's own index is
     * read whole: a person's uploads are at most thousands, and the filter needs each row anyway.
     */
    private List<Video> visible(String authorization, String owner) {
        boolean own = caller.optional(authorization).filter(owner::equals).isPresent();
        return videos.videosOf(owner, 0, Integer.MAX_VALUE).stream()
                .filter(v -> own || (v.state() == Video.State.PUBLISHED && v.metadata().privacy() == Video.Privacy.PUBLIC))
                .toList();
    }

    @GET
    @Path("video-channels")
    public Map<String, Object> list(@QueryParam("start") @DefaultValue("0") int start,
            @QueryParam("count") @DefaultValue("15") int count) {
        List<Map<String, Object>> data = accounts.channels(start, count).stream()
                .map(c -> representations.channel(c, accounts.account(c.owner()))).toList();
        return Map.of("total", data.size(), "data", data);
    }

    @GET
    @Path("video-channels/{name}")
    public Map<String, Object> get(@PathParam("name") String name) {
        Channel channel = accounts.channel(name);
        return representations.channel(channel, accounts.account(channel.owner()));
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
        return Map.of("videoChannel", Map.of("id", representations.number(channel), "name", channel.name()));
    }

    @PUT
    @Path("video-channels/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@HeaderParam("Authorization") String authorization, @PathParam("name") String name,
            ChannelBody body) {
        String actor = caller.require(authorization);
        accounts.editChannel(actor, name, body == null ? null : body.displayName(),
                body == null ? null : body.description());
        AvatarUploads.federate("channel " + name, () -> federation.channelUpdated(name));
        return Response.noContent().build();
    }

    /** PeerTube's channel avatar upload; only the channel's owner may. */
    @POST
    @Path("video-channels/{name}/avatar/pick")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Map<String, Object> pickAvatar(@HeaderParam("Authorization") String authorization,
            @PathParam("name") String name, @RestForm(AvatarUploads.FIELD) FileUpload file) {
        String actor = caller.require(authorization);
        List<ActorImage> images = AvatarUploads.logged("channel " + name + " (by " + actor + ")",
                () -> avatars.pickChannelAvatar(actor, name, AvatarUploads.read(file)));
        AvatarUploads.federate("channel " + name, () -> federation.channelUpdated(name));
        return AvatarUploads.answer(representations, images);
    }

    @DELETE
    @Path("video-channels/{name}/avatar")
    public Response removeAvatar(@HeaderParam("Authorization") String authorization, @PathParam("name") String name) {
        String actor = caller.require(authorization);
        boolean removed = AvatarUploads.logged("channel " + name + " (by " + actor + ")",
                () -> avatars.removeChannelAvatar(actor, name));
        if (removed) {
            AvatarUploads.federate("channel " + name, () -> federation.channelUpdated(name));
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("video-channels/{name}")
    public Response delete(@HeaderParam("Authorization") String authorization, @PathParam("name") String name) {
        accounts.deleteChannel(caller.require(authorization), name);
        // Its name is free again; another channel of that name is another channel, with another number.
        representations.forgetChannel(name);
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
        org.nuage.core.account.Account owner = accounts.account(name);
        List<Map<String, Object>> data = accounts.channelsOf(name).stream()
                .map(c -> representations.channel(c, owner)).toList();
        return Map.of("total", data.size(), "data", data);
    }
}
