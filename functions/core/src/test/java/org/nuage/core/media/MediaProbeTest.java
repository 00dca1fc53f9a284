package org.nuage.core.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probes files that ffmpeg generates, so what is asserted is what ffprobe really reports. */
class MediaProbeTest {

    @TempDir
    static Path dir;

    private static final MediaProbe PROBE = new MediaProbe("ffprobe");

    static Path clip;
    static Path tone;

    @BeforeAll
    static void generateMedia() throws Exception {
        clip = dir.resolve("clip.mp4");
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
                clip.toString());
        tone = dir.resolve("tone.wav");
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=440", "-t", "1", tone.toString());
    }

    private static void ffmpeg(String... args) throws Exception {
        var command = new java.util.ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertEquals(0, p.waitFor(), "ffmpeg failed");
    }

    private static ProbeReport probe(Path file) throws IOException {
        return PROBE.probe(file.toString(), Files.size(file));
    }

    @Test
    void probesVideoWithDurationSizeAndCodecs() throws IOException {
        ProbeReport report = probe(clip);
        assertEquals(ProbeReport.Status.PROBED, report.status());
        assertEquals(2.0, report.durationSeconds(), 0.1);
        assertEquals(Files.size(clip), report.sizeBytes());
        assertEquals(Optional.of("h264"), report.videoCodec());
        assertEquals(Optional.of("aac"), report.audioCodec());
        assertEquals(320, report.width());
        assertEquals(240, report.height());
        assertEquals(25.0, report.fps(), 0.01);
    }

    @Test
    void probesAudioOnlyFileWithoutVideoCodec() throws IOException {
        ProbeReport report = probe(tone);
        assertEquals(ProbeReport.Status.PROBED, report.status());
        assertEquals(Optional.empty(), report.videoCodec());
        assertEquals(Optional.of("pcm_s16le"), report.audioCodec());
    }

    @Test
    void aRejectedPresignedUrlLeavesNoCredentialsInTheReason() throws Exception {
        byte[] text = "this is not a video\n".repeat(50).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, text.length);
            exchange.getResponseBody().write(text);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://localhost:" + server.getAddress().getPort() + "/originals/uploads/abc"
                    + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDSECRET%2F20260101&X-Amz-Signature=deadbeef";
            ProbeReport report = PROBE.probe(url, text.length);
            assertTrue(report.isRejected());
            String reason = report.reason().orElseThrow();
            assertTrue(reason.startsWith("not a video or audio file"), reason);
            assertTrue(!reason.contains("X-Amz") && !reason.contains("AKIDSECRET") && !reason.contains("deadbeef")
                    && !reason.contains("localhost"), "the stored reason names no presigned URL: " + reason);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void rejectsTextFileWithReason() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "this is not a video\n".repeat(50));
        ProbeReport report = probe(text);
        assertTrue(report.isRejected());
        assertTrue(report.reason().orElseThrow().startsWith("not a video or audio file"), report.reason().get());
    }

    @Test
    void rejectsTruncatedMp4() throws IOException {
        Path truncated = dir.resolve("truncated.mp4");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(clip), 3000));
        assertTrue(probe(truncated).isRejected());
    }

    @Test
    void rejectsEmptyFileWithoutRunningFfprobe() {
        ProbeReport report = new MediaProbe("/nonexistent/ffprobe").probe("whatever", 0);
        assertEquals(Optional.of("the file is empty"), report.reason());
    }

    @Test
    void rejectsImageBecauseItsFormatIsNotOnTheWhitelist() throws Exception {
        Path png = dir.resolve("still.png");
        ffmpeg("-f", "lavfi", "-i", "testsrc", "-frames:v", "1", png.toString());
        assertTrue(probe(png).isRejected());
    }

    @Test
    void rejectsAbsurdDeclaredDimensions() {
        String forged = """
                {"streams":[{"codec_type":"video","codec_name":"h264","width":100000,"height":100000,
                "avg_frame_rate":"25/1"}],"format":{"duration":"10.0","size":"5000","format_name":"mov"}}""";
        ProbeReport report = MediaProbe.interpret(forged, 5000);
        assertTrue(report.isRejected());
        assertTrue(report.reason().orElseThrow().contains("exceeds"), report.reason().get());
    }

    @Test
    void ignoresCoverArtWhenLookingForVideo() {
        String mp3 = """
                {"streams":[{"codec_type":"audio","codec_name":"mp3"},{"codec_type":"video","codec_name":"mjpeg",
                "width":600,"height":600,"disposition":{"attached_pic":1}}],
                "format":{"duration":"180.0","size":"4000000","format_name":"mp3"}}""";
        ProbeReport report = MediaProbe.interpret(mp3, 4_000_000);
        assertEquals(Optional.empty(), report.videoCodec());
        assertEquals(0, report.width());
    }
}
