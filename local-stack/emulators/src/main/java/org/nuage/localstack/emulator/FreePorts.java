package org.nuage.localstack.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Loopback port helpers for servers that cannot be told to bind port 0 themselves. */
final class FreePorts {

    static final String LOOPBACK = "127.0.0.1";

    private FreePorts() {
    }

    /** A port the OS just handed out on loopback; another process may take it before we bind. */
    static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** Waits until something accepts TCP connections on the loopback port. */
    static void awaitListening(int port, Duration timeout, BooleanSupplier stillAlive, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
                return;
            } catch (IOException notYet) {
                if (!stillAlive.getAsBoolean()) {
                    throw new IllegalStateException(what + " exited before listening on port " + port);
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(what + " did not listen on port " + port + " within "
                            + timeout.toSeconds() + " s");
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + what, e);
                }
            }
        }
    }
}
