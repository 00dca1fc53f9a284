package org.nuage.core.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer on loopback, reached as {@code localhost}; the test's resolver also points one name at the
 * metadata service, which is never contacted.
 */
class SafeHttpTest {

    private HttpServer peer;
    private final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void startPeer() throws Exception {
        peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        peer.createContext("/actor", exchange -> {
            hits.incrementAndGet();
            byte[] body = "{\"type\":\"Person\"}".getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/activity+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        peer.createContext("/to-metadata", exchange -> {
            hits.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        peer.createContext("/to-actor", exchange -> {
            exchange.getResponseHeaders().add("Location", "/actor");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        peer.createContext("/loop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/loop");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        peer.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 64; i++) {
                exchange.getResponseBody().write(chunk);
            }
            exchange.close();
        });
        peer.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        peer.start();
    }

    @AfterEach
    void stopPeer() {
        peer.stop(0);
    }

    private URI url(String host, String path) {
        return URI.create("http://" + host + ":" + peer.getAddress().getPort() + path);
    }

    private static SafeHttp http(boolean allowLoopback, Duration timeout) {
        SafeUrls urls = new SafeUrls(new AddressPolicy(allowLoopback), host -> host.equals("metadata.example")
                ? List.of(InetAddress.getByName("169.254.169.254"))
                : SafeUrls.SYSTEM_DNS.resolve(host));
        return new SafeHttp(urls, Duration.ofSeconds(5), timeout, 1024 * 1024, "Nuage-test");
    }

    @Test
    void aPeerOnAllowedLoopbackIsFetchedAndRedirectsAreFollowed() {
        SafeHttp.Response response = http(true, Duration.ofSeconds(10)).get(url("localhost", "/to-actor"), u -> Map.of());
        assertEquals(200, response.status());
        assertEquals("{\"type\":\"Person\"}", new String(response.body(), UTF_8));
        assertEquals("application/activity+json", response.header("content-type").orElseThrow());
    }

    @Test
    void loopbackIsRefusedBeforeAnyConnectionUnlessAllowed() {
        OutboundRefused refused = assertThrows(OutboundRefused.class,
                () -> http(false, Duration.ofSeconds(10)).get(url("localhost", "/actor"), u -> Map.of()));
        assertTrue(refused.getMessage().contains("loopback"), refused.getMessage());
        assertEquals(0, hits.get(), "no request was sent");
    }

    @Test
    void aRedirectToTheMetadataServiceIsRefused() {
        OutboundRefused refused = assertThrows(OutboundRefused.class,
                () -> http(true, Duration.ofSeconds(10)).get(url("localhost", "/to-metadata"), u -> Map.of()));
        assertTrue(refused.getMessage().contains("169.254.169.254"), refused.getMessage());
    }

    @Test
    void aNameThatResolvesToAPrivateAddressIsRefused() {
        assertThrows(OutboundRefused.class,
                () -> http(true, Duration.ofSeconds(10)).get(URI.create("http://metadata.example/latest"), u -> Map.of()));
    }

    @Test
    void otherSchemesAndCredentialsAreRefused() {
        SafeHttp http = http(true, Duration.ofSeconds(10));
        for (String url : List.of("file:///etc/passwd", "ftp://localhost/x", "gopher://localhost/", "//localhost/x",
                "http://user:secret@localhost/actor")) {
            assertThrows(OutboundRefused.class, () -> http.get(URI.create(url), u -> Map.of()), url);
        }
    }

    @Test
    void redirectLoopsBodiesOverTheCapAndSlowPeersEndTheRequest() {
        assertThrows(OutboundRefused.class,
                () -> http(true, Duration.ofSeconds(10)).get(url("localhost", "/loop"), u -> Map.of()));
        OutboundRefused huge = assertThrows(OutboundRefused.class,
                () -> http(true, Duration.ofSeconds(10)).get(url("localhost", "/huge"), u -> Map.of()));
        assertTrue(huge.getMessage().contains("more than 1048576 bytes"), huge.getMessage());
        UncheckedIOException slow = assertThrows(UncheckedIOException.class,
                () -> http(true, Duration.ofMillis(500)).get(url("localhost", "/slow"), u -> Map.of()));
        assertTrue(slow.getMessage().contains("timed out"), slow.getMessage());
    }
}
