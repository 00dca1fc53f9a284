package org.nuage.core.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nuage.core.json.Json;

/** Runs ffmpeg and ffprobe for the media tests and reads what they report. */
final class MediaTools {

    private MediaTools() {
    }

    /** What a finished process left: its exit code and its output. */
    record Run(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code command}, which must finish within a minute. */
    static Run run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Run(process.exitValue(), new String(stdout.join(), StandardCharsets.UTF_8),
                    new String(stderr.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs {@code command} and fails the test, with ffmpeg's message, unless it succeeds. */
    static Run succeed(List<String> command) {
        Run run = run(command);
        assertEquals(0, run.exitCode(), () -> String.join(" ", command) + "\n" + run.stderr());
        return run;
    }

    /** Generates a test input with ffmpeg's own options (lavfi sources). */
    static void generate(String... args) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(List.of(args));
        succeed(command);
    }

    /** ffprobe's streams and format of {@code file}. */
    static JsonNode probe(Path file) {
        return Json.tree(succeed(List.of("ffprobe", "-v", "error", "-of", "json", "-show_streams", "-show_format",
                file.toString())).stdout());
    }

    /** The first stream of {@code type} ("video" or "audio") that ffprobe reports in {@code file}. */
    static JsonNode stream(Path file, String type) {
        for (JsonNode stream : probe(file).path("streams")) {
            if (type.equals(stream.path("codec_type").asText())) {
                return stream;
            }
        }
        return null;
    }

    /** Times of the keyframes of the first video stream, in seconds. */
    static List<Double> keyframeTimes(Path file) {
        String csv = succeed(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "packet=pts_time,flags", "-of", "csv=p=0", file.toString())).stdout();
        List<Double> times = new ArrayList<>();
        for (String line : csv.split("\n")) {
            String[] fields = line.strip().split(",");
            if (fields.length >= 2 && fields[1].startsWith("K")) {
                times.add(Double.parseDouble(fields[0]));
            }
        }
        times.sort(Double::compare);
        return times;
    }

    /** The sizes of the video packets of {@code file}, in decoding order: equal lists mean the same coded frames. */
    static List<Integer> videoPacketSizes(Path file) {
        String csv = succeed(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "packet=size", "-of", "csv=p=0", file.toString())).stdout();
        return csv.lines().map(String::strip).filter(line -> !line.isEmpty()).map(Integer::parseInt).toList();
    }

    /** The types of the top-level boxes of an MP4 file, in file order. */
    static List<String> topLevelBoxes(Path file) throws IOException {
        List<String> boxes = new ArrayList<>();
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long position = 0;
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(16);
            while (position + 8 <= size) {
                header.clear().limit(16);
                channel.position(position);
                channel.read(header);
                long boxSize = Integer.toUnsignedLong(header.getInt(0));
                boxes.add(new String(header.array(), 4, 4, StandardCharsets.US_ASCII));
                if (boxSize == 1) {
                    boxSize = header.getLong(8);
                } else if (boxSize == 0) {
                    boxSize = size - position;
                }
                if (boxSize < 8) {
                    throw new AssertionError("box of " + boxSize + " bytes at " + position + " in " + file);
                }
                position += boxSize;
            }
        }
        return boxes;
    }

    /**
     * When the picture first stops being black and the sound first stops being silent, read with
     * ffmpeg's blackdetect and silencedetect filters.
     */
    record Onsets(double picture, double sound) {
    }

    private static final Pattern BLACK_END = Pattern.compile("black_end:(\\d+(?:\\.\\d+)?)");
    private static final Pattern SILENCE_END = Pattern.compile("silence_end: (\\d+(?:\\.\\d+)?)");

    static Onsets onsets(Path file) {
        Run run = run(List.of("ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", file.toString(),
                "-vf", "blackdetect=d=0.05:pix_th=0.1", "-af", "silencedetect=n=-40dB:d=0.05", "-f", "null", "-"));
        assertEquals(0, run.exitCode(), run.stderr());
        Matcher black = BLACK_END.matcher(run.stderr());
        Matcher silence = SILENCE_END.matcher(run.stderr());
        if (!black.find() || !silence.find()) {
            throw new AssertionError("no onset found in " + file + ":\n" + run.stderr());
        }
        return new Onsets(Double.parseDouble(black.group(1)), Double.parseDouble(silence.group(1)));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
