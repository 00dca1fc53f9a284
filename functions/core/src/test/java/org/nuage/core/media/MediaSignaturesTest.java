package org.nuage.core.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The containers ffmpeg writes are recognised from their first bytes; other files are not. */
class MediaSignaturesTest {

    @TempDir
    Path tmp;

    private Optional<String> containerOf(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return MediaSignatures.container(in.readNBytes(MediaSignatures.HEAD_BYTES));
        }
    }

    private Path encode(String name, String... codecs) throws Exception {
        Path file = tmp.resolve(name);
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=160x120:rate=25", "-f", "lavfi", "-i", "sine=frequency=440", "-t", "0.5"));
        command.addAll(List.of(codecs));
        command.add(file.toString());
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), "ffmpeg failed: " + command);
        return file;
    }

    @Test
    void recognisesTheVideoContainersFfmpegWrites() throws Exception {
        for (String name : List.of("a.mp4", "a.mov", "a.webm", "a.mkv", "a.ogv", "a.avi", "a.flv", "a.ts", "a.mpg",
                "a.3gp", "a.wmv", "a.mxf")) {
            String[] codecs = switch (name) {
                case "a.webm" -> new String[] {"-c:v", "libvpx", "-c:a", "libopus"};
                case "a.3gp" -> new String[] {"-c:v", "h263", "-s", "176x144", "-ar", "8000", "-ac", "1", "-c:a",
                        "aac"};
                case "a.mxf" -> new String[] {"-c:v", "mpeg2video", "-ar", "48000", "-c:a", "pcm_s16le"};
                default -> new String[0];
            };
            Path file = encode(name, codecs);
            assertTrue(containerOf(file).isPresent(), name + " is not recognised");
        }
    }

    @Test
    void recognisesAudioFiles() throws Exception {
        for (String name : List.of("a.mp3", "a.m4a", "a.wav", "a.flac", "a.ogg", "a.opus", "a.aac")) {
            Path file = encode(name, "-vn");
            assertTrue(containerOf(file).isPresent(), name + " is not recognised");
        }
    }

    @Test
    void refusesFilesThatAreNoMedia() throws Exception {
        Path png = encode("a.png", "-frames:v", "1");
        assertEquals(Optional.empty(), containerOf(png));
        assertEquals(Optional.empty(), MediaSignatures.container("<!doctype html><p>hello</p>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), MediaSignatures.container("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), MediaSignatures.container(new byte[] {'P', 'K', 3, 4, 20, 0}));
        assertEquals(Optional.empty(), MediaSignatures.container(new byte[0]));
    }
}
