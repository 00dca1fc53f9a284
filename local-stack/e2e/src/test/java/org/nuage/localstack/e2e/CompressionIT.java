package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nuage.localstack.runner.LocalNuage;

/**
 * Pages, JSON and stylesheets arrive gzipped, and intact, through the packaged api function and its
 * Lambda handler: the handler passes text bodies as strings, so a compressed one only survives when
 * it is sent base64-encoded (CompressedResponses). Java's HTTP client does not inflate by itself,
 * so these are the bytes on the wire.
 */
class CompressionIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static String base;

    @BeforeAll
    static void start() throws Exception {
        LocalNuage nuage = SharedNuage.get();
        base = nuage.url().toString().replaceAll("/+$", "");
    }

    @Test
    void pagesAreGzippedForClientsThatAcceptIt() throws Exception {
        HttpResponse<byte[]> zipped = get("/", "gzip, deflate, br");
        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.headers().firstValue("content-encoding").orElse(""));
        assertTrue(zipped.headers().firstValue("content-type").orElse("").startsWith("text/html"), zipped.headers().toString());
        assertTrue(zipped.headers().allValues("vary").toString().contains("Accept-Encoding"), zipped.headers().toString());
        String page = gunzip(zipped.body());
        assertTrue(page.startsWith("<!doctype html>"), page.substring(0, Math.min(200, page.length())));
        assertTrue(page.strip().endsWith("</html>"), "the whole page, inflated");

        HttpResponse<byte[]> plain = get("/", null);
        assertTrue(plain.headers().firstValue("content-encoding").isEmpty(), "no gzip unasked");
        String unzipped = new String(plain.body(), StandardCharsets.UTF_8);
        assertTrue(unzipped.startsWith("<!doctype html>"));
        // A third at least: on a fresh instance the home page is under 2 KB, where gzip's own header
        // and the page's few repeats keep it near half; a full page shrinks four- to sixfold.
        assertTrue(zipped.body().length * 3 < plain.body().length * 2,
                "gzip makes the page a third smaller at least: " + zipped.body().length + " of " + plain.body().length + " B");
    }

    @Test
    void jsonAndStylesheetsToo() throws Exception {
        HttpResponse<byte[]> json = get("/api/v1/config", "gzip");
        assertEquals("gzip", json.headers().firstValue("content-encoding").orElse(""));
        assertTrue(json.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertTrue(Api.JSON.readTree(gunzip(json.body())).has("instance"), "the config, intact");

        HttpResponse<byte[]> css = get("/static/nuage.css", "gzip");
        assertEquals(200, css.statusCode());
        assertEquals("gzip", css.headers().firstValue("content-encoding").orElse(""));
        assertTrue(css.headers().firstValue("content-type").orElse("").startsWith("text/css"), css.headers().toString());
        String sheet = gunzip(css.body());
        assertEquals(new String(get("/static/nuage.css", null).body(), StandardCharsets.UTF_8), sheet, "the same stylesheet");
    }

    @Test
    void weightsAreHonouredAndNoAnswerNamesIdentity() throws Exception {
        for (String refusing : new String[] {"gzip;q=0, identity", "identity", "*;q=0.5, gzip;q=0", "gzip;q=0.5, identity"}) {
            HttpResponse<byte[]> plain = get("/api/v1/config", refusing);
            assertEquals(200, plain.statusCode());
            assertTrue(plain.headers().allValues("content-encoding").isEmpty(), refusing + ": " + plain.headers());
            assertTrue(Api.JSON.readTree(plain.body()).has("instance"), refusing + ": the JSON as is");
            assertTrue(plain.headers().allValues("vary").toString().contains("Accept-Encoding"),
                    "the answer depends on Accept-Encoding even when it is not compressed: " + plain.headers());
        }
        HttpResponse<byte[]> preferred = get("/api/v1/config", "identity;q=0.5, gzip");
        assertEquals(java.util.List.of("gzip"), preferred.headers().allValues("content-encoding"));
        // An error page and a missing route: no Content-Encoding at all, where Quarkus's compression
        // setting used to mark them "identity".
        for (String path : new String[] {"/api/v1/videos/00000000-0000-4000-8000-000000000000", "/no/such/route"}) {
            HttpResponse<byte[]> missing = get(path, "gzip, deflate");
            assertEquals(404, missing.statusCode());
            missing.headers().allValues("content-encoding").forEach(coding -> assertEquals("gzip", coding, path));
        }
    }

    private static HttpResponse<byte[]> get(String path, String acceptEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html, application/json;q=0.9, */*;q=0.1");
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] bytes) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
