package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.core.stack.StackDefinition;
import org.nuage.localstack.runner.FunctionSpec;
import org.nuage.localstack.runner.InvocationResult;
import org.nuage.localstack.runner.LambdaFunction;
import org.nuage.localstack.runner.LocalNuage;

/**
 * The custom-runtime option of the deployment ({@code cdk -c coldStart=custom-runtime}):
 * {@code infra/custom-runtime/package} turns a function's {@code function.zip} into the
 * {@code provided.al2023} zip, and the function answers from it, started by the zip's own
 * {@code bootstrap} on its jlinked JDK, under the runner's Runtime API as Lambda would start it.
 */
class CustomRuntimeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path home;
    static LocalNuage storage;

    @TempDir
    static Path unpacked;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        home = Path.of(System.getProperty("nuage.home", "../..")).toAbsolutePath().normalize();
        storage = LocalNuage.startStorageOnly(new LocalNuage.Settings(home, new InetSocketAddress("127.0.0.1", port),
                URI.create("http://127.0.0.1:" + port), null, true, Optional.empty(), 1,
                StackDefinition.withVisibility("nuage", 10, 10, 2), LocalNuage.Aot.OFF, Optional.empty()),
                System.out::println);
    }

    @AfterAll
    static void stop() {
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    void theZipHoldsABootstrapAJlinkedJdk25AndTheRuntimeInterfaceClient() throws Exception {
        Path zip = packaged("inbox");
        try (ZipFile entries = new ZipFile(zip.toFile())) {
            for (String name : List.of("bootstrap", "jdk/bin/java", "jdk/release", "lib/")) {
                assertTrue(entries.getEntry(name) != null, name);
            }
            assertTrue(entries.stream().anyMatch(e -> e.getName().matches("runtime/aws-lambda-java-runtime-interface-client-.*\\.jar")));
            String release = new String(entries.getInputStream(entries.getEntry("jdk/release")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(release.contains("JAVA_VERSION=\"25"), release);
            String modules = release.lines().filter(l -> l.startsWith("MODULES=")).findFirst().orElseThrow();
            assertFalse(modules.contains("java.desktop") || modules.contains("jdk.jshell"),
                    "only the modules a function needs: " + modules);
        }
    }

    @Test
    void theApiAnswersFromItsCustomRuntime() throws Exception {
        try (ZipFile entries = new ZipFile(packaged("api").toFile())) {
            String release = new String(entries.getInputStream(entries.getEntry("jdk/release")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(release.lines().anyMatch(l -> l.startsWith("MODULES=") && l.contains("java.desktop")),
                    "the api makes avatars with ImageIO: " + release);
            String bootstrap = new String(entries.getInputStream(entries.getEntry("bootstrap")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(bootstrap.contains("-Djava.awt.headless=true"), bootstrap);
        }
        try (LambdaFunction api = customRuntime("api")) {
            JsonNode answer = answer(api.invoke(httpEvent("GET", "/api/v1/config", Map.of(), "")).get(120, TimeUnit.SECONDS));
            assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
            assertTrue(JSON.readTree(answer.path("body").asText()).has("instance"), answer.toString());
        }
    }

    @Test
    void theInboxChecksRequestsFromItsCustomRuntime() throws Exception {
        try (LambdaFunction inbox = customRuntime("inbox")) {
            JsonNode get = answer(inbox.invoke(httpEvent("GET", "/inbox", Map.of(), "")).get(120, TimeUnit.SECONDS));
            assertEquals(405, get.path("statusCode").asInt(), get.toString());

            String activity = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"https://peer.example/a/1\","
                    + "\"type\":\"Follow\",\"actor\":\"https://peer.example/users/ann\",\"object\":\"http://127.0.0.1/accounts/peertube\"}";
            String digest = "SHA-256=" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(activity.getBytes(StandardCharsets.UTF_8)));
            JsonNode unsigned = answer(inbox.invoke(httpEvent("POST", "/inbox", Map.of(
                    "content-type", "application/activity+json",
                    "date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)),
                    "digest", digest), activity)).get(120, TimeUnit.SECONDS));
            assertEquals(401, unsigned.path("statusCode").asInt(), unsigned.toString());
            assertTrue(unsigned.toString().contains("not signed"), unsigned.toString());
        }
    }

    /** The function started from its unpacked custom-runtime zip, with the environment the runner gives it. */
    private static LambdaFunction customRuntime(String name) throws Exception {
        Path root = unpacked.resolve(name);
        Files.createDirectories(root);
        // unzip keeps the executable bits of bootstrap and jdk/bin/*, as Lambda does.
        run(List.of("unzip", "-q", "-o", packaged(name).toString(), "-d", root.toString()));
        FunctionSpec managed = storage.spec(name);
        return new LambdaFunction(new FunctionSpec(name + "-al2023", List.of(root), managed.handler(),
                managed.environment(), managed.memoryMb(), managed.timeout(), 1, List.of(), root,
                Optional.of(root.resolve("bootstrap"))), System.out::println);
    }

    private static synchronized Path packaged(String name) throws Exception {
        Path zip = home.resolve("functions").resolve(name).resolve("target").resolve("function-al2023.zip");
        Path source = zip.resolveSibling("function.zip");
        if (!Files.exists(zip) || Files.getLastModifiedTime(zip).compareTo(Files.getLastModifiedTime(source)) < 0) {
            run(List.of("bash", home.resolve("infra/custom-runtime/package").toString(), name));
        }
        return zip;
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(home.toFile()).inheritIO().start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), command + " took too long");
        assertEquals(0, process.exitValue(), String.join(" ", command));
    }

    private static JsonNode answer(InvocationResult result) throws Exception {
        assertFalse(result.failed(), new String(result.payload(), StandardCharsets.UTF_8));
        return JSON.readTree(result.payload());
    }

    /** An HTTP API event (payload format 2.0), as API Gateway hands a request to a function. */
    private static byte[] httpEvent(String method, String path, Map<String, String> headers, String body) throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        ObjectNode headerNode = event.putObject("headers");
        headerNode.put("host", "127.0.0.1");
        headerNode.put("accept", "application/json");
        headers.forEach(headerNode::put);
        ObjectNode context = event.putObject("requestContext");
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("requestId", "custom-runtime-it");
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", "CustomRuntimeIT");
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return JSON.writeValueAsBytes(event);
    }
}
