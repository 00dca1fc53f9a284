package org.nuage.api.video;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nuage.api.account.Caller;
import org.nuage.api.account.Problems;
import org.nuage.core.Refusal;
import org.nuage.core.video.ContentRange;
import org.nuage.core.video.MetadataRules;
import org.nuage.core.video.ResumableUpload;
import org.nuage.core.video.ResumableUploadService;
import org.nuage.core.video.ShortUuid;
import org.nuage.core.video.Video;

/**
 * PeerTube's resumable upload ({@code upload-resumable}, uploadx's protocol), so PeerTube's web
 * client and tools built for it can upload here: POST the metadata with the file's length and type,
 * PUT the file in chunks with {@code Content-Range} (308 and {@code Range} until the last one, which
 * answers with the video), {@code bytes *}{@code /total} to ask how much arrived, DELETE to cancel.
 * Unlike direct uploads, the bytes pass through the function, at most
 * {@link ResumableUpload#MAX_CHUNK_BYTES} per request.
 */
@Path("/api/v1/videos/upload-resumable")
@Produces(MediaType.APPLICATION_JSON)
public class ResumableUploadResource {

    /** uploadx answers a chunk that is not the last with 308 Resume Incomplete, as Google's protocol does. */
    private static final int RESUME_INCOMPLETE = 308;

    /**
     * The metadata PeerTube's clients send to start an upload. {@code channelId} is accepted when it
     * is the id our API shows for one of the caller's channels; {@code privacy} as PeerTube's number
     * (1 public, 2 unlisted, 3 private) or our name; {@code commentsPolicy} 2 means comments off.
     */
    public record ResumableStart(String name, String channel, Object channelId, Object privacy, String description,
            List<String> tags, Integer category, Integer licence, String language, Boolean nsfw,
            Boolean commentsEnabled, Integer commentsPolicy, Boolean downloadEnabled, String filename) {
    }

    private final ResumableUploadService uploads;
    private final Caller caller;
    private final org.nuage.api.PeerTubeIds ids;

    public ResumableUploadResource(ResumableUploadService uploads, Caller caller, org.nuage.api.PeerTubeIds ids) {
        this.ids = ids;
        this.uploads = uploads;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@HeaderParam("Authorization") String authorization,
            @HeaderParam("X-Upload-Content-Length") String length, @HeaderParam("X-Upload-Content-Type") String type,
            ResumableStart body) {
        String owner = caller.require(authorization);
        if (body == null) {
            throw Refusal.badRequest("a JSON body with the video's name and channel is required");
        }
        long size;
        try {
            size = Long.parseLong(length == null ? "" : length.strip());
        } catch (NumberFormatException e) {
            throw Refusal.badRequest("X-Upload-Content-Length must be the file's length in bytes");
        }
        Boolean commentsEnabled = body.commentsEnabled() != null ? body.commentsEnabled()
                : body.commentsPolicy() == null ? null : body.commentsPolicy() != 2;
        Video.VideoMetadata metadata = MetadataRules.check(body.name(), body.description(), privacy(body.privacy()),
                body.tags(), body.category(), body.licence(), body.language(), body.nsfw(), commentsEnabled,
                body.downloadEnabled());
        Optional<String> channel = Optional.ofNullable(body.channel());
        Optional<String> channelId = Optional.ofNullable(body.channelId()).map(String::valueOf);
        if (channel.isEmpty() && channelId.filter(org.nuage.core.id.NumericIds::isNumber).isPresent()) {
            // PeerTube's clients send the number the API shows for the channel.
            channel = Optional.of(ids.channelById(channelId.get()).name());
            channelId = Optional.empty();
        }
        ResumableUpload upload = uploads.start(owner, new ResumableUploadService.ChannelChoice(channel, channelId),
                metadata, size, type, body.filename());
        // The video is numbered when its upload starts, as PeerTube creates the video then.
        ids.videoId(upload.videoUuid());
        return Response.status(201).header("Location", "/api/v1/videos/upload-resumable?upload_id=" + upload.id())
                .build();
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response put(@HeaderParam("Authorization") String authorization, @QueryParam("upload_id") String id,
            @HeaderParam("Content-Range") String contentRange, InputStream body) throws IOException {
        String owner = caller.require(authorization);
        ContentRange range = ContentRange.parse(contentRange);
        ResumableUpload.checkChunkLength(range.length());
        byte[] chunk = body == null ? new byte[0] : body.readNBytes(ResumableUpload.MAX_CHUNK_BYTES + 1);
        ResumableUpload.checkChunkLength(chunk.length);
        ResumableUploadService.Outcome outcome;
        try {
            outcome = uploads.write(owner, id, range, chunk);
        } catch (ResumableUpload.OffsetMismatch e) {
            return withRange(Response.fromResponse(Problems.problem(409, e.getMessage())), e.receivedBytes()).build();
        }
        return switch (outcome) {
            case ResumableUploadService.Incomplete incomplete ->
                    withRange(Response.status(RESUME_INCOMPLETE), incomplete.receivedBytes()).build();
            case ResumableUploadService.Completing completing ->
                    Response.fromResponse(Problems.problem(503, "every byte has arrived and the upload is being "
                            + "completed; ask again in a moment")).header("Retry-After", completing.retryAfterSeconds())
                            .build();
            case ResumableUploadService.Complete complete -> Response.ok(Map.of("video", Map.of(
                    "id", ids.videoId(complete.video().uuid()),
                    "uuid", complete.video().uuid(),
                    "shortUUID", ShortUuid.of(complete.video().uuid())))).build();
        };
    }

    @DELETE
    public Response cancel(@HeaderParam("Authorization") String authorization, @QueryParam("upload_id") String id) {
        uploads.cancel(caller.require(authorization), id);
        return Response.noContent().build();
    }

    /** {@code Range: bytes=0-last} says what arrived; with nothing yet, there is no Range (uploadx reads that as 0). */
    private static Response.ResponseBuilder withRange(Response.ResponseBuilder response, long receivedBytes) {
        return receivedBytes > 0 ? response.header("Range", "bytes=0-" + (receivedBytes - 1)) : response;
    }

    /** PeerTube's privacy numbers to our names; our names pass through to {@link MetadataRules}. */
    static String privacy(Object value) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value).strip();
        return switch (text) {
            case "1" -> "public";
            case "2" -> "unlisted";
            case "3" -> "private";
            case "4", "5" -> throw Refusal.badRequest("privacy " + text + " (PeerTube's "
                    + ("4".equals(text) ? "internal" : "password-protected") + ") is not supported here: use 1 (public), "
                    + "2 (unlisted) or 3 (private)");
            default -> text;
        };
    }
}
