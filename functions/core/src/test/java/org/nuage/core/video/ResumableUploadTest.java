package org.nuage.core.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nuage.core.Refusal;
import org.nuage.core.json.Json;

class ResumableUploadTest {

    private static final long MIB = 1024 * 1024;

    private static ResumableUpload upload(long size) {
        Video.VideoMetadata metadata = MetadataRules.check("A clip", null, null, null, null, null, null, null, null, null);
        return new ResumableUpload("0123456789abcdef0123456789abcdef", 1, "alice", "6f1c4d2e-1111-4222-8333-944445555666",
                "alice_channel", metadata, size, "video/mp4", "clip.mp4", "s3-upload", List.of(), List.of(),
                Optional.empty(), false, Instant.EPOCH, Instant.EPOCH.plusSeconds(86400));
    }

    private static ContentRange chunk(long first, long length, long total) {
        return ContentRange.parse("bytes " + first + "-" + (first + length - 1) + "/" + total);
    }

    /** Feeds chunks of the given sizes the way the service does, returning the state after each. */
    private static ResumableUpload feed(ResumableUpload upload, long... sizes) {
        for (long size : sizes) {
            ContentRange range = chunk(upload.receivedBytes(), size, upload.sizeBytes());
            if (upload.accept(range) == ResumableUpload.Step.HOLD) {
                upload = upload.withHeld(new ResumableUpload.Held(upload.heldKey(range.first(), "t"), range.first(), size));
            } else {
                upload = upload.withPart(new MultipartStorage.Part(upload.nextPartNumber(), "etag",
                        upload.heldBytes() + size));
            }
        }
        return upload;
    }

    @Test
    void holdsChunksUntilTheyAddUpToAnS3PartOfFiveMiB() {
        ResumableUpload upload = upload(13 * MIB);
        assertEquals(ResumableUpload.Step.HOLD, upload.accept(chunk(0, 4 * MIB, 13 * MIB)));
        upload = feed(upload, 4 * MIB);
        assertEquals(4 * MIB, upload.receivedBytes());
        assertEquals(4 * MIB, upload.heldBytes());
        assertTrue(upload.parts().isEmpty());

        assertEquals(ResumableUpload.Step.PART, upload.accept(chunk(4 * MIB, 4 * MIB, 13 * MIB)));
        upload = feed(upload, 4 * MIB);
        assertEquals(1, upload.parts().size());
        assertEquals(8 * MIB, upload.parts().get(0).size(), "the part takes the held chunk and the new one");
        assertEquals(0, upload.heldBytes());
        assertEquals(2, upload.nextPartNumber());
    }

    @Test
    void theLastChunkAlwaysBecomesAPartHoweverSmall() {
        ResumableUpload upload = feed(upload(4 * MIB + 10), 4 * MIB);
        assertEquals(ResumableUpload.Step.PART, upload.accept(chunk(4 * MIB, 10, 4 * MIB + 10)));
        upload = feed(upload, 10);
        assertTrue(upload.allReceived());
        assertEquals(List.of(4 * MIB + 10), upload.parts().stream().map(MultipartStorage.Part::size).toList());
        assertEquals(ResumableUpload.Step.PART, upload(7).accept(chunk(0, 7, 7)), "a tiny file is one last part");
    }

    @Test
    void everyPartButTheLastIsAtLeastFiveMiBWhateverTheChunkSizes() {
        long size = 23 * MIB + 4321;
        List<Long> sizes = new ArrayList<>();
        long[] pattern = {4 * MIB, MIB + 12345, 256 * 1024, 3 * MIB, 4 * MIB - 1};
        for (long sent = 0, i = 0; sent < size; i++) {
            long next = Math.min(pattern[(int) (i % pattern.length)], size - sent);
            sizes.add(next);
            sent += next;
        }
        ResumableUpload done = feed(upload(size), sizes.stream().mapToLong(Long::longValue).toArray());
        assertTrue(done.allReceived());
        assertEquals(size, done.partsBytes());
        List<MultipartStorage.Part> parts = done.parts();
        for (int i = 0; i < parts.size(); i++) {
            assertEquals(i + 1, parts.get(i).number());
            if (i < parts.size() - 1) {
                assertTrue(parts.get(i).size() >= ResumableUpload.MIN_PART_BYTES, "part " + (i + 1) + ": " + parts.get(i));
                assertTrue(parts.get(i).size() < ResumableUpload.MIN_PART_BYTES + ResumableUpload.MAX_CHUNK_BYTES);
            }
        }
    }

    @Test
    void smallestChunksHoldAtMostTwentyChunksPerPart() {
        ResumableUpload upload = upload(20 * MIB);
        int held = 0;
        while (upload.parts().isEmpty()) {
            upload = feed(upload, ResumableUpload.MIN_CHUNK_BYTES);
            held = Math.max(held, upload.held().size());
        }
        assertEquals(19, held, "the 20th chunk of 256 KiB makes the part");
    }

    @Test
    void refusesAChunkThatDoesNotStartWhereTheReceivedBytesEnd() {
        ResumableUpload upload = feed(upload(13 * MIB), 4 * MIB);
        var gap = assertThrows(ResumableUpload.OffsetMismatch.class, () -> upload.accept(chunk(5 * MIB, MIB, 13 * MIB)));
        assertEquals(409, gap.status());
        assertEquals(4 * MIB, gap.receivedBytes());
        assertTrue(gap.getMessage().contains("gap"), gap.getMessage());

        var overlap = assertThrows(ResumableUpload.OffsetMismatch.class,
                () -> upload.accept(chunk(4 * MIB - 1, MIB, 13 * MIB)));
        assertTrue(overlap.getMessage().contains("overlaps"), overlap.getMessage());
        var again = assertThrows(ResumableUpload.OffsetMismatch.class, () -> upload.accept(chunk(0, 4 * MIB, 13 * MIB)));
        assertEquals(4 * MIB, again.receivedBytes(), "a chunk sent twice is refused too: S3 holds its bytes already");
    }

    @Test
    void refusesATotalOtherThanTheDeclaredLength() {
        Refusal e = assertThrows(Refusal.class, () -> upload(13 * MIB).accept(chunk(0, MIB, 14 * MIB)));
        assertEquals(409, e.status());
        assertTrue(e.getMessage().contains("declared"), e.getMessage());
    }

    @Test
    void refusesAChunkOverTheCapWith413() {
        Refusal e = assertThrows(Refusal.class,
                () -> upload(13 * MIB).accept(chunk(0, ResumableUpload.MAX_CHUNK_BYTES + 1, 13 * MIB)));
        assertEquals(413, e.status());
        assertTrue(e.getMessage().contains(Integer.toString(ResumableUpload.MAX_CHUNK_BYTES)), e.getMessage());
        assertEquals(ResumableUpload.Step.HOLD,
                upload(13 * MIB).accept(chunk(0, ResumableUpload.MAX_CHUNK_BYTES, 13 * MIB)), "the cap itself is fine");
    }

    @Test
    void refusesATinyChunkUnlessItIsTheLast() {
        Refusal e = assertThrows(Refusal.class, () -> upload(13 * MIB).accept(chunk(0, 1000, 13 * MIB)));
        assertEquals(400, e.status());
        assertEquals(ResumableUpload.Step.HOLD, upload(13 * MIB).accept(chunk(0, ResumableUpload.MIN_CHUNK_BYTES, 13 * MIB)));
    }

    @Test
    void everyChangeIsANewVersion() {
        ResumableUpload upload = upload(13 * MIB);
        ResumableUpload held = feed(upload, 4 * MIB);
        assertEquals(upload.version() + 1, held.version());
        ResumableUpload completing = held.completing(Instant.EPOCH);
        assertEquals(held.version() + 1, completing.version());
        assertEquals(Optional.of(Instant.EPOCH), completing.completingSince());
        ResumableUpload done = completing.done();
        assertTrue(done.completed());
        assertTrue(done.held().isEmpty());
        assertFalse(upload.completed());
    }

    @Test
    void survivesTheJsonItIsStoredAs() {
        ResumableUpload upload = feed(upload(13 * MIB), 4 * MIB, 4 * MIB, MIB).completing(Instant.parse("2026-01-02T03:04:05Z"));
        assertEquals(upload, Json.read(Json.write(upload), ResumableUpload.class));
    }

    @Test
    void heldChunksLiveOutsideThePrefixThatWakesTheTranscoder() {
        ResumableUpload upload = upload(13 * MIB);
        String key = upload.heldKey(4 * MIB, "0f0f");
        assertTrue(key.startsWith(upload.heldPrefix()), key);
        assertFalse(key.startsWith("uploads/"), key);
        assertEquals("uploads/" + upload.videoUuid(), upload.originalKey());
    }
}
