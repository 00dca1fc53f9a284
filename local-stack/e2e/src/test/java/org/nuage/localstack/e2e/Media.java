package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test media made by ffmpeg, so each test knows exactly what it uploads. */
final class Media {

    private Media() {
    }

    /** A clip with H.264 video and AAC audio, {@code seconds} long, at 320x240 and 25 fps. */
    static Path clip(Path dir, int seconds) throws Exception {
        Path clip = dir.resolve("clip-" + seconds + "s.mp4");
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-movflags", "+faststart", clip.toString());
        return clip;
    }

    static void ffmpeg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        command.addAll(List.of(args));
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), "ffmpeg failed: " + command);
    }
}
