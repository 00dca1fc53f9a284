package org.nuage.api.assets;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the JavaScript and CSS under {@code /static/} gzipped to clients that accept it. Quarkus compresses
 * in its HTTP server's pipeline, which a Lambda function does not have (API Gateway's event reaches the
 * router through a virtual connection), so without this the player's 620 KB of JavaScript would travel
 * as is, instead of 190 KB. Everything else (other files, ranges, HEAD, clients without gzip) goes on
 * to Quarkus's own static handler.
 */
@ApplicationScoped
public class CompressedStaticFiles {

    /** Where Quarkus serves static files from; {@code /static/x} is {@code META-INF/resources/static/x}. */
    private static final String ROOT = "META-INF/resources";

    /**
     * Types spelled so on purpose: Quarkus's Lambda handler sends a body whose {@code Content-Type}
     * starts with {@code text} (or names JSON, XML or YAML) as a UTF-8 string, which would mangle
     * gzip, and any other type base64-encoded, which API Gateway decodes byte for byte. Browsers run
     * {@code application/javascript} as they run {@code text/javascript}; a stylesheet must be
     * {@code text/css}, so its header is spelled {@code content-type}, which the handler's exact
     * lookup misses (see {@link CompressedResponses}).
     */
    private static final String JAVASCRIPT = "application/javascript;charset=UTF-8";
    private static final String CSS = "text/css;charset=UTF-8";

    /** Compressed once per function instance: the files never change while it runs. */
    private final Map<String, Optional<byte[]>> compressed = new ConcurrentHashMap<>();

    void install(@Observes Router router) {
        router.get("/static/*").handler(this::serve);
    }

    private void serve(RoutingContext context) {
        String path = context.normalizedPath();
        String accepted = context.request().getHeader("Accept-Encoding");
        boolean script = path.endsWith(".js");
        if (!(script || path.endsWith(".css")) || accepted == null || !accepted.toLowerCase(Locale.ROOT).contains("gzip")
                || context.request().getHeader("Range") != null || path.contains("..")) {
            context.next();
            return;
        }
        Optional<byte[]> body = compressed.computeIfAbsent(path, this::gzip);
        if (body.isEmpty()) {
            context.next();
            return;
        }
        context.response()
                .putHeader("content-type", script ? JAVASCRIPT : CSS)
                .putHeader("Content-Encoding", "gzip")
                .putHeader("Vary", "Accept-Encoding")
                .putHeader("Cache-Control", cacheControl(path))
                .end(Buffer.buffer(body.get()));
    }

    /** Versioned vendor files never change; the site's own keep their names across releases. */
    static String cacheControl(String path) {
        return path.startsWith("/static/vendor/") ? "public, max-age=31536000, immutable" : "public, max-age=3600";
    }

    private Optional<byte[]> gzip(String path) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                return Optional.empty();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream zip = new GZIPOutputStream(out) {
                {
                    def.setLevel(Deflater.BEST_COMPRESSION);
                }
            }) {
                in.transferTo(zip);
            }
            return Optional.of(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
