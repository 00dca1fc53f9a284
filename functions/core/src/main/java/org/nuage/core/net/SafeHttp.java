package org.nuage.core.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one way Nuage sends requests to other servers: every URL, and every redirect, checked by
 * {@link SafeUrls} first; short timeouts, so a slow peer cannot hold a function for its whole
 * timeout; response bodies read up to a cap, so a peer cannot fill a function's memory.
 *
 * <p>What is left: the HTTP client resolves the host again when it connects, so a name whose
 * records change between the check and the connection (DNS rebinding) could still reach a
 * forbidden address. Pinning the checked address would need the connection made to the IP with
 * the name only in TLS's SNI, which the JDK client does not offer.
 */
public final class SafeHttp {

    /** What ActivityPub peers answer: an activity, an actor, a page of a collection. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body, URI url) {

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** The limits: connecting takes at most 5 s, the whole exchange 10 s. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** A GET follows at most this many redirects, each checked like the first URL. */
    public static final int MAX_REDIRECTS = 3;

    private final SafeUrls urls;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxBodyBytes;
    private final String userAgent;

    public SafeHttp(SafeUrls urls, Duration connectTimeout, Duration requestTimeout, int maxBodyBytes, String userAgent) {
        this.urls = urls;
        // Redirects are followed here, not by the client, so that each target is checked.
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = requestTimeout;
        this.maxBodyBytes = maxBodyBytes;
        this.userAgent = userAgent;
    }

    /**
     * GETs {@code url}, following redirects; {@code headersFor} gives each hop's headers (a signed
     * GET signs each target anew).
     */
    public Response get(URI url, Function<URI, Map<String, String>> headersFor) {
        URI target = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            Response response = exchange(target, "GET", headersFor.apply(target), null);
            if (response.status() < 300 || response.status() >= 400 || response.status() == 304) {
                return response;
            }
            Optional<String> location = response.header("Location");
            if (location.isEmpty()) {
                return response;
            }
            target = target.resolve(location.get());
        }
        throw new OutboundRefused("more than " + MAX_REDIRECTS + " redirects from " + url);
    }

    /** POSTs {@code body}; a redirect is an answer like any other, never followed with the body. */
    public Response post(URI url, Map<String, String> headers, byte[] body) {
        return exchange(url, "POST", headers, body);
    }

    private Response exchange(URI url, String method, Map<String, String> headers, byte[] body) {
        urls.check(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(requestTimeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("User-Agent", userAgent);
        headers.forEach((name, value) -> {
            // The client sets Host itself from the URL; a signed Host header must be that same value.
            if (!name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(maxBodyBytes + 1);
                if (bytes.length > maxBodyBytes) {
                    throw new OutboundRefused(method + " " + url + " answered more than " + maxBodyBytes + " bytes");
                }
                return new Response(response.statusCode(), response.headers().map(), bytes, url);
            }
        } catch (HttpTimeoutException e) {
            throw new UncheckedIOException(method + " " + url + " timed out", e);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + url, e);
        }
    }

}
