package org.nuage.localstack.runner;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nuage.core.federation.actor.ActorKeyPair;
import org.nuage.core.federation.signature.HttpMessage;
import org.nuage.core.federation.signature.RequestSigner;
import org.nuage.core.federation.signature.RsaKeys;
import org.nuage.core.federation.signature.SigningKey;
import org.nuage.core.json.Json;

/**
 * Another fediverse server, as small as a test needs: it serves its actors (each with its own
 * RSA key) on 127.0.0.1 and signs the requests they send, so Nuage's inbox can fetch and check a
 * real key. Tests, the AOT training and the cold-start benchmark use it; no real network is needed.
 */
public final class LoopbackPeer implements AutoCloseable {

    private final HttpServer server;
    private final String base;
    private final Map<String, ActorKeyPair> keys = new ConcurrentHashMap<>();
    private final List<Received> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int inboxStatus = 202;

    /** A POST that reached one of the peer's inboxes, as it arrived, and the status it was answered. */
    public record Received(String path, Map<String, String> headers, byte[] body, int status) {
    }
    private final RequestSigner signer;

    private LoopbackPeer(HttpServer server, Clock clock) {
        this.server = server;
        this.base = "http://127.0.0.1:" + server.getAddress().getPort();
        this.signer = new RequestSigner(clock);
    }

    /** Starts a peer on a free loopback port serving {@code actors} ({@code /users/{name}}). */
    public static LoopbackPeer start(String... actors) {
        return start(Clock.systemUTC(), actors);
    }

    /**
     * Starts a peer whose signatures are dated by {@code clock}: the instance's clock when it runs
     * fast, since the peer lives in the same simulated time.
     */
    public static LoopbackPeer start(Clock clock, String... actors) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a loopback peer", e);
        }
        LoopbackPeer peer = new LoopbackPeer(server, clock);
        server.createContext("/inbox", peer::receive);
        for (String name : actors) {
            peer.addActor(name);
        }
        server.start();
        return peer;
    }

    /** Serves one more actor with a fresh key pair. */
    public void addActor(String name) {
        ActorKeyPair pair = ActorKeyPair.generate();
        keys.put(name, pair);
        String id = actorUrl(name);
        byte[] body = Json.write(Map.of("@context", List.of("https://www.w3.org/ns/activitystreams",
                        "https://w3id.org/security/v1"),
                "id", id, "type", "Person", "preferredUsername", name, "inbox", id + "/inbox",
                "endpoints", Map.of("sharedInbox", base + "/inbox"),
                "publicKey", Map.of("id", id + "#main-key", "owner", id, "publicKeyPem", pair.publicKeyPem())))
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/users/" + name + "/inbox", this::receive);
        server.createContext("/users/" + name, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/activity+json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    /**
     * What the peer's inboxes answer from now on: 202 by default, 503 for a server that is down
     * (the POSTs are still recorded, with the status they got).
     */
    public void answerInboxesWith(int status) {
        inboxStatus = status;
    }

    /** Everything POSTed to the peer's inboxes so far, oldest first. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    private void receive(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        Map<String, String> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                String.join(", ", values)));
        headers.put("host", exchange.getRequestHeaders().getFirst("Host"));
        int status = inboxStatus;
        received.add(new Received(exchange.getRequestURI().getRawPath(), headers, exchange.getRequestBody().readAllBytes(),
                status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    public String actorUrl(String name) {
        return base + "/users/" + name;
    }

    public String base() {
        return base;
    }

    /**
     * The headers {@code actor} sends with a POST of {@code body} to {@code target}: Date, Digest,
     * Signature (draft-cavage rsa-sha256, as Mastodon sends them) and Content-Type.
     */
    public Map<String, String> signPost(String actor, URI target, byte[] body) {
        ActorKeyPair pair = keys.get(actor);
        if (pair == null) {
            throw new IllegalArgumentException("the peer has no actor " + actor);
        }
        String type = "application/activity+json";
        Map<String, String> headers = new java.util.HashMap<>(signer.signDraftCavage(
                new HttpMessage("POST", target, Map.of("content-type", type), body),
                new SigningKey(actorUrl(actor) + "#main-key", RsaKeys.readPrivateKey(pair.privateKeyPem()))));
        headers.put("Content-Type", type);
        return headers;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
