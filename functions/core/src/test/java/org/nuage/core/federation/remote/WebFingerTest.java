package org.nuage.core.federation.remote;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nuage.core.json.Json;
import org.nuage.core.net.AddressPolicy;
import org.nuage.core.net.SafeHttp;
import org.nuage.core.net.SafeUrls;

/**
 * A peer on loopback whose WebFinger answer names a remote-follow template: only a page of the host
 * that was asked may be where a visitor is sent, else this instance is an open redirect.
 */
class WebFingerTest {

    private HttpServer peer;
    private String host;
    private volatile String template;

    @BeforeEach
    void startPeer() throws Exception {
        peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        host = "localhost:" + peer.getAddress().getPort();
        peer.createContext("/.well-known/webfinger", exchange -> {
            byte[] body = Json.write(Map.of("subject", "acct:alice@" + host, "links",
                    List.of(Map.of("rel", WebFinger.SUBSCRIBE, "template", template)))).getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/jrd+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        peer.start();
    }

    @AfterEach
    void stopPeer() {
        peer.stop(0);
    }

    private WebFinger webFinger() {
        return new WebFinger(new SafeHttp(new SafeUrls(new AddressPolicy(true), SafeUrls.SYSTEM_DNS),
                Duration.ofSeconds(5), Duration.ofSeconds(10), 1024 * 1024, "Nuage-test"), "http");
    }

    @Test
    void theRemoteFollowPageOfTheHandlesOwnHostIsAccepted() {
        template = "http://" + host + "/authorize_interaction?uri={uri}";
        assertEquals(template, webFinger().subscribeTemplate(WebFinger.parse("alice@" + host)));
    }

    @Test
    void aRemoteFollowPageOnAnotherHostIsRefused() {
        template = "https://phishing.example/login?next={uri}";
        var refused = assertThrows(RemoteActors.Unavailable.class,
                () -> webFinger().subscribeTemplate(WebFinger.parse("alice@" + host)));
        assertTrue(refused.getMessage().contains("not on " + host), refused.getMessage());
    }

    @Test
    void aRemoteFollowPageOnAnotherPortOrWithCredentialsIsRefused() {
        template = "http://localhost:1/authorize_interaction?uri={uri}";
        assertThrows(RemoteActors.Unavailable.class, () -> webFinger().subscribeTemplate(WebFinger.parse("alice@" + host)));
        template = "http://" + host + "@phishing.example/?uri={uri}";
        assertThrows(RemoteActors.Unavailable.class, () -> webFinger().subscribeTemplate(WebFinger.parse("alice@" + host)));
    }

    @Test
    void aRemoteFollowPageThatIsNotHttpIsRefused() {
        template = "javascript:alert(1)//" + host + "/{uri}";
        assertThrows(RemoteActors.Unavailable.class, () -> webFinger().subscribeTemplate(WebFinger.parse("alice@" + host)));
        template = "//phishing.example/{uri}";
        assertThrows(RemoteActors.Unavailable.class, () -> webFinger().subscribeTemplate(WebFinger.parse("alice@" + host)));
    }
}
