package org.nuage.core.media;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.nuage.core.json.Json;

/**
 * Runs {@code ffprobe} on an upload and turns its report into a {@link ProbeReport}, rejecting
 * what is not a medium Nuage can publish.
 */
public final class MediaProbe {

    /**
     * Demuxers of real audio and video containers. Everything else is refused before it is read:
     * playlists (hls, concat) and image sequences could make ffprobe open other URLs or files.
     */
    public static final String FORMAT_WHITELIST =
            "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,flv,mpegts,mpeg,ogg,asf,wav,mp3,flac,aac";

    /** 8K UHD is 7680x4320; anything larger is a forged header meant to exhaust memory. */
    static final int MAX_DIMENSION = 8192;

    /** A healthy probe reads a few hundred kilobytes; a minute means a hostile or stuck input. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Enough of ffprobe's error output to explain a rejection, not enough to flood a log or a row. */
    private static final int MAX_STDERR_BYTES = 4096;

    private final String ffprobe;

    /** {@code ffprobe} is the executable: a path, or a name looked up on the PATH. */
    public MediaProbe(String ffprobe) {
        this.ffprobe = ffprobe;
    }

    /**
     * Finds ffprobe where the Lambda layer mounts it ({@code /opt/bin}), else on the PATH.
     */
    public static MediaProbe fromLayerOrPath() {
        Path layer = Path.of("/opt/bin/ffprobe");
        return new MediaProbe(layer.toFile().canExecute() ? layer.toString() : "ffprobe");
    }

    /**
     * Probes {@code input}, a local path or an http(s) URL (such as a presigned GET), whose object is
     * {@code sizeBytes} long.
     */
    public ProbeReport probe(String input, long sizeBytes) {
        if (sizeBytes == 0) {
            return ProbeReport.rejected("the file is empty", 0);
        }
        List<String> command = List.of(ffprobe, "-v", "error", "-hide_banner",
                // Only what a presigned URL or a local file needs: no other protocol can be reached.
                "-protocol_whitelist", "file,http,https,tcp,tls,crypto",
                "-format_whitelist", FORMAT_WHITELIST,
                "-print_format", "json", "-show_format", "-show_streams", input);
        ProcessResult result = run(command);
        if (result.timedOut()) {
            return ProbeReport.rejected("probing took longer than " + TIMEOUT.toSeconds()
                    + " s; the file looks damaged or hostile", sizeBytes);
        }
        if (result.exitCode() != 0) {
            return ProbeReport.rejected("not a video or audio file that can be read ("
                    + withoutUrls(lastLine(result.stderr()).replace(input, "the file")) + ")", sizeBytes);
        }
        return interpret(result.stdout(), sizeBytes);
    }

    /** Reads ffprobe's JSON report; public so that recorded reports can be checked without ffprobe. */
    public static ProbeReport interpret(String ffprobeJson, long sizeBytes) {
        JsonNode report = Json.tree(ffprobeJson);
        JsonNode format = report.path("format");
        Optional<JsonNode> video = firstStream(report, "video");
        Optional<JsonNode> audio = firstStream(report, "audio");
        if (video.isEmpty() && audio.isEmpty()) {
            return ProbeReport.rejected("no audio or video stream found", sizeBytes);
        }
        double duration = format.path("duration").asDouble(0);
        if (!(duration > 0)) {
            return ProbeReport.rejected("the file has no duration; it is not a playable video", sizeBytes);
        }
        int width = video.map(v -> v.path("width").asInt(0)).orElse(0);
        int height = video.map(v -> v.path("height").asInt(0)).orElse(0);
        if (video.isPresent() && (width <= 0 || height <= 0)) {
            return ProbeReport.rejected("the video stream has no picture size", sizeBytes);
        }
        if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
            return ProbeReport.rejected("picture size " + width + "x" + height + " exceeds the "
                    + MAX_DIMENSION + "x" + MAX_DIMENSION + " limit", sizeBytes);
        }
        double fps = video.map(v -> rate(v.path("avg_frame_rate").asText("0/1")))
                .filter(r -> r > 0)
                .or(() -> video.map(v -> rate(v.path("r_frame_rate").asText("0/1"))))
                .orElse(0.0);
        long size = format.path("size").asLong(sizeBytes);
        return new ProbeReport(ProbeReport.Status.PROBED, Optional.empty(), duration, size,
                format.path("format_name").asText(""), video.map(v -> v.path("codec_name").asText("")),
                width, height, fps, audio.map(a -> a.path("codec_name").asText("")),
                video.map(MediaProbe::rotationOf).orElse(0));
    }

    /**
     * The rotation of the first video stream that is not cover art: the display matrix side data (ffmpeg 5 and later) or the older
     * {@code rotate} tag. Its sign differs between ffmpeg versions; only whether it is a quarter turn
     * matters to the planner, because ffmpeg turns the picture itself when it decodes.
     */
    public static int rotationOf(String ffprobeJson) {
        return firstStream(Json.tree(ffprobeJson), "video").map(MediaProbe::rotationOf).orElse(0);
    }

    private static int rotationOf(JsonNode stream) {
        for (JsonNode sideData : stream.path("side_data_list")) {
            if (sideData.has("rotation")) {
                return (int) Math.floorMod(Math.round(sideData.path("rotation").asDouble()), 360);
            }
        }
        return Math.floorMod(stream.path("tags").path("rotate").asInt(0), 360);
    }

    private static Optional<JsonNode> firstStream(JsonNode report, String type) {
        for (JsonNode stream : report.path("streams")) {
            // Cover art in MP3 and M4A files is a one-frame "video" stream; it is not the video.
            boolean coverArt = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            if (type.equals(stream.path("codec_type").asText()) && !coverArt) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }

    static double rate(String fraction) {
        String[] parts = fraction.split("/");
        try {
            double num = Double.parseDouble(parts[0]);
            double den = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return den == 0 ? 0 : num / den;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * ffprobe names its input in its errors, and the input is a presigned URL whose query is a
     * credential: the reason is stored on the video, shown to its owner and logged, so no URL stays.
     */
    private static String withoutUrls(String line) {
        return line.replaceAll("(?i)\\b(https?|tcp|tls)://\\S+", "the file");
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        String line = lines.length == 0 ? "" : lines[lines.length - 1].strip();
        return line.isEmpty() ? "ffprobe gave no reason" : line;
    }

    private ProcessResult run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(new ArrayList<>(command)).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + ffprobe, e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream(), Integer.MAX_VALUE));
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream(), MAX_STDERR_BYTES));
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
                return new ProcessResult(-1, "", "", true);
            }
            return new ProcessResult(process.exitValue(), new String(stdout.join(), StandardCharsets.UTF_8),
                    new String(stderr.join(), StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing", e);
        }
    }

    private static byte[] readAll(InputStream in, int cap) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                // Keep draining past the cap so the process never blocks on a full pipe.
                int keep = Math.min(n, cap - out.size());
                if (keep > 0) {
                    out.write(buffer, 0, keep);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private record ProcessResult(int exitCode, String stdout, String stderr, boolean timedOut) {
    }
}
