package org.nuage.core.video;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.nuage.core.Refusal;
import org.nuage.core.account.Account;
import org.nuage.core.account.AccountService;
import org.nuage.core.account.Channel;
import org.nuage.core.account.Names;

/**
 * PeerTube's resumable uploads ({@code /api/v1/videos/upload-resumable}, the uploadx protocol) for
 * the clients that speak it: the bytes come through the API in chunks and are assembled in S3
 * without the file ever being in memory. Each chunk is held as a private object until the held
 * bytes make an S3 part of at least 5 MiB; the part is then streamed from them. The last chunk
 * completes the multipart upload at {@code uploads/{uuid}}, whose S3 event wakes the transcoder,
 * and the video goes to TRANSCODING as a direct upload does. Owner, channel, metadata and quota
 * are checked as for direct uploads ({@link UploadService}).
 */
public final class ResumableUploadService {

    private static final Logger LOG = Logger.getLogger(ResumableUploadService.class.getName());

    /**
     * The originals bucket aborts multipart uploads a day after they start (infra's lifecycle
     * rule), so an upload cannot outlive that.
     */
    static final Duration LIFETIME = Duration.ofDays(1);

    /**
     * How long the request that received the last byte has to complete the upload before another
     * one may take over: twice the api function's timeout (30 s, API Gateway's integration limit),
     * so the first one has surely stopped by then.
     */
    static final Duration COMPLETION_LEASE = Duration.ofSeconds(60);

    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/"
            + "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

    /** Where an upload stands after a request. */
    public sealed interface Outcome {
    }

    /** Bytes 0 to {@code receivedBytes - 1} have arrived; the next chunk starts there. */
    public record Incomplete(long receivedBytes) implements Outcome {
    }

    /** Every byte arrived and another request is completing the upload; ask again after a moment. */
    public record Completing(long retryAfterSeconds) implements Outcome {
    }

    /** The original is stored and the video exists. */
    public record Complete(Video video) implements Outcome {
    }

    /** The channel a video goes to: by name (Nuage's way), or by the id the API shows (PeerTube clients send {@code channelId}). */
    public record ChannelChoice(Optional<String> name, Optional<String> id) {
    }

    private final AccountService accounts;
    private final VideoCatalog videos;
    private final MultipartStorage storage;
    private final ChunkStorage chunks;
    private final UploadSessions sessions;
    private final Clock clock;

    public ResumableUploadService(AccountService accounts, VideoCatalog videos, MultipartStorage storage,
            ChunkStorage chunks, UploadSessions sessions, Clock clock) {
        this.accounts = accounts;
        this.videos = videos;
        this.storage = storage;
        this.chunks = chunks;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * Starts an upload: checks as a direct upload does, reserves the quota, starts the S3 multipart
     * upload. The video itself exists once the last byte arrives, as on PeerTube.
     */
    public ResumableUpload start(String owner, ChannelChoice choice, Video.VideoMetadata metadata, long sizeBytes,
            String contentType, String filename) {
        Account account = accounts.account(owner);
        Channel channel = channel(owner, choice);
        if (sizeBytes <= 0) {
            throw Refusal.badRequest("X-Upload-Content-Length must be the file's length in bytes, more than 0");
        }
        if (sizeBytes > UploadService.MAX_UPLOAD_BYTES) {
            throw new Refusal(413, "a video may be at most " + UploadService.MAX_UPLOAD_BYTES + " bytes");
        }
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType.strip();
        if (!MEDIA_TYPE.matcher(type).matches()) {
            throw Refusal.badRequest("X-Upload-Content-Type must be a media type such as video/mp4");
        }
        String name = filename == null ? "" : Names.text(filename.strip(), 255, "filename", false);
        if (!videos.reserveQuota(owner, sizeBytes, account.videoQuotaBytes())) {
            throw new Refusal(413, "this upload of " + sizeBytes + " bytes exceeds your remaining quota ("
                    + Math.max(0, account.videoQuotaBytes() - videos.usedBytes(owner)) + " of "
                    + account.videoQuotaBytes() + " bytes left)");
        }
        String uuid = UUID.randomUUID().toString();
        String multipartUploadId = null;
        try {
            multipartUploadId = storage.start(Video.originalKey(uuid), type);
            Instant now = clock.instant();
            ResumableUpload upload = new ResumableUpload(token(), 1, owner, uuid, channel.name(), metadata, sizeBytes,
                    type, name, multipartUploadId, List.of(), List.of(), Optional.empty(), false, now, now.plus(LIFETIME));
            sessions.create(upload);
            return upload;
        } catch (RuntimeException e) {
            videos.releaseQuota(owner, sizeBytes);
            if (multipartUploadId != null) {
                abortQuietly(Video.originalKey(uuid), multipartUploadId);
            }
            throw e;
        }
    }

    /** Answers {@code Content-Range: bytes *}{@code /total}: how much has arrived. */
    public Outcome offset(String owner, String id, ContentRange range) {
        ResumableUpload upload = own(owner, id);
        if (range.total() != upload.sizeBytes()) {
            throw Refusal.conflict("Content-Range says the file has " + range.total() + " bytes, but "
                    + upload.sizeBytes() + " were declared when the upload started");
        }
        if (upload.completed()) {
            return complete(upload);
        }
        if (upload.allReceived()) {
            return resumeCompletion(upload);
        }
        return new Incomplete(upload.receivedBytes());
    }

    /**
     * Takes one chunk. It must start at the offset; a refused chunk changes nothing. Sending the
     * last chunk again after the upload completed answers with the video again.
     */
    public Outcome write(String owner, String id, ContentRange range, byte[] chunk) {
        if (range.isQuery()) {
            if (chunk.length > 0) {
                throw Refusal.badRequest("'Content-Range: " + range + "' asks for the offset and takes no body");
            }
            return offset(owner, id, range);
        }
        if (chunk.length != range.length()) {
            throw Refusal.badRequest("the body has " + chunk.length + " bytes but Content-Range '" + range
                    + "' announces " + range.length());
        }
        ResumableUpload upload = own(owner, id);
        if (upload.completed()) {
            return complete(upload);
        }
        if (upload.allReceived()) {
            return resumeCompletion(upload);
        }
        ResumableUpload.Step step = upload.accept(range);
        ResumableUpload next;
        String heldKey = null;
        if (step == ResumableUpload.Step.HOLD) {
            heldKey = upload.heldKey(range.first(), token());
            chunks.hold(heldKey, chunk);
            next = upload.withHeld(new ResumableUpload.Held(heldKey, range.first(), chunk.length));
        } else {
            next = upload.withPart(chunks.uploadPart(upload.originalKey(), upload.multipartUploadId(),
                    upload.nextPartNumber(), upload.held(), chunk));
        }
        if (next.allReceived()) {
            next = next.completing(clock.instant());
        }
        if (!sessions.replace(next, upload.version())) {
            if (heldKey != null) {
                deleteQuietly(List.of(heldKey));
            }
            throw Refusal.conflict("another request changed this upload at the same time; ask for the offset "
                    + "(PUT with 'Content-Range: bytes */" + upload.sizeBytes() + "') and go on from there");
        }
        if (step == ResumableUpload.Step.PART && !upload.held().isEmpty()) {
            deleteQuietly(upload.held().stream().map(ResumableUpload.Held::key).toList());
        }
        return next.allReceived() ? finish(next, false) : new Incomplete(next.receivedBytes());
    }

    /**
     * Cancels an upload: aborts the S3 multipart upload, deletes the held chunks and gives the
     * quota back. A completed upload is a video: delete the video instead.
     */
    public void cancel(String owner, String id) {
        ResumableUpload upload = own(owner, id);
        if (upload.completed()) {
            throw Refusal.conflict("the upload is complete: it is video " + upload.videoUuid()
                    + "; delete the video instead");
        }
        if (upload.allReceived() && leaseLeft(upload).isPositive()) {
            throw Refusal.conflict("every byte has arrived and the upload is being completed");
        }
        if (!sessions.delete(upload)) {
            throw Refusal.conflict("the upload changed while it was being cancelled; try again");
        }
        videos.releaseQuota(owner, upload.sizeBytes());
        abortQuietly(upload.originalKey(), upload.multipartUploadId());
        try {
            chunks.deleteUnder(upload.heldPrefix());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "upload " + id + ": held chunks not deleted", e);
        }
        // A completion that failed half-way may have left the video behind.
        videos.find(upload.videoUuid()).filter(v -> v.state() == Video.State.UPLOADING)
                .ifPresent(v -> videos.save(v.withState(Video.State.FAILED, Optional.of("upload cancelled"))));
    }

    /**
     * Completes an upload whose every byte arrived: the video is recorded, S3 joins the parts into
     * the original (its event wakes the transcoder) and the video goes to TRANSCODING, as
     * {@link UploadService#complete} does. {@code recovering}: a request that took over from one
     * that stopped half-way, so any step may already be done.
     */
    private Outcome finish(ResumableUpload upload, boolean recovering) {
        Video video = videos.find(upload.videoUuid()).orElse(null);
        if (video == null) {
            video = new Video(upload.videoUuid(), upload.owner(), upload.channel(), upload.metadata(),
                    Video.State.UPLOADING, Optional.empty(), upload.sizeBytes(), Optional.of(upload.multipartUploadId()),
                    clock.instant());
            videos.save(video);
        }
        if (video.state() == Video.State.UPLOADING) {
            if (!recovering || !chunks.exists(upload.originalKey())) {
                storage.complete(upload.originalKey(), upload.multipartUploadId(), upload.parts());
            }
            video = video.withState(Video.State.TRANSCODING, Optional.empty());
            videos.save(video);
        }
        if (sessions.replace(upload.done(), upload.version())) {
            try {
                chunks.deleteUnder(upload.heldPrefix());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "upload " + upload.id() + ": held chunks not deleted", e);
            }
        }
        LOG.info("resumable upload " + upload.id() + " complete: video " + video.uuid() + ", " + upload.sizeBytes()
                + " bytes in " + upload.parts().size() + " parts");
        return new Complete(video);
    }

    /** Every byte arrived but the upload is not complete: wait for the request completing it, or take over from one that stopped. */
    private Outcome resumeCompletion(ResumableUpload upload) {
        Duration left = leaseLeft(upload);
        if (left.isPositive()) {
            return new Completing(Math.max(1, left.toSeconds()));
        }
        ResumableUpload claimed = upload.completing(clock.instant());
        if (!sessions.replace(claimed, upload.version())) {
            return new Completing(1);
        }
        LOG.warning("upload " + upload.id() + ": the request completing it stopped; taking over");
        return finish(claimed, true);
    }

    private Duration leaseLeft(ResumableUpload upload) {
        Instant since = upload.completingSince().orElse(Instant.EPOCH);
        return Duration.between(clock.instant(), since.plus(COMPLETION_LEASE));
    }

    private Outcome complete(ResumableUpload upload) {
        return new Complete(videos.find(upload.videoUuid())
                .orElseThrow(() -> Refusal.notFound("video " + upload.videoUuid() + " no longer exists")));
    }

    private ResumableUpload own(String owner, String id) {
        ResumableUpload upload = (id != null && UPLOAD_ID.matcher(id).matches() ? sessions.find(id) : Optional.<ResumableUpload>empty())
                .filter(u -> u.expiresAt().isAfter(clock.instant()))
                .orElseThrow(() -> Refusal.notFound("no resumable upload " + (id == null ? "(upload_id is missing)" : id)
                        + "; start a new one"));
        if (!upload.owner().equals(owner)) {
            throw Refusal.forbidden("this upload belongs to another account");
        }
        return upload;
    }

    private Channel channel(String owner, ChannelChoice choice) {
        return UploadChannels.resolve(accounts, owner, choice.name(), choice.id());
    }

    private void abortQuietly(String key, String multipartUploadId) {
        try {
            storage.abort(key, multipartUploadId);
        } catch (RuntimeException e) {
            // The lifecycle rule aborts it within a day anyway.
            LOG.log(Level.WARNING, "multipart upload of " + key + " not aborted", e);
        }
    }

    private void deleteQuietly(List<String> keys) {
        try {
            chunks.delete(keys);
        } catch (RuntimeException e) {
            // Swept when the upload completes or is cancelled.
            LOG.log(Level.WARNING, "held chunks " + keys + " not deleted", e);
        }
    }

    /** 128 random bits in hex: upload ids, and the suffix that keeps held chunks of racing requests apart. */
    private static String token() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
