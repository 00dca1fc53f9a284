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
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.core.stack.StackDefinition;
import org.nuage.localstack.runner.CustomRuntime;
import org.nuage.localstack.runner.FunctionSpec;
import org.nuage.localstack.runner.InvocationResult;
import org.nuage.localstack.runner.LambdaFunction;
import org.nuage.localstack.runner.LocalNuage;

/**
 * The custom-runtime option of the deployment ({@code cdk -c coldStart=custom-runtime}):
 * {@code infra/custom-runtime/package} turns a function's {@code function.zip} into the
 * {@code provided.al2023} zip and trains the AOT cache in it, and the function answers from it, started by
 * the zip's own {@code bootstrap} on its jlinked JDK, under the runner's Runtime API as Lambda would start
 * it. Each zip is unpacked here into a directory of this test's own, not where it was trained, and run
 * with {@code NUAGE_AOT_MODE=on}: the JVM refuses to start unless it can use the zip's cache there.
 */
class CustomRuntimeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The time infra/custom-runtime/package gives every file of the zip. */
    private static final Instant FIXED_TIME = Instant.parse("2000-01-01T00:00:00Z");

    /** Lambda's "250 MB" for a function unzipped (with its layers; these have none), as its error message counts it. */
    private static final long LAMBDA_MAX_UNPACKED_BYTES = 262_144_000L;

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
    void theZipHoldsATrainedCacheAndListsItsJarsInAFixedOrderWithAFixedTime() throws Exception {
        Path zip = packaged("api");
        try (ZipFile entries = new ZipFile(zip.toFile())) {
            assertTrue(entries.getEntry("function.aot") != null, "the zip carries its AOT cache");
            assertTrue(entries.getEntry("function.jar") != null, "the function's classes are in a jar");
            String bootstrap = new String(entries.getInputStream(entries.getEntry("bootstrap")).readAllBytes(),
                    StandardCharsets.UTF_8);
            String classpath = bootstrap.lines().filter(l -> l.strip().startsWith("-cp ")).findFirst().orElseThrow();
            assertFalse(classpath.contains("*"), "no wildcard, whose order the file system decides: " + classpath);
            assertTrue(classpath.contains("runtime/aws-lambda-java-runtime-interface-client-")
                    && classpath.strip().endsWith("function.jar\" \\"), classpath);
            // The JVM compares each jar's mtime with the training run's: the zip fixes it, in UTC.
            List<String> jars = entries.stream().filter(e -> e.getName().endsWith(".jar")).map(e -> e.getName()
                    + " " + e.getLastModifiedTime().toInstant()).filter(e -> !e.endsWith(" " + FIXED_TIME)).toList();
            assertEquals(List.of(), jars, "jars whose time is not " + FIXED_TIME);
        }
        for (String function : List.of("api", "inbox")) {
            try (ZipFile entries = new ZipFile(packaged(function).toFile())) {
                long unpacked = entries.stream().mapToLong(ZipEntry::getSize).sum();
                assertTrue(unpacked < LAMBDA_MAX_UNPACKED_BYTES, function + " unpacks to " + unpacked + " bytes");
            }
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
        try (LambdaFunction api = customRuntime("api", CustomRuntime.AotMode.ON)) {
            JsonNode answer = answer(api.invoke(httpEvent("GET", "/api/v1/config", Map.of(), "")).get(120, TimeUnit.SECONDS));
            assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
            assertTrue(JSON.readTree(answer.path("body").asText()).has("instance"), answer.toString());
        }
    }

    @Test
    void theInboxChecksRequestsFromItsCustomRuntime() throws Exception {
        try (LambdaFunction inbox = customRuntime("inbox", CustomRuntime.AotMode.ON)) {
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

    @Test
    void aJarWhoseTimeChangedMakesTheJvmRefuseTheCacheAndTheBootstrapStartWithoutIt() throws Exception {
        Path root = unpack("api-touched");
        // What an unpacker that ignores the zip's times would do: the jar's mtime becomes now.
        Files.setLastModifiedTime(root.resolve("function.jar"), FileTime.from(Instant.now()));
        FunctionSpec managed = storage.spec("api");
        try (LambdaFunction required = new LambdaFunction(CustomRuntime.spec(managed, root, CustomRuntime.AotMode.ON),
                System.out::println)) {
            InvocationResult refused = required.invoke(httpEvent("GET", "/api/v1/config", Map.of(), ""))
                    .get(120, TimeUnit.SECONDS);
            assertTrue(refused.failed(), "the JVM started with a cache whose jar changed");
            assertTrue(refused.payloadText().contains("Runtime.ExitError"), refused.payloadText());
        }
        // Without NUAGE_AOT_MODE, as on Lambda, the JVM says why and starts without the cache.
        try (LambdaFunction api = new LambdaFunction(CustomRuntime.spec(managed, root, CustomRuntime.AotMode.AUTO),
                System.out::println)) {
            JsonNode answer = answer(api.invoke(httpEvent("GET", "/api/v1/config", Map.of(), "")).get(120, TimeUnit.SECONDS));
            assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
        }
    }

    /** The function started from its unpacked custom-runtime zip, with the environment the runner gives it. */
    private static LambdaFunction customRuntime(String name, CustomRuntime.AotMode aot) throws Exception {
        return new LambdaFunction(CustomRuntime.spec(storage.spec(name), unpack(name), aot), System.out::println);
    }

    /** The function's zip unpacked into a directory of this test's own, as Lambda unpacks it into /var/task. */
    private static Path unpack(String directory) throws Exception {
        String function = directory.split("-")[0];
        return CustomRuntime.unpack(packaged(function), unpacked.resolve(directory));
    }

    /**
     * The function's zip, packaged and trained when it is missing, older than its {@code function.zip} or
     * without a cache (a build with -DskipAotTraining does not make them): both zips this test uses at once,
     * since they train together.
     */
    private static synchronized Path packaged(String name) throws Exception {
        List<String> stale = new ArrayList<>();
        for (String function : List.of("api", "inbox")) {
            Path zip = CustomRuntime.zip(home, function);
            Path source = zip.resolveSibling("function.zip");
            if (!Files.exists(zip) || Files.getLastModifiedTime(zip).compareTo(Files.getLastModifiedTime(source)) < 0
                    || !holdsCache(zip)) {
                stale.add(function);
            }
        }
        if (!stale.isEmpty()) {
            List<String> command = new ArrayList<>(List.of("bash", home.resolve("infra/custom-runtime/package").toString()));
            command.addAll(stale);
            run(command);
        }
        return CustomRuntime.zip(home, name);
    }

    private static boolean holdsCache(Path zip) throws Exception {
        try (ZipFile entries = new ZipFile(zip.toFile())) {
            return entries.getEntry("function.aot") != null;
        }
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(home.toFile()).inheritIO().start();
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), command + " took too long");
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
