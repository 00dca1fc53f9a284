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

    /** A GET of a document the peer serves, with its headers (a signed fetch carries a Signature). */
    public record Fetched(String path, Map<String, String> headers) {
    }

    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    private final List<Fetched> fetched = new java.util.concurrent.CopyOnWriteArrayList<>();
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
        server.createContext("/.well-known/webfinger", peer::webfinger);
        // Everything else: the documents a test asked the peer to serve (videos, outboxes), else 404.
        server.createContext("/", peer::document);
        for (String name : actors) {
            peer.addActor(name);
        }
        server.start();
        return peer;
    }

    /** Serves one more actor, a {@code Person}, with a fresh key pair. */
    public void addActor(String name) {
        addActor(name, "Person");
    }

    /**
     * Serves one more actor of {@code type} ({@code Person}, {@code Group} for a channel,
     * {@code Application} for a server actor) with a fresh key pair, its outbox at
     * {@code /users/{name}/outbox} (a document for {@link #serve}), and WebFinger for {@code name@host}.
     */
    public void addActor(String name, String type) {
        ActorKeyPair pair = ActorKeyPair.generate();
        keys.put(name, pair);
        serveActor(name, type, pair.publicKeyPem());
    }

    /**
     * Serves an actor whose document publishes {@code publicKeyPem} as its key, whatever that is
     * (tests give it garbage); the peer has no private key for it.
     */
    public void addActorPublishing(String name, String publicKeyPem) {
        serveActor(name, "Person", publicKeyPem);
    }

    /** The key {@code actor} signs with, for tests that sign requests the peer would not send. */
    public SigningKey signingKey(String actor) {
        ActorKeyPair pair = keys.get(actor);
        if (pair == null) {
            throw new IllegalArgumentException("the peer has no actor " + actor);
        }
        return new SigningKey(actorUrl(actor) + "#main-key", RsaKeys.readPrivateKey(pair.privateKeyPem()));
    }

    /** The public key {@code actor}'s document publishes, as PEM. */
    public String publicKeyPem(String actor) {
        ActorKeyPair pair = keys.get(actor);
        if (pair == null) {
            throw new IllegalArgumentException("the peer has no actor " + actor);
        }
        return pair.publicKeyPem();
    }

    private void serveActor(String name, String type, String publicKeyPem) {
        String id = actorUrl(name);
        byte[] body = Json.write(Map.of("@context", List.of("https://www.w3.org/ns/activitystreams",
                        "https://w3id.org/security/v1"),
                "id", id, "type", type, "preferredUsername", name, "inbox", id + "/inbox", "outbox", id + "/outbox",
                "endpoints", Map.of("sharedInbox", base + "/inbox"),
                "publicKey", Map.of("id", id + "#main-key", "owner", id, "publicKeyPem", publicKeyPem)))
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/users/" + name + "/inbox", this::receive);
        server.createContext("/users/" + name, exchange -> {
            if (!exchange.getRequestURI().getRawPath().equals("/users/" + name)
                    || documents.containsKey("/users/" + name)) {
                // The actor's other URLs (its outbox), or a new version of the actor itself, are documents the test serves.
                document(exchange);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/activity+json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    /**
     * Serves {@code document} as ActivityPub JSON at {@code path} (with its query, if any), replacing
     * what was there, an actor's own document included (an actor that changed, or sends an Update).
     */
    public void serve(String path, Object document) {
        documents.put(path, (document instanceof String text ? text : Json.write(document)).getBytes(StandardCharsets.UTF_8));
    }

    /** Every GET of a served document so far, oldest first. */
    public List<Fetched> fetched() {
        return List.copyOf(fetched);
    }

    /** {@code 127.0.0.1:port}: the host part of the peer's handles ({@code name@host}). */
    public String host() {
        return base.substring("http://".length());
    }

    private void document(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String path = exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
        fetched.add(new Fetched(path, headers(exchange)));
        byte[] body = documents.get(path);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
        } else {
            exchange.getResponseHeaders().add("Content-Type", "application/activity+json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    /** WebFinger as PeerTube answers it: {@code acct:name@host} of a served actor gives its URL. */
    private void webfinger(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String resource = query == null || !query.startsWith("resource=") ? "" : query.substring("resource=".length());
        String name = resource.startsWith("acct:") && resource.endsWith("@" + host())
                ? resource.substring(5, resource.length() - host().length() - 1) : "";
        if (!keys.containsKey(name)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        // The remote-follow template too, as Mastodon's WebFinger lists it.
        byte[] body = Json.write(Map.of("subject", resource, "links", List.of(Map.of("rel", "self",
                "type", "application/activity+json", "href", actorUrl(name)),
                Map.of("rel", "http://ostatus.org/schema/1.0/subscribe",
                        "template", base() + "/authorize_interaction?uri={uri}")))).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/jrd+json; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Map<String, String> headers(com.sun.net.httpserver.HttpExchange exchange) {
        Map<String, String> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                String.join(", ", values)));
        headers.put("host", exchange.getRequestHeaders().getFirst("Host"));
        return headers;
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
        int status = inboxStatus;
        received.add(new Received(exchange.getRequestURI().getRawPath(), headers(exchange),
                exchange.getRequestBody().readAllBytes(), status));
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
        String type = "application/activity+json";
        Map<String, String> headers = new java.util.HashMap<>(signer.signDraftCavage(
                new HttpMessage("POST", target, Map.of("content-type", type), body), signingKey(actor)));
        headers.put("Content-Type", type);
        return headers;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
