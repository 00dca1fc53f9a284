package org.nuage.ffmpeglayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.core.media.MediaProbe;

/**
 * The packaged layer, unpacked into an empty folder as Lambda mounts it at /opt, run with nothing
 * of this machine's on the paths: the environment is cleared and PATH is the layer's bin/ alone.
 */
class FfmpegLayerIT {

    /**
     * Lambda allows 250 MB unpacked for a function and its layers together. The transcoder's
     * function.zip unpacks to 34 MB on the managed runtime, which leaves room for a layer of 150 MB.
     * Its custom-runtime zip unpacks to 143 MB (a jlinked JDK of 102 MB added), which leaves 119 MB
     * for the layer (88 MB now) and none for the transcoder's AOT cache (47 MB): that zip has none.
     */
    static final long MAX_UNPACKED_BYTES = 150L * 1000 * 1000;

    @TempDir
    static Path opt;
    /** Files the tests write, outside the layer's folder so its size and contents stay the zip's. */
    @TempDir
    static Path work;
    static Path bin;

    @BeforeAll
    static void unpack() throws Exception {
        Path zip = Path.of(System.getProperty("layer.zip"));
        assertTrue(Files.isRegularFile(zip), "no layer at " + zip + "; `mvn package` builds it");
        LayerZip.unpack(zip, opt);
        bin = opt.resolve("bin");
    }

    @Test
    void holdsFfmpegAndFfprobeAsExecutablesUnderBin() {
        assertTrue(Files.isExecutable(bin.resolve("ffmpeg")));
        assertTrue(Files.isExecutable(bin.resolve("ffprobe")));
    }

    @Test
    void fitsInLambdasSizeLimitWithRoomForTheTranscoder() throws Exception {
        long bytes;
        try (var files = Files.walk(opt)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        System.out.printf("ffmpeg layer: %.1f MB unpacked%n", bytes / 1e6);
        assertTrue(bytes < MAX_UNPACKED_BYTES, bytes + " bytes unpacked; at most " + MAX_UNPACKED_BYTES);
    }

    @Test
    void ffmpegAndFfprobeRunFromTheLayerAlone() throws Exception {
        assertTrue(run("ffmpeg", "-version").stdout().startsWith("ffmpeg version "));
        assertTrue(run("ffprobe", "-version").stdout().startsWith("ffprobe version "));
    }

    /**
     * The loader reports every library it initialises before it hands control to a program. The
     * shell and the wrapper, which exec their way to ffmpeg in the same process, report theirs
     * first; ffmpeg's is the last block (named after the wrapper, which passes its name as argv[0]).
     */
    @Test
    void loadsNoLibraryFromTheHost() throws Exception {
        Result result = run(Map.of("LD_DEBUG", "libs"), "ffmpeg", "-hide_banner", "-encoders");
        Pattern init = Pattern.compile("calling init: (\\S+)");
        Pattern control = Pattern.compile("transferring control: (\\S+)");
        List<String> block = new ArrayList<>();
        List<String> loaded = List.of();
        String program = null;
        for (String line : result.stderr().lines().toList()) {
            Matcher matcher = init.matcher(line);
            if (matcher.find()) {
                block.add(matcher.group(1));
            }
            matcher = control.matcher(line);
            if (matcher.find()) {
                program = matcher.group(1);
                loaded = List.copyOf(block);
                block.clear();
            }
        }
        String layer = opt.toRealPath().toString();
        assertTrue(program != null && program.startsWith(layer), "control went to " + program + ":\n" + result.stderr());
        assertTrue(loaded.size() > 10, "the loader reported no libraries:\n" + result.stderr());
        List<String> foreign = loaded.stream().filter(path -> !path.startsWith(layer)).toList();
        assertEquals(List.of(), foreign, "libraries loaded from outside the layer");
    }

    @Test
    void transcodesOneSecondToH264AndAacThatTheBundledFfprobeReads() throws Exception {
        Path out = work.resolve("smoke.mp4");
        {
            run("ffmpeg", "-v", "error", "-nostdin",
                    "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                    "-t", "1", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-b:a", "96k", "-movflags", "+faststart", "-y", out.toString());
            Map<String, String> video = probe(out, "v:0", "codec_name,width,height,pix_fmt");
            assertEquals("h264", video.get("codec_name"));
            assertEquals("320", video.get("width"));
            assertEquals("240", video.get("height"));
            assertEquals("yuv420p", video.get("pix_fmt"));
            assertEquals("aac", probe(out, "a:0", "codec_name").get("codec_name"));
            double seconds = Double.parseDouble(run("ffprobe", "-v", "error", "-show_entries", "format=duration",
                    "-of", "default=noprint_wrappers=1:nokey=1", out.toString()).stdout().strip());
            assertTrue(seconds > 0.95 && seconds < 1.1, "duration " + seconds);
        }
    }

    /** ffprobe reads uploads from presigned HTTPS URLs, in any container MediaProbe accepts. */
    @Test
    void readsEveryContainerTheTranscoderAcceptsAndHttps() throws Exception {
        String demuxers = run("ffprobe", "-hide_banner", "-demuxers").stdout();
        List<String> missing = Arrays.stream(MediaProbe.FORMAT_WHITELIST.split(","))
                .filter(format -> !Pattern.compile("^\\s*D\\S*\\s+(\\S+,)*" + Pattern.quote(format) + "(,\\S+)*\\s",
                        Pattern.MULTILINE).matcher(demuxers).find())
                .toList();
        assertEquals(List.of(), missing, "demuxers missing from the layer");
        String protocols = run("ffprobe", "-hide_banner", "-protocols").stdout();
        assertTrue(protocols.lines().anyMatch(line -> line.strip().equals("https")), protocols);
    }

    /** A WebM upload (VP9 and Opus) becomes the MP4 the transcoder writes: decoders and encoders both work. */
    @Test
    void convertsAWebmUploadToMp4() throws Exception {
        {
            Path webm = work.resolve("upload.webm");
            Path mp4 = work.resolve("upload.mp4");
            run("ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25",
                    "-f", "lavfi", "-i", "sine", "-t", "1", "-c:v", "libvpx-vp9", "-deadline", "realtime",
                    "-c:a", "libopus", "-y", webm.toString());
            assertEquals("vp9", probe(webm, "v:0", "codec_name").get("codec_name"));
            run("ffmpeg", "-v", "error", "-nostdin", "-i", webm.toString(), "-c:v", "libx264", "-preset",
                    "veryfast", "-c:a", "aac", "-y", mp4.toString());
            assertEquals("h264", probe(mp4, "v:0", "codec_name").get("codec_name"));
            assertEquals("aac", probe(mp4, "a:0", "codec_name").get("codec_name"));
        }
    }

    private static Map<String, String> probe(Path file, String stream, String entries) throws Exception {
        String out = run("ffprobe", "-v", "error", "-select_streams", stream, "-show_entries", "stream=" + entries,
                "-of", "default=noprint_wrappers=1", file.toString()).stdout();
        return out.lines().filter(line -> line.contains("="))
                .collect(java.util.stream.Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1)));
    }

    record Result(String stdout, String stderr) {
    }

    private static Result run(String... command) throws Exception {
        return run(Map.of(), command);
    }

    /**
     * Runs a command by name through {@code sh}, so it is looked up on PATH as a program would look
     * it up, in an environment holding PATH (the layer's bin/) and {@code extra} alone.
     */
    private static Result run(Map<String, String> extra, String... command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$0\" \"$@\""));
        argv.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().clear();
        builder.environment().put("PATH", bin.toString());
        builder.environment().putAll(extra);
        Path stderr = Files.createTempFile(work, "stderr", ".txt");
        try {
            Process process = builder.redirectError(stderr.toFile()).start();
            String stdout = new String(process.getInputStream().readAllBytes());
            int exit = process.waitFor();
            String errors = Files.readString(stderr);
            assertEquals(0, exit, String.join(" ", command) + " failed:\n" + errors);
            assertFalse(errors.contains("was left out of the layer"), errors);
            return new Result(stdout, errors);
        } finally {
            Files.delete(stderr);
        }
    }
}
