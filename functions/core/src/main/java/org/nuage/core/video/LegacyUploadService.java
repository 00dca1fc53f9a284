package org.nuage.core.video;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nuage.core.Refusal;
import org.nuage.core.account.Account;
import org.nuage.core.account.AccountService;
import org.nuage.core.account.Channel;
import org.nuage.core.media.MediaSignatures;
import org.nuage.core.media.ObjectStore;

/**
 * PeerTube's legacy upload ({@code POST /api/v1/videos/upload}): the whole file in one multipart
 * request through the API, so it is only for files that fit in one Lambda request. Owner, channel,
 * metadata and quota are checked as for the other uploads ({@link UploadService}); the file must
 * start like a media container. The original is then stored at {@code uploads/{uuid}}, whose S3
 * event wakes the transcoder, and the video is TRANSCODING at once.
 */
public final class LegacyUploadService {

    private static final Logger LOG = Logger.getLogger(LegacyUploadService.class.getName());

    /** Types a client may give a media file: its own, or one saying it does not know. */
    private static final Set<String> APPLICATION_MEDIA_TYPES = Set.of("application/octet-stream", "application/ogg",
            "application/mp4", "application/x-matroska", "application/mxf", "application/vnd.rn-realmedia");

    /**
     * The largest request body, the file and the form's other fields together: the bound of a
     * resumable chunk ({@link ResumableUpload#MAX_CHUNK_BYTES}), for the same reason. Lambda takes
     * at most 6 MB per synchronous request and API Gateway hands it a binary body base64-encoded,
     * so 4 MiB arrives as 5.6 MB, which leaves room for the headers.
     */
    public static final long MAX_REQUEST_BYTES = ResumableUpload.MAX_CHUNK_BYTES;

    /**
     * The file the request carried: where its body put it, its length, the type the client gave it,
     * and whether {@code path} is a copy its caller deletes.
     */
    public record UploadedFile(Path path, long sizeBytes, String contentType, String filename, boolean copied) {
    }

    private final AccountService accounts;
    private final VideoCatalog videos;
    private final ObjectStore store;
    private final Clock clock;

    public LegacyUploadService(AccountService accounts, VideoCatalog videos, ObjectStore store, Clock clock) {
        this.accounts = accounts;
        this.videos = videos;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Checks the upload, reserves the quota, stores the original and records the video; a refusal
     * stores nothing and reserves nothing.
     */
    public Video upload(String owner, Optional<String> channelName, Optional<String> channelId,
            Video.VideoMetadata metadata, UploadedFile file) {
        Account account = accounts.account(owner);
        String type = mediaType(file);
        Channel channel = UploadChannels.resolve(accounts, owner, channelName, channelId);
        if (!videos.reserveQuota(owner, file.sizeBytes(), account.videoQuotaBytes())) {
            throw new Refusal(413, "this upload of " + file.sizeBytes() + " bytes exceeds your remaining quota ("
                    + Math.max(0, account.videoQuotaBytes() - videos.usedBytes(owner)) + " of "
                    + account.videoQuotaBytes() + " bytes left)");
        }
        String uuid = UUID.randomUUID().toString();
        // The row first: the transcoder drops an upload event whose video it cannot find.
        Video video = new Video(uuid, owner, channel.name(), metadata, Video.State.TRANSCODING, Optional.empty(),
                file.sizeBytes(), Optional.empty(), clock.instant());
        try {
            videos.save(video);
            store.upload(ObjectStore.Bucket.ORIGINALS, Video.originalKey(uuid), file.path(), type);
        } catch (RuntimeException e) {
            undo(video);
            throw e;
        }
        LOG.info("legacy upload: video " + uuid + " of " + owner + ", " + file.sizeBytes() + " bytes");
        return video;
    }

    /**
     * Refuses (413) a request whose declared length is over {@link #MAX_REQUEST_BYTES}, pointing
     * to the upload that takes any size.
     */
    public static void checkRequestLength(long declaredBytes) {
        if (declaredBytes > MAX_REQUEST_BYTES) {
            throw new Refusal(413, "this request of " + declaredBytes + " bytes is over the " + MAX_REQUEST_BYTES
                    + " bytes a legacy upload (POST /api/v1/videos/upload) may carry here: its body passes through "
                    + "one Lambda request of at most 6 MB, base64-encoded. Send larger files with the resumable "
                    + "upload, /api/v1/videos/upload-resumable");
        }
    }

    /**
     * The type the original is stored with, once the file is known to be a media file: PeerTube
     * refuses a type that is no video or audio type with 415, and a file ffprobe cannot read with 400.
     */
    private static String mediaType(UploadedFile file) {
        if (file == null || file.path() == null) {
            throw Refusal.badRequest("a multipart/form-data body with the video in its 'videofile' field is required");
        }
        if (file.sizeBytes() <= 0) {
            throw Refusal.badRequest("the file in 'videofile' is empty");
        }
        String type = file.contentType() == null || file.contentType().isBlank() ? "application/octet-stream"
                : file.contentType().strip().toLowerCase(Locale.ROOT);
        int parameters = type.indexOf(';');
        String base = (parameters < 0 ? type : type.substring(0, parameters)).strip();
        if (!base.startsWith("video/") && !base.startsWith("audio/") && !APPLICATION_MEDIA_TYPES.contains(base)) {
            throw new Refusal(415, "the file in 'videofile' is " + printable(base) + ", not a video or audio file");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file.path())) {
            head = in.readNBytes(MediaSignatures.HEAD_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (MediaSignatures.container(head).isEmpty()) {
            throw Refusal.badRequest("the file in 'videofile' is not a video or audio file that can be read: it starts "
                    + "like none of the containers ffmpeg reads (MP4, WebM, MKV, Ogg, AVI, MOV, FLV, MPEG, MP3, ...)");
        }
        return base;
    }

    /** A refused or failed upload leaves nothing: no row, no reservation, no object. */
    private void undo(Video video) {
        try {
            videos.delete(video.uuid());
            videos.releaseQuota(video.owner(), video.declaredSizeBytes());
            store.delete(ObjectStore.Bucket.ORIGINALS, java.util.List.of(video.originalKey()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "legacy upload of video " + video.uuid() + " not fully undone", e);
        }
    }

    private static String printable(String type) {
        String cut = type.length() > 80 ? type.substring(0, 80) : type;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
