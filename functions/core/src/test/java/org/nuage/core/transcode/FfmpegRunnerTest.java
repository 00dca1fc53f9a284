package org.nuage.core.transcode;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegRunnerTest {

    @TempDir
    Path dir;

    @Test
    void aFailedRunNamesTheStepAndFfmpegsLastWord() throws Exception {
        Path notVideo = Files.writeString(dir.resolve("notes.mp4"), "not a video at all");
        MediaFailure failure = assertThrows(MediaFailure.class, () -> new FfmpegRunner(Duration.ofMinutes(1)).run(
                List.of("ffmpeg", "-nostdin", "-v", "error", "-i", notVideo.toString(), "-f", "null", "-"),
                "encoding 720p"));
        assertTrue(failure.getMessage().startsWith("encoding 720p failed: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("Invalid data"), failure.getMessage());
    }

    @Test
    void aRunThatDoesNotEndInTimeIsStoppedAndFailsTheVideo() {
        MediaFailure failure = assertThrows(MediaFailure.class, () -> new FfmpegRunner(Duration.ofMillis(500)).run(
                List.of("ffmpeg", "-nostdin", "-v", "error", "-re", "-f", "lavfi", "-i", "testsrc=rate=25",
                        "-f", "null", "-"), "encoding 720p"));
        assertTrue(failure.getMessage().contains("took longer than"), failure.getMessage());
    }

    @Test
    void onlyTheEndOfALongErrorOutputIsKept() {
        assertTrue(FfmpegRunner.lastLine("first\nsecond\n  last words \n").equals("last words"));
        assertTrue(FfmpegRunner.lastLine("").equals("ffmpeg gave no reason"));
    }
}
