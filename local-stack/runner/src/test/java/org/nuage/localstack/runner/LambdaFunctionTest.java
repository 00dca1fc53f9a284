package org.nuage.localstack.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LambdaFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void leavesNoChildProcessBehind() {
        // Every test closes its functions; none may leave a JVM (or a JVM's child) running.
        assertEquals(List.of(), ProcessHandle.current().descendants().map(ProcessHandle::info).toList());
    }

    @Test
    void runsTheHandlerUnderTheRuntimeInterfaceClientWithLambdasContextAndEnvironment() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        var spec = TestFunctions.echo("ctx", Duration.ofSeconds(7), 1, Map.of("GREETING", "hello"));
        try (var function = new LambdaFunction(spec, log::add)) {
            InvocationResult result = invoke(function, "{\"action\":\"context\"}");

            assertFalse(result.failed(), result.payloadText());
            JsonNode report = JSON.readTree(result.payload());
            assertEquals(result.requestId(), report.get("requestId").asText());
            assertEquals("arn:aws:lambda:us-east-1:000000000000:function:ctx", report.get("functionArn").asText());
            assertEquals("ctx", report.get("functionName").asText());
            assertEquals("$LATEST", report.get("functionVersion").asText());
            assertEquals(256, report.get("memoryLimitInMB").asInt());
            long remaining = report.get("remainingTimeInMillis").asLong();
            assertTrue(remaining > 5_000 && remaining <= 7_000, "remaining " + remaining);
            assertEquals("/aws/lambda/ctx", report.get("logGroupName").asText());
            assertTrue(report.get("logStreamName").asText().matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}"));
            assertTrue(report.get("traceHeader").asText().startsWith("Root=1-"));
            // 85% of 256 MB, as the managed runtime sizes the heap; the serial GC reports it less one survivor space.
            double heapMb = report.get("maxHeapBytes").asLong() / 1024.0 / 1024.0;
            assertTrue(heapMb > 200 && heapMb <= 256 * 0.85, "max heap " + heapMb + " MB");
            JsonNode env = report.get("env");
            assertEquals("hello", env.get("GREETING").asText());
            assertEquals("us-east-1", env.get("AWS_REGION").asText());
            assertEquals("AWS_Lambda_java21", env.get("AWS_EXECUTION_ENV").asText());
            assertEquals("256", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText());
            assertEquals(":UTC", env.get("TZ").asText());
            assertEquals(TestFunctions.HANDLER, env.get("_HANDLER").asText());
            assertTrue(env.get("AWS_LAMBDA_RUNTIME_API").asText().matches("127\\.0\\.0\\.1:\\d+"));
            assertFalse(env.has("HOME"), "the runner's own environment must not leak into the function");
            assertTrue(log.contains("[ctx#1] handling " + result.requestId()), log::toString);

            List<ColdStart> coldStarts = function.coldStarts();
            assertEquals(1, coldStarts.size());
            ColdStart coldStart = coldStarts.getFirst();
            assertTrue(coldStart.init().compareTo(coldStart.firstAnswer()) < 0, coldStart::toString);
            System.out.println("echo handler cold start: init " + coldStart.init().toMillis() + " ms, first answer "
                    + coldStart.firstAnswer().toMillis() + " ms");
        }
    }

    @Test
    void overlappingInvocationsStartASecondInstanceButNeverMoreThanMaxConcurrency() throws Exception {
        var spec = TestFunctions.echo("busy", Duration.ofSeconds(10), 2, Map.of());
        try (var function = new LambdaFunction(spec, line -> { })) {
            var most = new AtomicInteger();
            var sampler = Thread.ofVirtual().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    most.accumulateAndGet(function.instanceCount(), Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long started = System.nanoTime();
            List<CompletableFuture<InvocationResult>> calls = List.of(
                    function.invoke(bytes("{\"action\":\"sleep\",\"ms\":1500}")),
                    function.invoke(bytes("{\"action\":\"sleep\",\"ms\":1500}")),
                    function.invoke(bytes("{\"action\":\"sleep\",\"ms\":1500}")));
            List<InvocationResult> results = calls.stream().map(CompletableFuture::join).toList();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            sampler.interrupt();

            results.forEach(r -> assertFalse(r.failed(), r.payloadText()));
            assertEquals(Set.of(1, 2), results.stream().map(InvocationResult::instance).collect(Collectors.toSet()));
            assertEquals(2, most.get(), "instances alive at once");
            assertEquals(2, function.coldStarts().size());
            // The third call had to wait for an instance to finish its first.
            assertTrue(elapsed.toMillis() >= 3000, "took " + elapsed);
        }
    }

    @Test
    void aTimeoutKillsTheInstanceAndTheNextInvocationGetsAFreshOne() throws Exception {
        var spec = TestFunctions.echo("slow", Duration.ofSeconds(1), 1, Map.of());
        try (var function = new LambdaFunction(spec, line -> { })) {
            long firstPid = pid(invoke(function, "{\"action\":\"context\"}"));

            InvocationResult timedOut = invoke(function, "{\"action\":\"sleep\",\"ms\":20000}");

            assertTrue(timedOut.failed());
            assertEquals("Sandbox.Timedout", timedOut.errorType());
            assertEquals("RequestId: " + timedOut.requestId() + " Error: Task timed out after 1.00 seconds",
                    timedOut.errorMessage());
            awaitTrue(() -> ProcessHandle.of(firstPid).isEmpty(), "the timed-out JVM is killed");
            InvocationResult next = invoke(function, "{\"action\":\"context\"}");
            assertEquals(2, next.instance());
            assertNotEquals(firstPid, pid(next));
        }
    }

    @Test
    void aCrashFailsTheInvocationInFlightAndTheInstanceIsReplacedOnDemand() throws Exception {
        try (var function = new LambdaFunction(TestFunctions.echo("crashy"), line -> { })) {
            InvocationResult crashed = invoke(function, "{\"action\":\"exit\"}");

            assertTrue(crashed.failed());
            assertEquals("Runtime.ExitError", crashed.errorType());
            assertEquals("RequestId: " + crashed.requestId() + " Error: Runtime exited with error: exit status 3",
                    crashed.errorMessage());
            awaitTrue(() -> function.instanceCount() == 0, "the crashed instance is gone");
            InvocationResult next = invoke(function, "{\"hello\":1}");
            assertFalse(next.failed());
            assertEquals(2, next.instance());
        }
    }

    @Test
    void aFunctionErrorReturnsTheRuntimesErrorDocumentAndKeepsTheInstance() throws Exception {
        try (var function = new LambdaFunction(TestFunctions.echo("failing"), line -> { })) {
            InvocationResult failed = invoke(function, "{\"action\":\"fail\"}");

            assertTrue(failed.failed());
            assertEquals("java.lang.IllegalArgumentException", failed.errorType());
            assertEquals("asked to fail", failed.errorMessage());
            assertTrue(JSON.readTree(failed.payload()).get("stackTrace").isArray());
            InvocationResult next = invoke(function, "{\"hello\":1}");
            assertEquals("{\"hello\":1}", next.payloadText());
            assertEquals(1, next.instance());
        }
    }

    @Test
    void aHandlerClassThatDoesNotExistFailsEachInvocationAsTheJavaRuntimeDoes() throws Exception {
        FunctionSpec echo = TestFunctions.echo("broken");
        var spec = new FunctionSpec(echo.name(), echo.classpath(), "org.nuage.NoSuchHandler::handleRequest",
                Map.of(), 256, Duration.ofSeconds(5), 1, List.of(), echo.workDir());
        try (var function = new LambdaFunction(spec, line -> { })) {
            InvocationResult failed = invoke(function, "{}");

            assertTrue(failed.failed());
            assertEquals("java.lang.ClassNotFoundException", failed.errorType());
            assertEquals("Class not found: org.nuage.NoSuchHandler", failed.errorMessage());
        }
    }

    @Test
    void aRuntimeThatDiesDuringInitFailsTheInvocationWaitingForIt() throws Exception {
        var spec = TestFunctions.echo("doomed", Duration.ofSeconds(5), 1, Map.of("CRASH_ON_INIT", "1"));
        try (var function = new LambdaFunction(spec, line -> { })) {
            InvocationResult failed = invoke(function, "{}");

            assertTrue(failed.failed());
            assertEquals("Runtime.ExitError", failed.errorType());
            assertTrue(failed.errorMessage().endsWith("Runtime exited with error: exit status 4"), failed.errorMessage());
            awaitTrue(() -> function.instanceCount() == 0, "the dead instance is removed");
            assertEquals(List.of(), function.coldStarts());
        }
    }

    @Test
    void aRuntimeThatNeverFinishesInitIsKilledAfterTenSecondsPlusTheTimeout() throws Exception {
        var spec = TestFunctions.echo("stuck", Duration.ofSeconds(1), 1, Map.of("HANG_ON_INIT", "1"));
        try (var function = new LambdaFunction(spec, line -> { })) {
            long started = System.nanoTime();
            InvocationResult failed = invoke(function, "{}");
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertEquals("Sandbox.Timedout", failed.errorType());
            assertTrue(failed.errorMessage().endsWith("Task timed out after 11.00 seconds"), failed.errorMessage());
            assertTrue(waited.toMillis() >= 11_000 && waited.toMillis() < 15_000, "waited " + waited);
            awaitTrue(() -> function.instanceCount() == 0, "the stuck instance is killed");
        }
    }

    @Test
    void payloadsOverLambdasSixMegabyteLimitAreRefusedBothWays() throws Exception {
        try (var function = new LambdaFunction(TestFunctions.echo("big"), line -> { })) {
            var tooBig = function.invoke(new byte[LambdaFunction.MAX_SYNC_PAYLOAD_BYTES + 1]);
            var refused = assertThrows(ExecutionException.class, () -> tooBig.get(5, TimeUnit.SECONDS));
            assertInstanceOf(PayloadTooLargeException.class, refused.getCause());

            InvocationResult hugeAnswer = invoke(function, "{\"action\":\"big\"}");
            assertTrue(hugeAnswer.failed());
            assertEquals("Function.ResponseSizeTooLarge", hugeAnswer.errorType());
        }
    }

    @Test
    void closeStopsEveryInstanceWithItsChildrenAndFailsWhatIsInFlight() throws Exception {
        var function = new LambdaFunction(TestFunctions.echo("closing", Duration.ofSeconds(30), 2, Map.of()),
                line -> { });
        JsonNode spawned = JSON.readTree(invoke(function, "{\"action\":\"spawn\"}").payload());
        long grandchild = spawned.get("child").asLong();
        var inFlight = function.invoke(bytes("{\"action\":\"sleep\",\"ms\":20000}"));
        var alsoInFlight = function.invoke(bytes("{\"action\":\"sleep\",\"ms\":20000}"));
        awaitTrue(() -> function.coldStarts().size() == 1 && function.instanceCount() == 2, "two instances run");
        assertTrue(ProcessHandle.of(grandchild).isPresent());

        function.close();

        assertTrue(ProcessHandle.of(grandchild).isEmpty(), "the function's own child process is killed too");
        assertEquals(0, ProcessHandle.current().descendants().count());
        var failure = assertThrows(ExecutionException.class, () -> inFlight.get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, failure.getCause());
        assertTrue(alsoInFlight.isCompletedExceptionally());
        assertThrows(ExecutionException.class, () -> function.invoke(bytes("{}")).get(5, TimeUnit.SECONDS));
    }

    private static InvocationResult invoke(LambdaFunction function, String event) throws Exception {
        return function.invoke(bytes(event)).get(60, TimeUnit.SECONDS);
    }

    private static long pid(InvocationResult result) throws IOException {
        return JSON.readTree(result.payload()).get("pid").asLong();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
