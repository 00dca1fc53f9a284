package org.nuage.core.video;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.nuage.core.Refusal;
import org.nuage.core.account.Account;
import org.nuage.core.account.AccountService;
import org.nuage.core.account.Channel;

/**
 * Direct uploads: the API checks the owner, the channel, the metadata and the quota, starts an S3
 * multipart upload and hands out presigned part URLs; the client sends the bytes straight to S3,
 * can ask which parts arrived to resume, and completes. S3's object-created event then wakes the
 * transcoder.
 */
public final class UploadService {

    /** S3 parts are 5 MiB at least (but the last) and at most 10,000 per object. */
    static final long MIN_PART_BYTES = 8L * 1024 * 1024;
    static final int MAX_PARTS = 10_000;

    /** The largest original we take: 10 GiB is the most a 15-minute transcoder can work through. */
    public static final long MAX_UPLOAD_BYTES = 10L * 1024 * 1024 * 1024;

    /** Part URLs outlive a slow upload of a whole part on a phone, and not much more. */
    static final Duration PART_URL_VALIDITY = Duration.ofHours(6);

    /** What the client needs to send the bytes: the part size and one URL per part. */
    public record UploadTicket(Video video, String uploadId, long partSize, List<PartUrl> parts) {
    }

    /** One presigned PUT for one part. */
    public record PartUrl(int partNumber, URI url) {
    }

    /** A started upload's progress: the parts S3 holds and the bytes they add up to. */
    public record Progress(Video video, long partSize, List<MultipartStorage.Part> received, long receivedBytes) {
    }

    private final AccountService accounts;
    private final VideoCatalog videos;
    private final MultipartStorage storage;
    private final Clock clock;

    public UploadService(AccountService accounts, VideoCatalog videos, MultipartStorage storage, Clock clock) {
        this.accounts = accounts;
        this.videos = videos;
        this.storage = storage;
        this.clock = clock;
    }

    public UploadTicket start(String owner, String channelName, Video.VideoMetadata metadata, long sizeBytes,
            String contentType) {
        Account account = accounts.account(owner);
        Channel channel = accounts.channel(channelName);
        if (!channel.owner().equals(owner)) {
            throw Refusal.forbidden("channel " + channelName + " belongs to another account");
        }
        if (sizeBytes <= 0) {
            throw Refusal.badRequest("size must be the file's length in bytes, more than 0");
        }
        if (sizeBytes > MAX_UPLOAD_BYTES) {
            throw new Refusal(413, "a video may be at most " + MAX_UPLOAD_BYTES + " bytes");
        }
        if (!videos.reserveQuota(owner, sizeBytes, account.videoQuotaBytes())) {
            throw new Refusal(413, "this upload of " + sizeBytes + " bytes exceeds your remaining quota ("
                    + Math.max(0, account.videoQuotaBytes() - videos.usedBytes(owner)) + " of "
                    + account.videoQuotaBytes() + " bytes left)");
        }
        String uuid = UUID.randomUUID().toString();
        String uploadId;
        Video video;
        try {
            uploadId = storage.start(Video.originalKey(uuid), contentType == null ? "application/octet-stream" : contentType);
            video = new Video(uuid, owner, channel.name(), metadata, Video.State.UPLOADING, Optional.empty(), sizeBytes,
                    Optional.of(uploadId), clock.instant());
            videos.save(video);
        } catch (RuntimeException e) {
            videos.releaseQuota(owner, sizeBytes);
            throw e;
        }
        long partSize = partSize(sizeBytes);
        int count = (int) ((sizeBytes + partSize - 1) / partSize);
        List<PartUrl> urls = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            long length = n < count ? partSize : sizeBytes - (count - 1) * partSize;
            urls.add(new PartUrl(n, storage.presignPart(video.originalKey(), uploadId, n, length, PART_URL_VALIDITY)));
        }
        return new UploadTicket(video, uploadId, partSize, urls);
    }

    public Progress progress(String owner, String uuid) {
        Video video = own(owner, uuid);
        String uploadId = uploading(video);
        List<MultipartStorage.Part> parts = storage.parts(video.originalKey(), uploadId);
        return new Progress(video, partSize(video.declaredSizeBytes()), parts,
                parts.stream().mapToLong(MultipartStorage.Part::size).sum());
    }

    /**
     * Completes the upload from the parts S3 holds. A file larger than declared is refused (the
     * quota was reserved for the declared size) and its parts are thrown away.
     */
    public Video complete(String owner, String uuid) {
        Video video = own(owner, uuid);
        String uploadId = uploading(video);
        List<MultipartStorage.Part> parts = storage.parts(video.originalKey(), uploadId);
        long received = parts.stream().mapToLong(MultipartStorage.Part::size).sum();
        if (received != video.declaredSizeBytes()) {
            if (received > video.declaredSizeBytes()) {
                fail(video, uploadId, "the upload sent " + received + " bytes, more than the " + video.declaredSizeBytes()
                        + " declared");
                throw new Refusal(413, "the upload sent " + received + " bytes, more than the "
                        + video.declaredSizeBytes() + " declared; it was discarded");
            }
            throw new Refusal(409, "only " + received + " of " + video.declaredSizeBytes()
                    + " bytes have arrived; send the missing parts, then complete");
        }
        storage.complete(video.originalKey(), uploadId, parts);
        Video transcoding = video.withState(Video.State.TRANSCODING, Optional.empty());
        videos.save(transcoding);
        return transcoding;
    }

    /**
     * Discards the bytes. The declared size keeps counting against the quota, as every video's does,
     * until the owner deletes the failed video: one rule, so deleting never gives back twice.
     */
    private void fail(Video video, String uploadId, String reason) {
        storage.abort(video.originalKey(), uploadId);
        videos.save(video.withState(Video.State.FAILED, Optional.of(reason)));
    }

    private Video own(String owner, String uuid) {
        Video video = videos.find(uuid).orElseThrow(() -> Refusal.notFound("no video " + uuid));
        if (!video.owner().equals(owner)) {
            throw Refusal.forbidden("video " + uuid + " belongs to another account");
        }
        return video;
    }

    private String uploading(Video video) {
        if (video.state() != Video.State.UPLOADING) {
            throw Refusal.conflict("video " + video.uuid() + " is no longer uploading (" + video.state() + ")");
        }
        return video.multipartUploadId()
                .orElseThrow(() -> Refusal.conflict("video " + video.uuid() + " has no upload in progress"));
    }

    /** The smallest part of at least 8 MiB that fits the file in 10,000 parts, rounded to a MiB. */
    static long partSize(long sizeBytes) {
        long needed = (sizeBytes + MAX_PARTS - 1) / MAX_PARTS;
        long mib = 1024 * 1024;
        return Math.max(MIN_PART_BYTES, (needed + mib - 1) / mib * mib);
    }
}
