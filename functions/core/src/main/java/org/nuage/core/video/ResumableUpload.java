package org.nuage.core.video;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nuage.core.Refusal;

/**
 * A resumable upload in progress (PeerTube's {@code upload-resumable}): what the owner declared,
 * the S3 parts that hold the bytes so far, and the chunks held aside until there are enough bytes
 * for a part. {@code version} grows with every stored change, so two requests cannot both advance
 * the same state.
 */
public record ResumableUpload(String id, long version, String owner, String videoUuid, String channel,
        Video.VideoMetadata metadata, long sizeBytes, String contentType, String filename, String multipartUploadId,
        List<MultipartStorage.Part> parts, List<Held> held, Optional<Instant> completingSince, boolean completed,
        Instant createdAt, Instant expiresAt) {

    /**
     * The largest chunk a PUT may carry. Lambda takes at most 6 MB per synchronous request, and API
     * Gateway hands a binary body to it base64-encoded (4/3 of its size): 4 MiB becomes 5.6 MB,
     * which leaves room for the headers.
     */
    public static final int MAX_CHUNK_BYTES = 4 * 1024 * 1024;

    /**
     * S3 refuses parts under 5 MiB, but the last. Chunks are smaller than that (see
     * {@link #MAX_CHUNK_BYTES}), so chunks are held until they add up to a part.
     */
    public static final long MIN_PART_BYTES = 5L * 1024 * 1024;

    /**
     * The smallest chunk but the last: uploadx's adaptive chunks never go below 256 KiB. It keeps a
     * part to at most 20 held chunks, so the state stays a small item.
     */
    public static final int MIN_CHUNK_BYTES = 256 * 1024;

    /** Where held chunks live in the originals bucket: outside {@code uploads/}, so S3 does not wake the transcoder. */
    public static final String HELD_PREFIX = "resumable/";

    /** A chunk kept as a private object in the originals bucket: its key, its first byte in the file, its size. */
    public record Held(String key, long first, long size) {
    }

    /** What to do with an accepted chunk. */
    public enum Step {
        /** Keep it aside: with the held chunks before it, it is still under {@link #MIN_PART_BYTES}. */
        HOLD,
        /** Send the held chunks and this one to S3 as the next part. */
        PART
    }

    /** A chunk that does not start where the received bytes end; says where the next chunk must start. */
    public static final class OffsetMismatch extends Refusal {

        private final long receivedBytes;

        OffsetMismatch(String message, long receivedBytes) {
            super(409, message);
            this.receivedBytes = receivedBytes;
        }

        public long receivedBytes() {
            return receivedBytes;
        }
    }

    public ResumableUpload {
        parts = List.copyOf(parts);
        held = List.copyOf(held);
    }

    public long partsBytes() {
        return parts.stream().mapToLong(MultipartStorage.Part::size).sum();
    }

    public long heldBytes() {
        return held.stream().mapToLong(Held::size).sum();
    }

    /** The offset: bytes 0 to receivedBytes - 1 have arrived, in parts or held. */
    public long receivedBytes() {
        return partsBytes() + heldBytes();
    }

    public boolean allReceived() {
        return receivedBytes() == sizeBytes;
    }

    /** The S3 object the upload becomes. */
    public String originalKey() {
        return Video.originalKey(videoUuid);
    }

    /** Every held chunk of this upload is under this prefix, so cancelling can sweep them all. */
    public String heldPrefix() {
        return HELD_PREFIX + id + "/";
    }

    /** A new held chunk's key; {@code token} keeps two requests racing for the same bytes apart. */
    public String heldKey(long first, String token) {
        return heldPrefix() + first + "-" + token;
    }

    /**
     * Checks a chunk against what has arrived and says what to do with it. Nothing is stored for a
     * refused chunk: a total other than the declared size (409), a chunk over the cap (413), one
     * that does not start at the offset (409, {@link OffsetMismatch}), one under
     * {@link #MIN_CHUNK_BYTES} that is not the last (400).
     */
    public Step accept(ContentRange range) {
        if (range.isQuery()) {
            throw new IllegalArgumentException("a question carries no chunk");
        }
        if (range.total() != sizeBytes) {
            throw Refusal.conflict("Content-Range says the file has " + range.total() + " bytes, but "
                    + sizeBytes + " were declared (X-Upload-Content-Length) when the upload started");
        }
        checkChunkLength(range.length());
        long received = receivedBytes();
        if (range.first() != received) {
            String problem = range.first() < received
                    ? "overlaps the " + received + " bytes already received"
                    : "leaves a gap: only " + received + " bytes have arrived";
            throw new OffsetMismatch("the chunk " + range + " " + problem + "; the next chunk must start at byte "
                    + received, received);
        }
        if (!range.isLast() && range.length() < MIN_CHUNK_BYTES) {
            throw Refusal.badRequest("Chunk size should be at least " + MIN_CHUNK_BYTES
                    + " bytes (except for the last chunk)");
        }
        return range.isLast() || heldBytes() + range.length() >= MIN_PART_BYTES ? Step.PART : Step.HOLD;
    }

    /** Refuses (413) a chunk over {@link #MAX_CHUNK_BYTES}, before anyone reads it. */
    public static void checkChunkLength(long length) {
        if (length > MAX_CHUNK_BYTES) {
            throw new Refusal(413, "a chunk may be at most " + MAX_CHUNK_BYTES + " bytes (" + length
                    + " sent): a function takes at most 6 MB per request; send smaller chunks");
        }
    }

    /** The next version, with a chunk held aside. */
    public ResumableUpload withHeld(Held chunk) {
        List<Held> more = new ArrayList<>(held);
        more.add(chunk);
        return new ResumableUpload(id, version + 1, owner, videoUuid, channel, metadata, sizeBytes, contentType,
                filename, multipartUploadId, parts, more, completingSince, completed, createdAt, expiresAt);
    }

    /** The next version, with a new part that took in every held chunk. */
    public ResumableUpload withPart(MultipartStorage.Part part) {
        List<MultipartStorage.Part> more = new ArrayList<>(parts);
        more.add(part);
        return new ResumableUpload(id, version + 1, owner, videoUuid, channel, metadata, sizeBytes, contentType,
                filename, multipartUploadId, more, List.of(), completingSince, completed, createdAt, expiresAt);
    }

    /** The next version, claimed by a request that completes the upload from {@code now}. */
    public ResumableUpload completing(Instant now) {
        return new ResumableUpload(id, version + 1, owner, videoUuid, channel, metadata, sizeBytes, contentType,
                filename, multipartUploadId, parts, held, Optional.of(now), completed, createdAt, expiresAt);
    }

    /** The next version: the original is stored and the video exists. */
    public ResumableUpload done() {
        return new ResumableUpload(id, version + 1, owner, videoUuid, channel, metadata, sizeBytes, contentType,
                filename, multipartUploadId, parts, List.of(), completingSince, true, createdAt, expiresAt);
    }

    /** The number the next part gets; S3 numbers parts from 1. */
    public int nextPartNumber() {
        return parts.size() + 1;
    }
}
