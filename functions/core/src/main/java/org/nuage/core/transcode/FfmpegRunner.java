package org.nuage.core.transcode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the commands {@link FfmpegCommand} builds and turns a failed run into a {@link MediaFailure}. */
public final class FfmpegRunner {

    /** The end of ffmpeg's error output: the reason is on the last lines, and a hostile file can print without end. */
    static final int STDERR_TAIL_BYTES = 4096;

    private final Duration timeout;

    /** {@code timeout} bounds one run: below the function's own timeout, so a stuck encode fails the video instead of the invocation. */
    public FfmpegRunner(Duration timeout) {
        this.timeout = timeout;
    }

    /** The executable where the Lambda layer mounts it ({@code /opt/bin}), else on the PATH. */
    public static String ffmpegFromLayerOrPath() {
        Path layer = Path.of("/opt/bin/ffmpeg");
        return layer.toFile().canExecute() ? layer.toString() : "ffmpeg";
    }

    /**
     * Runs {@code command}; {@code what} names the step in the failure a person reads, such as
     * "encoding 720p".
     */
    public void run(List<String> command, String what) {
        Process process;
        try {
            process = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.getFirst(), e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> tail(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
                throw new MediaFailure(what + " took longer than " + timeout.toMinutes()
                        + " minutes; the file looks damaged or hostile");
            }
            if (process.exitValue() != 0) {
                throw new MediaFailure(what + " failed: " + lastLine(stderr.join()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }

    private static String tail(InputStream in) {
        try (in) {
            byte[] ring = new byte[STDERR_TAIL_BYTES];
            long total = 0;
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    ring[(int) (total++ % STDERR_TAIL_BYTES)] = buffer[i];
                }
            }
            int length = (int) Math.min(total, STDERR_TAIL_BYTES);
            byte[] last = new byte[length];
            for (int i = 0; i < length; i++) {
                last[i] = ring[(int) ((total - length + i) % STDERR_TAIL_BYTES)];
            }
            return new String(last, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        String line = lines.length == 0 ? "" : lines[lines.length - 1].strip();
        return line.isEmpty() ? "ffmpeg gave no reason" : line;
    }
}
