package org.nuage.core.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Recognises the containers ffmpeg reads from a file's first bytes, for the API, which has no
 * ffprobe: a file none of them starts with is refused before it is stored; one that merely starts
 * like a video is probed by the transcoder as every upload is.
 */
public final class MediaSignatures {

    /** The bytes to read: enough for an MPEG transport stream's second sync byte (188 + 4 for M2TS). */
    public static final int HEAD_BYTES = 512;

    private MediaSignatures() {
    }

    /** The container {@code head} (a file's first bytes) starts like, or empty when it is no media file we know. */
    public static Optional<String> container(byte[] head) {
        if (at(head, 4, "ftyp") || at(head, 4, "moov") || at(head, 4, "mdat") || at(head, 4, "wide")
                || at(head, 4, "free") || at(head, 4, "skip")) {
            return Optional.of("ISO base media (MP4, MOV, M4A, 3GP)");
        }
        if (at(head, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return Optional.of("Matroska/WebM");
        }
        if (at(head, 0, "OggS")) {
            return Optional.of("Ogg");
        }
        if (at(head, 0, "RIFF") && (at(head, 8, "AVI ") || at(head, 8, "WAVE"))) {
            return Optional.of(at(head, 8, "AVI ") ? "AVI" : "WAV");
        }
        if (at(head, 0, "FLV")) {
            return Optional.of("FLV");
        }
        if (at(head, 0, 0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11)) {
            return Optional.of("ASF (WMV, WMA)");
        }
        if (at(head, 0, 0x00, 0x00, 0x01, 0xBA) || at(head, 0, 0x00, 0x00, 0x01, 0xB3)) {
            return Optional.of("MPEG program stream");
        }
        // Transport streams: a sync byte every 188 bytes; M2TS puts a 4-byte timecode before each packet.
        if (head.length > 188 && head[0] == 0x47 && head[188] == 0x47) {
            return Optional.of("MPEG transport stream");
        }
        if (head.length > 196 && head[4] == 0x47 && head[196] == 0x47) {
            return Optional.of("MPEG-2 transport stream (M2TS)");
        }
        if (at(head, 0, 0x06, 0x0E, 0x2B, 0x34)) {
            return Optional.of("MXF");
        }
        if (at(head, 0, "fLaC")) {
            return Optional.of("FLAC");
        }
        if (at(head, 0, "ID3") || at(head, 0, "#!AMR")) {
            return Optional.of(at(head, 0, "ID3") ? "MP3" : "AMR");
        }
        // An MPEG audio frame (MP3) or an ADTS frame (AAC) starts with 11 set sync bits.
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) {
            return Optional.of("MPEG audio (MP3, AAC)");
        }
        if (at(head, 0, 0x0B, 0x77)) {
            return Optional.of("AC-3");
        }
        return Optional.empty();
    }

    private static boolean at(byte[] head, int offset, String ascii) {
        byte[] expected = ascii.getBytes(StandardCharsets.US_ASCII);
        return head.length >= offset + expected.length
                && Arrays.equals(head, offset, offset + expected.length, expected, 0, expected.length);
    }

    private static boolean at(byte[] head, int offset, int... bytes) {
        if (head.length < offset + bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[offset + i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
