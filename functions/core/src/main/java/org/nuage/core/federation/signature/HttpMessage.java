package org.nuage.core.federation.signature;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request as signatures see it: method, absolute target URI, header fields and the raw body.
 *
 * <p>Header names are lower-cased; a field sent on several lines must arrive as one value, its
 * lines joined with {@code ", "} (RFC 9110 section 5.3), which is what API Gateway does. The body
 * is the bytes received, never a re-serialisation: digests are checked over exactly these bytes.
 */
public record HttpMessage(String method, URI target, Map<String, String> headers, byte[] body) {

    /** A DNS name, IPv4 or bracketed IPv6 address, and a port: nothing that could move the path or query. */
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+])(:[0-9]{1,5})?");

    public HttpMessage {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        if (!target.isAbsolute() || target.getRawAuthority() == null) {
            throw new IllegalArgumentException("target must be an absolute URI with an authority: " + target);
        }
        headers = lowerCased(headers);
        body = body == null ? new byte[0] : body;
    }

    /**
     * A request as a server received it: the target URI is rebuilt from our scheme, the
     * {@code Host} header and the path with its query exactly as they came (still percent-encoded).
     *
     * @throws SignatureRefusal (400) when there is no {@code Host} header or the target does not
     *     make a URI
     */
    public static HttpMessage received(String method, String scheme, String pathAndQuery,
            Map<String, String> headers, byte[] body) {
        Map<String, String> fields = lowerCased(headers);
        String host = fields.getOrDefault("host", "").trim();
        if (host.isEmpty()) {
            throw new SignatureRefusal(SignatureRefusal.Reason.MALFORMED, "the request has no Host header");
        }
        if (host.length() > 255 || !HOST.matcher(host).matches()) {
            throw new SignatureRefusal(SignatureRefusal.Reason.MALFORMED,
                    "the request's Host is not a host name with an optional port");
        }
        if (!pathAndQuery.startsWith("/") || pathAndQuery.length() > 8192) {
            throw new SignatureRefusal(SignatureRefusal.Reason.MALFORMED,
                    "the request's path is not an absolute path of at most 8192 characters");
        }
        try {
            URI target = new URI(scheme + "://" + host + pathAndQuery);
            if (target.getHost() == null) {
                throw new URISyntaxException(host, "no host name");
            }
            return new HttpMessage(method, target, fields, body);
        } catch (URISyntaxException e) {
            throw new SignatureRefusal(SignatureRefusal.Reason.MALFORMED,
                    "the request's Host and path do not make a URI: " + e.getReason());
        }
    }

    private static Map<String, String> lowerCased(Map<String, String> headers) {
        Map<String, String> lowerCased = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> lowerCased.merge(name.toLowerCase(Locale.ROOT),
                    value == null ? "" : value, (first, second) -> first + ", " + second));
        }
        return Collections.unmodifiableMap(lowerCased);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** This request with one more header (replacing one of the same name). */
    public HttpMessage withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name.toLowerCase(Locale.ROOT), value);
        return new HttpMessage(method, target, more, body);
    }

    /** This request with the given headers added (replacing those of the same names). */
    public HttpMessage withHeaders(Map<String, String> added) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        added.forEach((name, value) -> more.put(name.toLowerCase(Locale.ROOT), value));
        return new HttpMessage(method, target, more, body);
    }

    /** This request with another body, the headers unchanged. */
    public HttpMessage withBody(byte[] other) {
        return new HttpMessage(method, target, headers, other);
    }

    /** The path and query as sent on the request line, still percent-encoded; "/" for an empty path. */
    String requestTarget() {
        String query = target.getRawQuery();
        return path() + (query == null ? "" : "?" + query);
    }

    String path() {
        String path = target.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** The authority as HTTP clients send it in Host: the host name, and the port unless the default. */
    String authority() {
        int port = target.getPort();
        String scheme = target.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443)
                || ("http".equals(scheme) && port == 80);
        return target.getHost() + (defaultPort ? "" : ":" + port);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpMessage that && method.equals(that.method) && target.equals(that.target)
                && headers.equals(that.headers) && java.util.Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, target, headers, java.util.Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "HttpMessage[" + method + " " + target + ", " + headers.keySet() + ", " + body.length + " bytes]";
    }
}
