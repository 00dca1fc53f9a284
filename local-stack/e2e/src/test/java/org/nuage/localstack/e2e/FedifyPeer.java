package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A stock Fedify server on loopback ({@code local-stack/e2e/node/fedify-peer/peer.mjs}, npm
 * {@code @fedify/fedify}) with one actor, alice, driven through the peer's small control API. What
 * it reports was checked and parsed by Fedify itself, not by us.
 */
final class FedifyPeer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The peer makes a 4096-bit RSA key at start, as Fedify's examples do: a few seconds on a busy machine. */
    private static final Duration START = Duration.ofSeconds(90);

    private final Process process;
    private final URI base;

    private FedifyPeer(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    static FedifyPeer start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path home = Path.of(System.getProperty("nuage.home", "../..")).toAbsolutePath().normalize();
        Process process = new ProcessBuilder("node", "peer.mjs", Integer.toString(port))
                .directory(home.resolve("local-stack/e2e/node/fedify-peer").toFile())
                .redirectErrorStream(true).start();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("fedify-peer-log").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    System.out.println("[fedify-peer] " + line);
                    if (line.startsWith("fedify peer listening on ")) {
                        listening.complete(null);
                    }
                }
                listening.completeExceptionally(new IllegalStateException("the Fedify peer exited with "
                        + process.waitFor() + " before listening"));
            } catch (IOException | InterruptedException e) {
                listening.completeExceptionally(e);
            }
        });
        try {
            listening.get(START.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
        return new FedifyPeer(process, URI.create("http://127.0.0.1:" + port));
    }

    /** The peer's host as handles name it: host and port. */
    String host() {
        return base.getAuthority();
    }

    /** alice's actor URL. */
    String alice() {
        return base + "/users/alice";
    }

    /**
     * POSTs {@code body} to the control action, which answers once Fedify has done it: fetched and
     * parsed, or signed and queued for delivery (Fedify's queue sends it and retries it).
     */
    JsonNode control(String action, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/control/" + action))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), action + " " + body + ": " + response.body());
        return Api.JSON.readTree(response.body());
    }

    /** The activities alice's inbox accepted after Fedify verified them, in order, as Fedify parsed them. */
    JsonNode events() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/control/events"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return Api.JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
