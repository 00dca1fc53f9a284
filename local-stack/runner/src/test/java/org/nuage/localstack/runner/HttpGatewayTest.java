package org.nuage.localstack.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final RouteTable ROUTES = RouteTable.defaultTo("api")
            .route("POST", "/inbox", "inbox")
            .route("POST", "/accounts/*/inbox", "inbox");

    private static LambdaFunction api;
    private static LambdaFunction inbox;
    private static HttpGateway gateway;
    private static final List<String> gatewayLog = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startGateway() throws Exception {
        api = new LambdaFunction(TestFunctions.echo("api", Duration.ofSeconds(10), 2, Map.of()), line -> { });
        inbox = new LambdaFunction(TestFunctions.echo("inbox"), line -> { });
        gateway = HttpGateway.start(new InetSocketAddress("127.0.0.1", 0), ROUTES, List.of(api, inbox),
                HttpGateway.DEFAULT_INTEGRATION_TIMEOUT, gatewayLog::add);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
        api.close();
        inbox.close();
    }

    @Test
    void aGetReachesTheFunctionAsAnHttpApiPayloadTwoEventAndItsResponseComesBack() throws Exception {
        long before = System.currentTimeMillis();
        HttpResponse<String> response = CLIENT.send(request("/videos/abc%20d?x=1&x=2&y=z%26&flag")
                .header("X-Repeat", "a").header("X-Repeat", "b")
                .header("Cookie", "session=s1; theme=light")
                .header("User-Agent", "gateway-test")
                .GET().build(), BodyHandlers.ofString());

        assertEquals(201, response.statusCode());
        assertEquals("yes", response.headers().firstValue("x-echo").orElseThrow());
        assertEquals("api", response.headers().firstValue("x-function").orElseThrow());
        assertEquals(List.of("a", "b"), response.headers().allValues("x-multi"));
        assertEquals(List.of("session=abc; Path=/; HttpOnly", "theme=dark"), response.headers().allValues("set-cookie"));
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());

        JsonNode event = JSON.readTree(response.body());
        assertEquals("2.0", event.get("version").asText());
        assertEquals("$default", event.get("routeKey").asText());
        assertEquals("/videos/abc%20d", event.get("rawPath").asText());
        assertEquals("x=1&x=2&y=z%26&flag", event.get("rawQueryString").asText());
        assertEquals(List.of("session=s1", "theme=light"), JSON.convertValue(event.get("cookies"), List.class));
        JsonNode headers = event.get("headers");
        assertEquals("a,b", headers.get("x-repeat").asText());
        assertEquals("gateway-test", headers.get("user-agent").asText());
        assertEquals("127.0.0.1", headers.get("x-forwarded-for").asText());
        assertFalse(headers.has("cookie"), "format 2.0 moves cookies out of the headers");
        headers.fieldNames().forEachRemaining(name -> assertEquals(name.toLowerCase(), name));
        JsonNode query = event.get("queryStringParameters");
        assertEquals("1,2", query.get("x").asText());
        assertEquals("z&", query.get("y").asText());
        assertEquals("", query.get("flag").asText());
        JsonNode context = event.get("requestContext");
        assertEquals("000000000000", context.get("accountId").asText());
        assertEquals("local", context.get("apiId").asText());
        assertEquals("127.0.0.1", context.get("domainName").asText());
        assertEquals("127", context.get("domainPrefix").asText());
        assertEquals("GET", context.at("/http/method").asText());
        assertEquals("/videos/abc d", context.at("/http/path").asText());
        assertEquals("HTTP/1.1", context.at("/http/protocol").asText());
        assertEquals("127.0.0.1", context.at("/http/sourceIp").asText());
        assertEquals("gateway-test", context.at("/http/userAgent").asText());
        assertEquals(response.headers().firstValue("apigw-requestid").orElseThrow(), context.get("requestId").asText());
        assertEquals("$default", context.get("routeKey").asText());
        assertEquals("$default", context.get("stage").asText());
        assertTrue(context.get("time").asText().matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000"));
        long epoch = context.get("timeEpoch").asLong();
        assertTrue(epoch >= before && epoch <= System.currentTimeMillis());
        assertFalse(event.get("isBase64Encoded").asBoolean());
        assertFalse(event.has("body"));
    }

    @Test
    void aPostIsRoutedAndItsBodyTravelsAsTextOrBase64AsItsContentTypeSays() throws Exception {
        String activity = "{\"type\":\"Follow\",\"actor\":\"https://peer.example/a\"}";
        JsonNode json = post("/accounts/alice/inbox", "application/activity+json", activity.getBytes());
        assertEquals(activity, json.get("body").asText());
        assertFalse(json.get("isBase64Encoded").asBoolean());
        assertEquals("POST", json.at("/requestContext/http/method").asText());

        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        JsonNode octets = post("/upload", "application/octet-stream", binary);
        assertTrue(octets.get("isBase64Encoded").asBoolean());
        assertArrayEquals(binary, Base64.getDecoder().decode(octets.get("body").asText()));
    }

    @Test
    void aBase64ResponseBodyIsDecodedAndAnAnswerWithoutStatusCodeIsInferred() throws Exception {
        HttpResponse<byte[]> binary = CLIENT.send(request("/binary").GET().build(), BodyHandlers.ofByteArray());
        assertEquals(200, binary.statusCode());
        assertEquals("application/octet-stream", binary.headers().firstValue("content-type").orElseThrow());
        assertEquals(256, binary.body().length);
        assertEquals((byte) 255, binary.body()[255]);

        HttpResponse<String> plain = CLIENT.send(request("/plain").GET().build(), BodyHandlers.ofString());
        assertEquals(200, plain.statusCode());
        assertEquals("application/json", plain.headers().firstValue("content-type").orElseThrow());
        assertEquals("{\"hello\":\"world\"}", plain.body());
    }

    @Test
    void aFunctionErrorBecomesInternalServerErrorAsOnAnHttpApi() throws Exception {
        HttpResponse<String> response = CLIENT.send(request("/fail").GET().build(), BodyHandlers.ofString());

        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", response.body());
        assertTrue(gatewayLog.stream().anyMatch(l -> l.contains("java.lang.IllegalStateException: asked to fail")),
                gatewayLog::toString);
    }

    @Test
    void aRequestWhoseEventExceedsLambdasSixMegabytesIsRefusedWith413() throws Exception {
        // 5 MB of binary grows past 6 MB once base64-encoded into the event.
        HttpResponse<String> response = CLIENT.send(request("/upload").header("Content-Type", "image/png")
                .POST(BodyPublishers.ofByteArray(new byte[5 * 1024 * 1024])).build(), BodyHandlers.ofString());

        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("exceeds Lambda's 6 MB limit"), response.body());
    }

    @Test
    void aFunctionTimeoutKillsTheInstanceAndAnswers500WhileASlowerIntegrationAnswers503() throws Exception {
        try (var hasty = new LambdaFunction(TestFunctions.echo("hasty", Duration.ofSeconds(1), 1, Map.of()), l -> { });
             var patient = new LambdaFunction(TestFunctions.echo("patient", Duration.ofSeconds(20), 1, Map.of()),
                     l -> { });
             var slowGateway = HttpGateway.start(new InetSocketAddress("127.0.0.1", 0),
                     RouteTable.defaultTo("hasty").route("POST", "/sleep/*", "patient"), List.of(hasty, patient),
                     Duration.ofMillis(2500), l -> { })) {
            String base = "http://127.0.0.1:" + slowGateway.address().getPort();
            HttpResponse<String> warm = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    BodyHandlers.ofString());
            long pid = Long.parseLong(warm.headers().firstValue("x-pid").orElseThrow());

            HttpResponse<String> timedOut = CLIENT.send(
                    HttpRequest.newBuilder(URI.create(base + "/sleep/10000")).build(), BodyHandlers.ofString());
            assertEquals(500, timedOut.statusCode());
            assertEquals("{\"message\":\"Internal Server Error\"}", timedOut.body());
            LambdaFunctionTest.awaitTrue(() -> ProcessHandle.of(pid).isEmpty(), "the timed-out JVM is killed");

            HttpResponse<String> unavailable = CLIENT.send(
                    HttpRequest.newBuilder(URI.create(base + "/sleep/4000")).POST(BodyPublishers.noBody()).build(), BodyHandlers.ofString());
            assertEquals(503, unavailable.statusCode());
            assertEquals("{\"message\":\"Service Unavailable\"}", unavailable.body());
        }
    }

    private static JsonNode post(String path, String contentType, byte[] body) throws Exception {
        HttpResponse<String> response = CLIENT.send(request(path).header("Content-Type", contentType)
                .POST(BodyPublishers.ofByteArray(body)).build(), BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        assertEquals(path.endsWith("/inbox") ? "inbox" : "api", response.headers().firstValue("x-function").orElseThrow());
        return JSON.readTree(response.body());
    }

    private static HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.address().getPort() + pathAndQuery));
    }
}
