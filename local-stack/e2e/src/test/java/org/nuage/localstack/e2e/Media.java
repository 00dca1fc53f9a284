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

    /**
     * A 640x360, 30 fps clip with sound whose noisy picture makes it about 14 MB for 12 seconds: big
     * enough to upload in two parts, and a ladder of three renditions (144p, 240p, 360p).
     */
    static Path noisyClip(Path dir, int seconds) throws Exception {
        Path clip = dir.resolve("noisy-" + seconds + "s.mp4");
        ffmpeg("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", Integer.toString(seconds), "-vf", "noise=alls=12:allf=t",
                "-c:v", "libx264", "-preset", "ultrafast", "-qp", "28", "-pix_fmt", "yuv420p", "-c:a", "aac",
                "-movflags", "+faststart", clip.toString());
        return clip;
    }

    static void ffmpeg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        command.addAll(List.of(args));
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), "ffmpeg failed: " + command);
    }
}
