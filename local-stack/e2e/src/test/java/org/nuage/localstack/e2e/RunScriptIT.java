package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command as a person uses it: {@code ./local-stack/run} answers the config and
 * NodeInfo on its port, and Ctrl-C leaves no process of it behind.
 */
class RunScriptIT {

    @TempDir
    Path data;

    @Test
    void runCommandServesConfigAndNodeInfoAndCtrlCLeavesNoProcessBehind() throws Exception {
        Path home = Path.of(System.getProperty("nuage.home", "../..")).toAbsolutePath().normalize();
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(home.resolve("local-stack/run").toString())
                .directory(home.toFile()).redirectErrorStream(true);
        // The surrounding Maven build has just built everything; the script must not build again.
        builder.environment().put("NUAGE_SKIP_BUILD", "1");
        builder.environment().put("NUAGE_PORT", Integer.toString(port));
        builder.environment().put("NUAGE_DATA", data.toString());
        Process run = builder.start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    System.out.println("[run] " + line);
                    if (line.contains("Nuage is ready at")) {
                        ready.complete(line);
                    }
                }
                ready.completeExceptionally(new AssertionError("./local-stack/run ended before it was ready"));
            } catch (Exception e) {
                ready.completeExceptionally(e);
            }
        });
        try {
            String line = ready.get(120, TimeUnit.SECONDS);
            URI base = URI.create("http://127.0.0.1:" + port);
            assertTrue(line.contains(base.toString()), line);

            HttpClient http = HttpClient.newHttpClient();
            for (String path : List.of("/api/v1/config", "/.well-known/nodeinfo")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), path + ": " + response.body());
            }
            assertTrue(Files.isDirectory(data.resolve("s3")), "data lives under NUAGE_DATA");

            // Everything the command started: the runner, the DynamoDB emulator, the function JVMs.
            List<ProcessHandle> started = run.descendants().toList();
            assertTrue(started.size() >= 2, "expected the emulator and function processes, got " + started);
            interrupt(run);
            if (!run.waitFor(60, TimeUnit.SECONDS)) {
                fail("./local-stack/run did not stop within 60 s of Ctrl-C");
            }
            for (ProcessHandle process : started) {
                process.onExit().get(5, TimeUnit.SECONDS);
            }
            assertTrue(run.descendants().findAny().isEmpty());
            try (ServerSocket again = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                assertEquals(port, again.getLocalPort(), "the port is free again");
            }
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    /**
     * Ctrl-C is SIGINT. A process started in the background by a non-interactive shell inherits
     * SIGINT as ignored, and no program can undo that; there the JVM cannot see Ctrl-C at all, so the
     * test falls back to SIGTERM, which the runner handles the same way.
     */
    private static void interrupt(Process run) throws Exception {
        String status = Files.readString(Path.of("/proc", Long.toString(run.pid()), "status"));
        long ignored = status.lines().filter(l -> l.startsWith("SigIgn:")).map(l -> Long.parseLong(l.substring(7).trim(), 16))
                .findFirst().orElse(0L);
        boolean sigintIgnored = (ignored & (1L << 1)) != 0;
        String signal = sigintIgnored ? "-TERM" : "-INT";
        System.out.println("[run] sending " + signal + (sigintIgnored ? " (SIGINT is ignored in this environment)" : ""));
        assertEquals(0, new ProcessBuilder("kill", signal, Long.toString(run.pid())).start().waitFor());
    }
}
