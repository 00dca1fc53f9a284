package org.nuage.api.assets;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the JavaScript and CSS under {@code /static/}, gzipped to clients that prefer it and as they
 * are to the others, with the same caching headers either way. Quarkus compresses in its HTTP server's
 * pipeline, which a Lambda function does not have (API Gateway's event reaches the router through a
 * virtual connection), so without this the player's 620 KB of JavaScript would travel as is, instead
 * of 190 KB. Each answer has an {@code ETag} per file and coding, and a matching
 * {@code If-None-Match} gets a 304: Quarkus's own handler gives a {@code Last-Modified} that is the
 * instance's start, which changes with every cold start. Other files and ranges go on to Quarkus's
 * static handler.
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

    /** One file in one coding, with the tag that names exactly these bytes. */
    record Variant(byte[] body, String etag) {
    }

    /** Read and compressed once per function instance: the files never change while it runs. */
    private final Map<String, Optional<Variant>> plain = new ConcurrentHashMap<>();
    private final Map<String, Optional<Variant>> compressed = new ConcurrentHashMap<>();

    void install(@Observes Router router) {
        router.get("/static/*").handler(this::serve);
        router.head("/static/*").handler(this::serve);
    }

    private void serve(RoutingContext context) {
        String path = context.normalizedPath();
        boolean script = path.endsWith(".js");
        if (!(script || path.endsWith(".css")) || context.request().getHeader("Range") != null || path.contains("..")) {
            context.next();
            return;
        }
        boolean gzip = AcceptEncoding.prefersGzip(context.request().getHeader("Accept-Encoding"));
        Optional<Variant> variant = gzip ? compressed.computeIfAbsent(path, p -> read(p).map(CompressedStaticFiles::gzip))
                : plain.computeIfAbsent(path, CompressedStaticFiles::read);
        if (variant.isEmpty()) {
            context.next();
            return;
        }
        var response = context.response()
                .putHeader("content-type", script ? JAVASCRIPT : CSS)
                .putHeader("Vary", "Accept-Encoding")
                .putHeader("Cache-Control", cacheControl(path))
                .putHeader("ETag", variant.get().etag());
        if (gzip) {
            response.putHeader("Content-Encoding", "gzip");
        }
        if (matches(context.request().getHeader("If-None-Match"), variant.get().etag())) {
            response.setStatusCode(304).end();
        } else if (context.request().method() == HttpMethod.HEAD) {
            response.putHeader("Content-Length", Integer.toString(variant.get().body().length)).end();
        } else {
            response.end(Buffer.buffer(variant.get().body()));
        }
    }

    /** Versioned vendor files never change; the site's own keep their names across releases. */
    static String cacheControl(String path) {
        return path.startsWith("/static/vendor/") ? "public, max-age=31536000, immutable" : "public, max-age=3600";
    }

    /** RFC 9110's weak comparison of {@code If-None-Match} with our tag ({@code *} matches any). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String ours = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(ours)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Variant> read(String path) {
        try (InputStream in = CompressedStaticFiles.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(new Variant(bytes, tag(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static Variant gzip(Variant plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            zip.write(plain.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The tag names the file, and the coding: a cache must not answer a gzip request with a 304
        // that revalidates the plain bytes it holds, or the reverse.
        return new Variant(out.toByteArray(), plain.etag().replaceFirst("\"$", "-gzip\""));
    }

    /** A strong tag from the file's SHA-256: the same bytes give the same tag on every instance. */
    private static String tag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
