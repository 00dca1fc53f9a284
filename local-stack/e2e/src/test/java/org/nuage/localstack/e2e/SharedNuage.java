package org.nuage.localstack.e2e;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.nuage.core.stack.StackDefinition;
import org.nuage.localstack.runner.LocalNuage;

/**
 * One Nuage instance for all end-to-end test classes of a run: starting the emulators and warming
 * the functions once keeps the suite short. It stops when the test JVM exits.
 */
final class SharedNuage {

    static final String ROOT_PASSWORD = "root-password-for-tests";

    /**
     * Short visibility and two receives, so a poison message reaches its dead-letter queue in
     * about twenty seconds; long enough that a cold transcoder finishes before its message shows again.
     */
    static final StackDefinition STACK = StackDefinition.withVisibility("nuage", 10, 10, 2);

    private static LocalNuage nuage;

    private SharedNuage() {
    }

    static synchronized LocalNuage get() throws Exception {
        if (nuage == null) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Path home = Path.of(System.getProperty("nuage.home", "../..")).toAbsolutePath().normalize();
            LocalNuage started = LocalNuage.start(new LocalNuage.Settings(home, new InetSocketAddress("127.0.0.1", port),
                    URI.create("http://127.0.0.1:" + port), null, true, Optional.empty(), 2, STACK,
                    LocalNuage.Aot.USE, Optional.of(ROOT_PASSWORD)), System.out::println);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-nuage-stop"));
            nuage = started;
        }
        return nuage;
    }
}
