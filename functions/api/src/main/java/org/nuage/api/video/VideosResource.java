package org.nuage.api.video;

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
import java.util.Optional;
import org.nuage.api.account.Caller;
import org.nuage.core.Refusal;
import org.nuage.core.federation.index.RemoteVideos;
import org.nuage.core.video.MetadataRules;
import org.nuage.core.video.UploadService;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;
import org.nuage.core.video.VideoFilter;
import org.nuage.core.video.VideoRemoval;

/**
 * Direct uploads to object storage, listing, reading, editing and deleting videos. The bytes never
 * pass through here: the client PUTs each part to its presigned URL.
 */
@Path("/api/v1/videos")
@Produces(MediaType.APPLICATION_JSON)
public class VideosResource {

    /** What the uploader says about the file and the video before sending it. */
    public record UploadRequest(String name, String channel, Long size, String contentType, String description,
            String privacy, List<String> tags, Integer category, Integer licence, String language, Boolean nsfw,
            Boolean commentsEnabled, Boolean downloadEnabled, Object channelId) {
    }

    /** PeerTube's largest page. */
    static final int MAX_COUNT = 100;

    private final UploadService uploads;
    private final VideoCatalog videos;
    private final VideoRemoval removal;
    private final VideoViews views;
    private final Caller caller;
    private final RemoteVideos remoteVideos;
    private final org.nuage.api.PeerTubeIds ids;

    public VideosResource(UploadService uploads, VideoCatalog videos, VideoRemoval removal, VideoViews views,
            Caller caller, RemoteVideos remoteVideos, org.nuage.api.PeerTubeIds ids) {
        this.ids = ids;
        this.remoteVideos = remoteVideos;
        this.uploads = uploads;
        this.videos = videos;
        this.removal = removal;
        this.views = views;
        this.caller = caller;
    }

    /**
     * Public, published videos, newest first, with PeerTube's filters. {@code sort} accepts
     * PeerTube's {@code -publishedAt} and {@code -createdAt} (the same order here: a video is listed
     * from its publication) and their ascending forms. {@code isLocal} is PeerTube's filter: absent,
     * ours and the remote videos we index are listed together, as PeerTube lists every video it
     * knows; {@code true} only ours; {@code false} only other servers'.
     */
    @GET
    public Map<String, Object> list(@QueryParam("start") @DefaultValue("0") int start,
            @QueryParam("count") @DefaultValue("15") int count, @QueryParam("sort") @DefaultValue("-publishedAt") String sort,
            @QueryParam("nsfw") String nsfw, @QueryParam("categoryOneOf") List<Integer> categoryOneOf,
            @QueryParam("licenceOneOf") List<Integer> licenceOneOf, @QueryParam("languageOneOf") List<String> languageOneOf,
            @QueryParam("tagsOneOf") List<String> tagsOneOf, @QueryParam("tagsAllOf") List<String> tagsAllOf,
            @QueryParam("isLocal") String isLocal) {
        boolean newestFirst = switch (sort) {
            case "-publishedAt", "-createdAt" -> true;
            case "publishedAt", "createdAt" -> false;
            default -> throw Refusal.badRequest("sort must be -publishedAt, publishedAt, -createdAt or createdAt");
        };
        if (isLocal != null && !isLocal.equals("true") && !isLocal.equals("false")) {
            throw Refusal.badRequest("isLocal must be true or false");
        }
        VideoFilter filter = new VideoFilter(VideoFilter.nsfw(nsfw), categoryOneOf, licenceOneOf, languageOneOf,
                tagsOneOf, tagsAllOf);
        List<Listed> matching = new java.util.ArrayList<>();
        if (!"false".equals(isLocal)) {
            videos.publicVideos().filter(filter::matches)
                    .forEach(v -> matching.add(new Listed(v.createdAt(), () -> views.summary(v))));
        }
        if (!"true".equals(isLocal)) {
            remoteVideos.publicVideos().filter(v -> filter.matches(v.metadata()))
                    .forEach(v -> matching.add(new Listed(v.published(), () -> views.remote(v))));
        }
        java.util.Comparator<Listed> order = java.util.Comparator.comparing(Listed::at);
        matching.sort(newestFirst ? order.reversed() : order);
        return listPage(matching, start, count);
    }

    /** A listed video, ours or remote, by the date it is sorted on; its JSON is made only if it is on the page. */
    public record Listed(java.time.Instant at, java.util.function.Supplier<Map<String, Object>> json) {
    }

    /** One page of listed videos as PeerTube returns lists: {@code total} and {@code data}. */
    public static Map<String, Object> listPage(List<Listed> listed, int start, int count) {
        if (start < 0 || count < 0) {
            throw Refusal.badRequest("start and count must be 0 or more");
        }
        return Map.of("total", listed.size(), "data", listed.stream().skip(start).limit(Math.min(count, MAX_COUNT))
                .map(l -> l.json().get()).toList());
    }

    /** One page of {@code videos} as PeerTube returns lists: {@code total} and {@code data}. */
    public static Map<String, Object> page(List<Video> videos, int start, int count, VideoViews views) {
        return listPage(videos.stream().map(v -> new Listed(v.createdAt(), () -> views.summary(v))).toList(), start,
                count);
    }

    @DELETE
    @Path("{uuid}")
    public Response delete(@HeaderParam("Authorization") String authorization, @PathParam("uuid") String id) {
        removal.delete(caller.require(authorization), uuidOf(id));
        return Response.noContent().build();
    }

    @POST
    @Path("uploads")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> start(@HeaderParam("Authorization") String authorization, UploadRequest body) {
        String owner = caller.require(authorization);
        if (body == null || body.size() == null || body.channel() == null && body.channelId() == null) {
            throw Refusal.badRequest("name, channel (or PeerTube's channelId) and size (the file's length in bytes) are required");
        }
        String channel = body.channel() != null ? body.channel() : ids.channelById(String.valueOf(body.channelId())).name();
        Video.VideoMetadata metadata = MetadataRules.check(body.name(), body.description(), body.privacy(), body.tags(),
                body.category(), body.licence(), body.language(), body.nsfw(), body.commentsEnabled(),
                body.downloadEnabled());
        UploadService.UploadTicket ticket = uploads.start(owner, channel, metadata, body.size(), body.contentType());
        return Map.of("video", views.summary(ticket.video()), "upload", Map.of(
                "partSize", ticket.partSize(),
                "parts", ticket.parts().stream()
                        .map(p -> Map.of("partNumber", p.partNumber(), "url", p.url().toString())).toList()));
    }

    @GET
    @Path("uploads/{uuid}")
    public Map<String, Object> progress(@HeaderParam("Authorization") String authorization, @PathParam("uuid") String uuid) {
        UploadService.Progress progress = uploads.progress(caller.require(authorization), uuid);
        return Map.of("video", views.summary(progress.video()), "partSize", progress.partSize(),
                "receivedBytes", progress.receivedBytes(),
                "parts", progress.received().stream()
                        .map(p -> Map.of("partNumber", p.number(), "size", p.size())).toList());
    }

    @POST
    @Path("uploads/{uuid}/complete")
    public Map<String, Object> complete(@HeaderParam("Authorization") String authorization, @PathParam("uuid") String uuid) {
        return Map.of("video", views.summary(uploads.complete(caller.require(authorization), uuid)));
    }

    /** The fields a video's owner may change; absent fields keep their value. */
    public record MetadataUpdate(String name, String description, String privacy, List<String> tags, Integer category,
            Integer licence, String language, Boolean nsfw, Boolean commentsEnabled, Boolean downloadEnabled) {
    }

    @PUT
    @Path("{uuid}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@HeaderParam("Authorization") String authorization, @PathParam("uuid") String id,
            MetadataUpdate body) {
        String actor = caller.require(authorization);
        String uuid = uuidOf(id);
        Video video = videos.find(uuid).orElseThrow(() -> Refusal.notFound("no video " + uuid));
        if (!video.owner().equals(actor)) {
            throw Refusal.forbidden("video " + uuid + " belongs to another account");
        }
        if (body == null) {
            throw Refusal.badRequest("a JSON body with the fields to change is required");
        }
        Video.VideoMetadata now = video.metadata();
        Video.VideoMetadata edited = MetadataRules.check(
                body.name() == null ? now.name() : body.name(),
                body.description() == null ? now.description() : body.description(),
                body.privacy() == null ? now.privacy().name() : body.privacy(),
                body.tags() == null ? now.tags() : body.tags(),
                body.category() == null ? now.category().orElse(null) : body.category(),
                body.licence() == null ? now.licence().orElse(null) : body.licence(),
                body.language() == null ? now.language().orElse(null) : body.language(),
                body.nsfw() == null ? now.nsfw() : body.nsfw(),
                body.commentsEnabled() == null ? now.commentsEnabled() : body.commentsEnabled(),
                body.downloadEnabled() == null ? now.downloadEnabled() : body.downloadEnabled());
        videos.save(video.withMetadata(edited));
        return Response.noContent().build();
    }

    @GET
    @Path("{uuid}")
    public Map<String, Object> get(@HeaderParam("Authorization") String authorization, @PathParam("uuid") String id) {
        String uuid = uuidOf(id);
        Optional<Video> ours = videos.find(uuid);
        if (ours.isEmpty()) {
            // A video of another server we index (followed, or found by search) has a page here
            // too, as in PeerTube; its files stay on its origin.
            return remoteVideos.findByUuid(uuid).map(views::remoteDetail)
                    .orElseThrow(() -> Refusal.notFound("no video " + uuid));
        }
        Video video = ours.get();
        if (video.metadata().privacy() == Video.Privacy.PRIVATE) {
            if (!caller.optional(authorization).filter(video.owner()::equals).isPresent()) {
                // Not 403: a private video's existence is itself private.
                throw Refusal.notFound("no video " + uuid);
            }
        }
        return withOriginalWhileTranscoding(views.detail(video), video);
    }

    /**
     * While a video is transcoded, {@code files} lists the stored original, as PeerTube lists the
     * uploaded file then: PeerTube's tools wait on {@code files[0].torrentUrl} after an upload (its
     * CLI fails on an empty list). Ours is not served and has no torrent, so they wait until the
     * renditions are published. Only here: pages and feeds take {@code files} as what can be played.
     */
    private static Map<String, Object> withOriginalWhileTranscoding(Map<String, Object> detail, Video video) {
        if (video.state() == Video.State.TRANSCODING) {
            Map<String, Object> original = new java.util.LinkedHashMap<>();
            original.put("resolution", Map.of("id", 0, "label", "Original"));
            original.put("size", video.declaredSizeBytes());
            detail.put("files", List.of(original));
        }
        return detail;
    }

    /** A video is addressed by PeerTube's number, its UUID or PeerTube's short id; anything else names no video. */
    private String uuidOf(String id) {
        return ids.videoUuid(id);
    }
}
