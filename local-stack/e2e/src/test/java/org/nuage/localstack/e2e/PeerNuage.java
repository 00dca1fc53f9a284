package org.nuage.localstack.e2e;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.nuage.localstack.runner.LocalNuage;

/**
 * A second, independent Nuage instance for federation tests: its own emulators, table, buckets and
 * queues, its own keys, on another loopback port, so that the two talk only over HTTP as two
 * servers on the internet would. Started on first use; it stops when the test JVM exits.
 */
final class PeerNuage {

    private static LocalNuage peer;

    private PeerNuage() {
    }

    static synchronized LocalNuage get() throws Exception {
        if (peer == null) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Path home = Path.of(System.getProperty("nuage.home", "../..")).toAbsolutePath().normalize();
            LocalNuage started = LocalNuage.start(new LocalNuage.Settings(home, new InetSocketAddress("127.0.0.1", port),
                    URI.create("http://127.0.0.1:" + port), null, true, Optional.empty(), 2, SharedNuage.STACK,
                    LocalNuage.Aot.USE, Optional.of(SharedNuage.ROOT_PASSWORD)), line -> System.out.println("[peer] " + line));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "peer-nuage-stop"));
            peer = started;
        }
        return peer;
    }
}
