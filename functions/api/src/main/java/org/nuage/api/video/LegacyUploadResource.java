package org.nuage.api.video;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.multipart.FileItem;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;
import org.nuage.api.PeerTubeIds;
import org.nuage.api.account.Caller;
import org.nuage.core.id.NumericIds;
import org.nuage.core.Refusal;
import org.nuage.core.video.LegacyUploadService;
import org.nuage.core.video.MetadataRules;
import org.nuage.core.video.ShortUuid;
import org.nuage.core.video.Video;

/**
 * PeerTube's legacy upload, {@code POST /api/v1/videos/upload}: the file and the metadata in one
 * multipart/form-data request, as PeerTube's CLI and older tools send it. The file passes through
 * the function, so a request may carry at most {@link LegacyUploadService#MAX_REQUEST_BYTES};
 * larger files go through the resumable upload.
 *
 * <p>{@code waitTranscoding} is always true here (a video is published once transcoded), and
 * {@code support}, {@code thumbnailfile} and {@code previewfile} are checked but not kept: the
 * transcoder makes the thumbnail and the preview.
 */
@Path("/api/v1/videos/upload")
@Produces(MediaType.APPLICATION_JSON)
public class LegacyUploadResource {

    private static final Logger LOG = Logger.getLogger(LegacyUploadResource.class);

    /** PeerTube's form: {@code tags[0]}, {@code tags[1]} (its CLI), {@code tags[]} or {@code tags} repeated. */
    private static final Pattern INDEXED_TAG = Pattern.compile("tags\\[(\\d{1,3})]");

    /** PeerTube's picture types for a thumbnail or a preview. */
    private static final List<String> PICTURE_TYPES = List.of("image/jpeg", "image/png", "image/webp");

    private final LegacyUploadService uploads;
    private final Caller caller;
    private final PeerTubeIds ids;

    public LegacyUploadResource(LegacyUploadService uploads, Caller caller, PeerTubeIds ids) {
        this.uploads = uploads;
        this.caller = caller;
        this.ids = ids;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Map<String, Object> upload(@HeaderParam("Authorization") String authorization,
            @HeaderParam("Content-Length") Long contentLength, MultipartFormDataInput input) {
        String owner = caller.require(authorization);
        if (contentLength != null) {
            LegacyUploadService.checkRequestLength(contentLength);
        }
        Map<String, Collection<FormValue>> form = input == null ? Map.of() : input.getValues();
        try {
            Boolean commentsEnabled = bool(form, "commentsEnabled");
            Integer commentsPolicy = integer(form, "commentsPolicy");
            if (commentsEnabled == null && commentsPolicy != null) {
                commentsEnabled = commentsPolicy != 2;
            }
            bool(form, "waitTranscoding");
            String support = text(form, "support");
            if (support != null && support.length() > 1000) {
                throw Refusal.badRequest("support must be at most 1000 characters");
            }
            picture(form, "thumbnailfile");
            picture(form, "previewfile");
            Video.VideoMetadata metadata = MetadataRules.check(text(form, "name"), text(form, "description"),
                    ResumableUploadResource.privacy(text(form, "privacy")), tags(form), integer(form, "category"),
                    integer(form, "licence"), text(form, "language"), bool(form, "nsfw"), commentsEnabled,
                    bool(form, "downloadEnabled"));
            ChannelChoice channel = channel(form);
            LegacyUploadService.UploadedFile file = videoFile(form);
            Video video;
            try {
                video = uploads.upload(owner, channel.name(), channel.id(), metadata, file);
            } finally {
                if (file.copied()) {
                    Files.deleteIfExists(file.path());
                }
            }
            return Map.of("video", Map.of("id", ids.videoId(video.uuid()), "uuid", video.uuid(),
                    "shortUUID", ShortUuid.of(video.uuid())));
        } catch (Refusal e) {
            LOG.infof("legacy upload of %s refused (%d): %s", owner, e.status(), e.getMessage());
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The channel the form names: Nuage's {@code channel} (a name) or PeerTube's {@code channelId}. */
    private record ChannelChoice(Optional<String> name, Optional<String> id) {
    }

    /**
     * Which channel the form names. PeerTube's tools send {@code channelId} as the number
     * {@code GET /api/v1/users/me} shows, resolved here to the channel's name as the resumable
     * upload does; anything else goes to {@code UploadChannels} as it came.
     */
    private ChannelChoice channel(Map<String, Collection<FormValue>> form) {
        Optional<String> name = Optional.ofNullable(text(form, "channel"));
        Optional<String> id = Optional.ofNullable(text(form, "channelId")).map(String::strip);
        if (name.isEmpty() && id.filter(NumericIds::isNumber).isPresent()) {
            return new ChannelChoice(Optional.of(ids.channelById(id.get()).name()), Optional.empty());
        }
        return new ChannelChoice(name, id);
    }

    private static LegacyUploadService.UploadedFile videoFile(Map<String, Collection<FormValue>> form) {
        FormValue part = one(form, "videofile");
        if (part == null || !part.isFileItem()) {
            throw Refusal.badRequest("a multipart/form-data body with the video in its 'videofile' field is required");
        }
        FileItem item = part.getFileItem();
        try {
            java.nio.file.Path file = item.getFile();
            boolean copied = item.isInMemory() || file == null;
            if (copied) {
                // Parts kept in memory are written out, so the service streams every file the same way.
                file = Files.createTempFile("legacy-upload", ".part");
                item.write(file);
            }
            return new LegacyUploadService.UploadedFile(file, item.getFileSize(), type(part), part.getFileName(),
                    copied);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void picture(Map<String, Collection<FormValue>> form, String field) {
        FormValue part = one(form, field);
        if (part != null && (!part.isFileItem() || !PICTURE_TYPES.contains(type(part)))) {
            throw Refusal.badRequest(field + " must be a JPEG, PNG or WebP picture");
        }
    }

    private static String type(FormValue part) {
        String type = part.getHeaders() == null ? null : part.getHeaders().getFirst("Content-Type");
        return type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
    }

    private static List<String> tags(Map<String, Collection<FormValue>> form) {
        List<String> tags = new ArrayList<>();
        TreeMap<Integer, String> indexed = new TreeMap<>();
        for (var field : form.entrySet()) {
            Matcher index = INDEXED_TAG.matcher(field.getKey());
            if (field.getKey().equals("tags") || field.getKey().equals("tags[]")) {
                field.getValue().forEach(v -> tags.add(value(v, field.getKey())));
            } else if (index.matches()) {
                indexed.put(Integer.parseInt(index.group(1)), value(one(form, field.getKey()), field.getKey()));
            }
        }
        tags.addAll(indexed.values());
        return tags;
    }

    private static FormValue one(Map<String, Collection<FormValue>> form, String field) {
        Collection<FormValue> values = form.get(field);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw Refusal.badRequest("'" + field + "' is given " + values.size() + " times");
        }
        return values.iterator().next();
    }

    private static String value(FormValue part, String field) {
        if (part.isFileItem()) {
            throw Refusal.badRequest("'" + field + "' must be a plain field, not a file");
        }
        return part.getValue();
    }

    private static String text(Map<String, Collection<FormValue>> form, String field) {
        FormValue part = one(form, field);
        return part == null ? null : value(part, field);
    }

    private static Integer integer(Map<String, Collection<FormValue>> form, String field) {
        String text = text(form, field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw Refusal.badRequest(field + " must be a number");
        }
    }

    /** PeerTube's form booleans: {@code true}/{@code false}, or {@code 1}/{@code 0}. */
    private static Boolean bool(Map<String, Collection<FormValue>> form, String field) {
        String text = text(form, field);
        if (text == null) {
            return null;
        }
        return switch (text.strip()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw Refusal.badRequest(field + " must be true or false");
        };
    }
}
