package org.nuage.localstack.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Node.js servers of the local stack (dynalite, the tracker), run as child processes. */
final class NodeChild {

    private NodeChild() {
    }

    /** Starts {@code command} in {@code directory}, its output forwarded line by line under {@code label}. */
    static Process start(List<String> command, Path directory, String label) {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run `node` (Node.js 20 or later must be on the PATH)", e);
        }
        forward(process.getInputStream(), System.out, label);
        forward(process.getErrorStream(), System.err, label);
        return process;
    }

    private static void forward(InputStream in, PrintStream out, String label) {
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    out.println("[" + label + "] " + line);
                }
            } catch (IOException closed) {
                // The process ended; nothing more to forward.
            }
        }, label + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Asks the process to stop, then kills it if it has not within five seconds. */
    static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
