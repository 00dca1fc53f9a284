package org.nuage.api.assets;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Gzips pages, JSON and feeds for clients that accept it. Quarkus compresses in its HTTP server's
 * pipeline, which a Lambda function does not have (see {@link CompressedStaticFiles}), and API
 * Gateway's HTTP API compresses nothing, so without this a home page travels at four to six times
 * its size.
 *
 * <p>Quarkus's Lambda handler turns a body whose {@code Content-Type} header is text, JSON, XML or
 * YAML into a UTF-8 string, which would mangle gzip, and base64-encodes anything else, which API
 * Gateway decodes byte for byte. It looks that header up by its exact spelling, so a compressed
 * answer carries its type as {@code content-type}: the same header to every HTTP client (names are
 * case-insensitive), and base64 to the handler. {@code CompressionIT} checks the bytes that arrive.
 */
@Provider
public class CompressedResponses implements WriterInterceptor {

    /** Below this a gzip header and trailer save nothing worth a client's inflating. */
    static final int MIN_BYTES = 1024;

    private final RoutingContext routing;

    @Inject
    public CompressedResponses(RoutingContext routing) {
        this.routing = routing;
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (!worthCompressing(context)) {
            context.proceed();
            return;
        }
        context.getHeaders().putSingle(HttpHeaders.CONTENT_ENCODING, "gzip");
        context.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        context.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        routing.addHeadersEndHandler(ignored -> spellTypeForLambda(routing.response().headers()));
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

    private boolean worthCompressing(WriterInterceptorContext context) {
        String accepted = routing.request().getHeader(HttpHeaders.ACCEPT_ENCODING);
        if (accepted == null || !accepted.toLowerCase(Locale.ROOT).contains("gzip")
                || context.getHeaders().containsKey(HttpHeaders.CONTENT_ENCODING) || !compressible(context.getMediaType())) {
            return false;
        }
        // Pages arrive as strings, whose size is known; JSON is written by Jackson after this, and is
        // worth compressing when it is a list, which is when it is large.
        return !(context.getEntity() instanceof String text) || text.length() >= MIN_BYTES;
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
