package org.nuage.api.assets;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Gzips pages, JSON and feeds for clients that prefer it. Quarkus compresses in its HTTP server's
 * pipeline, which a Lambda function does not have (see {@link CompressedStaticFiles}), and API
 * Gateway's HTTP API compresses nothing, so without this a home page travels at four to six times
 * its size.
 *
 * <p>The choice is made once per answer, in the response filter, so that a GET and a HEAD of the
 * same resource carry the same {@code Content-Encoding} and {@code Vary}; the writer interceptor
 * only carries it out. An answer is either gzip, with {@code Content-Encoding: gzip}, or its bytes as
 * they are, with no {@code Content-Encoding} at all ({@link AcceptEncoding} says why).
 *
 * <p>Quarkus's Lambda handler turns a body whose {@code Content-Type} header is text, JSON, XML or
 * YAML into a UTF-8 string, which would mangle gzip, and base64-encodes anything else, which API
 * Gateway decodes byte for byte. It looks that header up by its exact spelling, so a compressed
 * answer carries its type as {@code content-type}: the same header to every HTTP client (names are
 * case-insensitive), and base64 to the handler. {@code CompressionIT} checks the bytes that arrive.
 */
@Provider
public class CompressedResponses implements ContainerResponseFilter, WriterInterceptor {

    /** Below this a gzip header and trailer save nothing worth a client's inflating. */
    static final int MIN_BYTES = 1024;

    /** Set on the request once the filter has chosen gzip for its answer. */
    private static final String CHOSEN = CompressedResponses.class.getName() + ".gzip";

    private final RoutingContext routing;

    @Inject
    public CompressedResponses(RoutingContext routing) {
        this.routing = routing;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!compressible(response.getMediaType()) || response.getHeaders().containsKey(HttpHeaders.CONTENT_ENCODING)) {
            return;
        }
        // The representation depends on Accept-Encoding whether or not this one is compressed: a
        // cache must not hand this client's answer to a client that asked differently.
        addVary(response.getHeaders(), HttpHeaders.ACCEPT_ENCODING);
        // Pages arrive as strings, whose size is known; JSON is written by Jackson after this.
        boolean large = !(response.getEntity() instanceof String text) || text.length() >= MIN_BYTES;
        if (!response.hasEntity() || !large || !AcceptEncoding.prefersGzip(request.getHeaderString(HttpHeaders.ACCEPT_ENCODING))) {
            return;
        }
        response.getHeaders().putSingle(HttpHeaders.CONTENT_ENCODING, "gzip");
        response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        routing.put(CHOSEN, Boolean.TRUE);
        routing.addHeadersEndHandler(ignored -> spellTypeForLambda(routing.response().headers()));
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (routing.get(CHOSEN) == null) {
            context.proceed();
            return;
        }
        OutputStream original = context.getOutputStream();
        GZIPOutputStream gzip = new GZIPOutputStream(original);
        context.setOutputStream(gzip);
        try {
            context.proceed();
        } finally {
            gzip.finish();
            context.setOutputStream(original);
        }
    }

    /** Adds {@code name} to the answer's {@code Vary} unless one of its values already names it. */
    static void addVary(MultivaluedMap<String, Object> headers, String name) {
        var values = headers.get(HttpHeaders.VARY);
        if (values != null) {
            for (Object value : values) {
                for (String named : String.valueOf(value).split(",")) {
                    if (named.strip().equalsIgnoreCase(name) || named.strip().equals("*")) {
                        return;
                    }
                }
            }
        }
        headers.add(HttpHeaders.VARY, name);
    }

    /** Text formats: pages, JSON (the API, ActivityPub), feeds. */
    static boolean compressible(MediaType type) {
        if (type == null) {
            return false;
        }
        String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
        return switch (type.getType().toLowerCase(Locale.ROOT)) {
            case "text" -> true;
            case "application" -> subtype.equals("json") || subtype.endsWith("+json") || subtype.equals("xml")
                    || subtype.endsWith("+xml");
            default -> false;
        };
    }

    /** Renames {@code Content-Type} to {@code content-type}: see the class comment. */
    static void spellTypeForLambda(MultiMap headers) {
        String type = headers.get(HttpHeaders.CONTENT_TYPE);
        if (type != null) {
            headers.remove(HttpHeaders.CONTENT_TYPE);
            headers.add("content-type", type);
        }
    }
}
