package org.nuage.localstack.emulator;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The WebTorrent tracker of a local instance: npm's {@code bittorrent-tracker} (through
 * {@code local-stack/tracker.mjs}) on loopback, answering WebSocket announces from browsers and
 * HTTP announces from desktop clients on one port. Viewers of a video find each other through it.
 */
public final class TrackerServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TrackerServer.class.getName());

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    /** Another process may take the free port we were given before node binds it. */
    private static final int BIND_ATTEMPTS = 3;

    private final Process process;
    private final int port;

    private TrackerServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the tracker on {@code port}, or on a free port when it is 0; {@code localStackDir}
     * holds {@code tracker.mjs} and {@code node_modules/bittorrent-tracker}.
     */
    public static TrackerServer start(Path localStackDir, int port) {
        Path script = localStackDir.resolve("tracker.mjs");
        if (!Files.isRegularFile(localStackDir.resolve("node_modules/bittorrent-tracker/server.js"))) {
            throw new IllegalStateException("bittorrent-tracker is not installed: run `npm ci --ignore-scripts` in "
                    + localStackDir.toAbsolutePath().normalize());
        }
        for (int attempt = 1; ; attempt++) {
            int chosen = port == 0 ? FreePorts.next() : port;
            Process process = NodeChild.start(List.of("node", script.toAbsolutePath().toString(),
                    Integer.toString(chosen)), localStackDir, "tracker");
            TrackerServer server = new TrackerServer(process, chosen);
            try {
                FreePorts.awaitListening(chosen, STARTUP_TIMEOUT, process::isAlive, "the tracker");
            } catch (RuntimeException e) {
                boolean exited = !process.isAlive();
                server.close();
                // A free port taken meanwhile makes node exit at once; a port the user chose is theirs to fix.
                if (!exited || port != 0 || attempt == BIND_ATTEMPTS) {
                    throw e;
                }
                continue;
            }
            LOG.log(System.Logger.Level.INFO, "WebTorrent tracker (bittorrent-tracker) on port {0}",
                    Integer.toString(chosen));
            return server;
        }
    }

    /**
     * Where to announce: the WebSocket URL first (the only kind browsers use), then the HTTP one
     * (desktop clients such as aria2 or qBittorrent, which ignore WebSocket trackers).
     */
    public List<URI> announceUrls() {
        return List.of(URI.create("ws://" + FreePorts.LOOPBACK + ":" + port + "/announce"),
                URI.create("http://" + FreePorts.LOOPBACK + ":" + port + "/announce"));
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        NodeChild.stop(process);
    }
}
