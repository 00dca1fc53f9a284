package org.nuage.localstack.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** dynalite, a DynamoDB-compatible server on LevelDB, run as a Node child process. */
final class DynaliteServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DynaliteServer.class.getName());

    /**
     * The child exits when our end of its stdin closes, which happens even when this JVM is
     * killed without running its shutdown hooks, so no dynalite outlives us.
     */
    private static final String EXIT_WITH_PARENT = "data:text/javascript,"
            + "process.stdin.on('end',()=>process.exit(0));process.stdin.resume()";

    /** dynalite keeps a new table CREATING for 500 ms by default; real tables take seconds anyway. */
    private static final String TABLE_STATE_MS = "50";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    /** Another process may take the free port we were given before node binds it. */
    private static final int BIND_ATTEMPTS = 3;

    private final Process process;
    private final int port;

    private DynaliteServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The dynalite command-line script, or a failure saying how to install it. */
    static Path requireInstalled(Path localStackDir) {
        Path cli = localStackDir.resolve("node_modules").resolve("dynalite").resolve("cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynalite is not installed: run `npm ci --ignore-scripts` in "
                    + localStackDir.toAbsolutePath().normalize() + " (missing " + cli + ")");
        }
        return cli;
    }

    /** Starts dynalite; {@code dataDir} null keeps its tables in memory. */
    static DynaliteServer start(Path localStackDir, Path dataDir) {
        Path cli = requireInstalled(localStackDir);
        if (dataDir != null) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (int attempt = 1; ; attempt++) {
            int port = FreePorts.next();
            DynaliteServer server = new DynaliteServer(launch(localStackDir, cli, dataDir, port), port);
            try {
                FreePorts.awaitListening(port, STARTUP_TIMEOUT, server.process::isAlive, "dynalite");
            } catch (RuntimeException e) {
                boolean exited = !server.process.isAlive();
                server.close();
                // An early exit is most often the port taken meanwhile (EADDRINUSE); try another.
                if (!exited || attempt == BIND_ATTEMPTS) {
                    throw e;
                }
                continue;
            }
            LOG.log(System.Logger.Level.INFO, "DynamoDB (dynalite) on port {0}, {1}", Integer.toString(port),
                    dataDir == null ? "in memory" : "data in " + dataDir);
            return server;
        }
    }

    private static Process launch(Path localStackDir, Path cli, Path dataDir, int port) {
        List<String> command = new ArrayList<>(List.of("node", "--import", EXIT_WITH_PARENT,
                cli.toAbsolutePath().toString(), "--host", FreePorts.LOOPBACK, "--port", Integer.toString(port),
                "--createTableMs", TABLE_STATE_MS, "--deleteTableMs", TABLE_STATE_MS,
                "--updateTableMs", TABLE_STATE_MS));
        if (dataDir != null) {
            command.add("--path");
            command.add(dataDir.toAbsolutePath().toString());
        }
        return NodeChild.start(command, localStackDir, "dynamodb");
    }

    URI endpoint() {
        return URI.create("http://" + FreePorts.LOOPBACK + ":" + port);
    }

    @Override
    public void close() {
        NodeChild.stop(process);
    }
}
