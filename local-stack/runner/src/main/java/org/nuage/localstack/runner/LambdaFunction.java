package org.nuage.localstack.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.nuage.localstack.runner.RuntimeApiServer.Invocation;
import org.nuage.localstack.runner.RuntimeApiServer.Outcome;

/**
 * One Lambda function run locally the way Lambda runs it: a pool of JVMs under the runtime interface client,
 * each serving one invocation at a time through its own Runtime API endpoint.
 *
 * <p>An invocation goes to an idle instance; when none is idle and fewer than {@code maxConcurrency} instances
 * exist, another one starts; otherwise it waits. A timeout kills the instance that ran over, a crash fails the
 * invocation in flight, and either instance is replaced when the next invocation needs one.
 */
public final class LambdaFunction implements AutoCloseable {

    /** Lambda's limit on the request payload of a synchronous invocation: 6 MB. */
    public static final int MAX_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;

    /** The account in every ARN the local stack shows. */
    public static final String ACCOUNT_ID = "000000000000";

    private static final String DEFAULT_REGION = "us-east-1";
    /**
     * Lambda gives an on-demand init 10 s, then retries it inside the first invocation under the function
     * timeout; a runtime that has not asked for an event by then is killed.
     */
    private static final Duration INIT_LIMIT = Duration.ofSeconds(10);

    /** Long enough for a JVM to write an AOT cache at exit; a plain JVM stops on SIGTERM in well under 1 s. */
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);

    private enum State { STARTING, IDLE, BUSY, DEAD }

    private final FunctionSpec spec;
    private final Consumer<String> log;
    private final String region;
    private final String arn;
    private final Path taskRoot;
    private final List<Path> runtimeJars;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timeouts;
    private final Set<Process> processes = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook;

    // Guarded by this.
    private final Deque<Pending> waiting = new ArrayDeque<>();
    private final List<Instance> instances = new ArrayList<>();
    private final List<ColdStart> coldStarts = new ArrayList<>();
    private int instancesStarted;
    private boolean closed;

    /** Prepares the function; its first instance starts with its first invocation, as on Lambda. */
    public LambdaFunction(FunctionSpec spec) {
        this(spec, System.out::println);
    }

    /** Same, sending each instance's output lines, already prefixed with {@code [name#n] }, to {@code log}. */
    public LambdaFunction(FunctionSpec spec, Consumer<String> log) {
        this.spec = spec;
        this.log = log;
        this.region = spec.environment().getOrDefault("AWS_REGION", DEFAULT_REGION);
        this.arn = "arn:aws:lambda:" + region + ":" + ACCOUNT_ID + ":function:" + spec.name();
        this.runtimeJars = RuntimeClasspath.jars();
        try {
            // LAMBDA_TASK_ROOT stays empty: the runtime's class loader then finds the function on the classpath.
            this.taskRoot = Files.createTempDirectory("nuage-" + spec.name() + "-task");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.timeouts = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name(spec.name() + "-timeouts").unstarted(r));
        this.shutdownHook = Thread.ofPlatform().name(spec.name() + "-shutdown").unstarted(this::killAllNow);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public String name() {
        return spec.name();
    }

    public FunctionSpec spec() {
        return spec;
    }

    /** The function's ARN, as the runtime sees it in Lambda-Runtime-Invoked-Function-Arn. */
    public String arn() {
        return arn;
    }

    /** The region the function runs in: its AWS_REGION, else us-east-1. */
    public String region() {
        return region;
    }

    /**
     * Invokes the function synchronously (RequestResponse). The future fails only when Lambda itself would
     * refuse the call ({@link PayloadTooLargeException}, or the function is closed); function errors,
     * timeouts and crashes complete it with a failed {@link InvocationResult}.
     */
    public CompletableFuture<InvocationResult> invoke(byte[] event) {
        if (event.length > MAX_SYNC_PAYLOAD_BYTES) {
            return CompletableFuture.failedFuture(
                    new PayloadTooLargeException(spec.name(), event.length, MAX_SYNC_PAYLOAD_BYTES));
        }
        var pending = new Pending(UUID.randomUUID().toString(), event);
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException(spec.name() + " is closed"));
            }
            waiting.add(pending);
            pump();
        }
        return pending.future;
    }

    /** Cold starts of the instances that have answered at least once, in the order they answered. */
    public synchronized List<ColdStart> coldStarts() {
        return List.copyOf(coldStarts);
    }

    /** How many instances exist now, starting ones included. */
    public synchronized int instanceCount() {
        return instances.size();
    }

    /**
     * Stops every instance, its child processes included, and waits until they are gone: first with SIGTERM,
     * so that a JVM can finish what it writes at exit (an AOT cache being trained, say), then with SIGKILL.
     */
    @Override
    public void close() {
        List<Instance> stopping;
        List<Pending> abandoned = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            abandoned.addAll(waiting);
            waiting.clear();
            stopping = List.copyOf(instances);
            for (Instance instance : stopping) {
                if (instance.current != null) {
                    abandoned.add(instance.current);
                    instance.current.cancelTimeout();
                    instance.current = null;
                }
            }
        }
        var reason = new IllegalStateException(spec.name() + " was closed");
        abandoned.forEach(p -> p.future.completeExceptionally(reason));
        // Runtimes parked in /next stay parked while they stop: an error answer would only make them log one.
        stopAll(stopping);
        synchronized (this) {
            stopping.forEach(Instance::releaseSlot);
        }
        stopping.forEach(i -> i.api.close());
        timeouts.shutdownNow();
        executor.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to; it finds nothing left to kill.
        }
        deleteQuietly(taskRoot);
    }

    // --- dispatching, all under the lock ---

    private void pump() {
        while (!waiting.isEmpty()) {
            Instance idle = instances.stream().filter(i -> i.state == State.IDLE).findFirst().orElse(null);
            if (idle == null) {
                break;
            }
            dispatch(idle, waiting.poll());
        }
        long starting = instances.stream().filter(i -> i.state == State.STARTING).count();
        while (!closed && waiting.size() > starting && instances.size() < spec.maxConcurrency()) {
            if (startInstance()) {
                starting++;
            } else {
                Pending p = waiting.poll();
                finish(p, InvocationResult.failure(p.requestId, 0, "Runtime.StartError",
                        "could not start a JVM for " + spec.name() + "; see the runner's log", Duration.ZERO));
            }
        }
    }

    private void dispatch(Instance instance, Pending pending) {
        instance.state = State.BUSY;
        instance.current = pending;
        pending.instance = instance.number;
        pending.handedOverNanos = System.nanoTime();
        long timeoutMs = spec.timeout().toMillis();
        pending.timeout = timeouts.schedule(() -> timedOut(instance, pending), timeoutMs, TimeUnit.MILLISECONDS);
        instance.slot.complete(new Invocation(pending.requestId, pending.event,
                System.currentTimeMillis() + timeoutMs, arn, traceId(), null, null));
    }

    private boolean startInstance() {
        var instance = new Instance(++instancesStarted);
        try {
            instance.api = RuntimeApiServer.start(instance, executor);
            var builder = new ProcessBuilder(command()).directory(spec.workDir().toFile());
            environment(builder.environment(), instance.api.address());
            instance.startNanos = System.nanoTime();
            instance.process = builder.start();
        } catch (IOException | RuntimeException e) {
            log.accept(instance.prefix + "could not start: " + e);
            if (instance.api != null) {
                instance.api.close();
            }
            return false;
        }
        processes.add(instance.process);
        instances.add(instance);
        instance.initTimeout = timeouts.schedule(() -> initTimedOut(instance),
                INIT_LIMIT.plus(spec.timeout()).toMillis(), TimeUnit.MILLISECONDS);
        forward(instance, instance.process.getInputStream());
        forward(instance, instance.process.getErrorStream());
        // Async, so that a process that is already gone does not re-enter pump() from here.
        instance.process.onExit().thenAcceptAsync(p -> exited(instance, p.exitValue()));
        return true;
    }

    private List<String> command() {
        if (spec.bootstrap().isPresent()) {
            return List.of(spec.bootstrap().get().toString());
        }
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The managed java21 runtime's defaults: heap at 85% of the memory setting (as its command line shows),
        // serial GC and C1 only (Lambda's "Customize Java runtime startup behavior" page).
        command.add("-XX:MaxHeapSize=" + spec.memoryMb() * 1024L * 85 / 100 + "k");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.net.preferIPv4Stack=true");
        // The runtime interface client loads its JNI library; newer JDKs warn about that on every start.
        command.add("--enable-native-access=ALL-UNNAMED");
        RuntimeJni.path().ifPresent(jni -> command.add("-D" + RuntimeJni.PROPERTY + "=" + jni));
        command.addAll(spec.jvmOptions());
        command.add("-cp");
        // The runtime's jars come first, as /var/runtime/lib does on Lambda.
        command.add(String.join(File.pathSeparator,
                Stream.concat(runtimeJars.stream(), spec.classpath().stream()).map(Path::toString).toList()));
        command.add(RuntimeClasspath.MAIN_CLASS);
        command.add(spec.handler());
        return command;
    }

    private void environment(Map<String, String> env, String runtimeApi) {
        // Lambda starts the runtime with a clean environment; inheriting ours could leak credentials.
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                "yyyy/MM/dd", Locale.ROOT)) + "/[$LATEST]" + HexFormat.of().formatHex(randomBytes(16)));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.putAll(spec.environment());
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("_HANDLER", spec.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    }

    private void forward(Instance instance, InputStream stream) {
        instance.forwarders.add(Thread.ofVirtual().start(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    log.accept(instance.prefix + line);
                }
            } catch (IOException streamClosed) {
                // The process is gone; nothing more to forward.
            }
        }));
    }

    // --- what the runtimes tell us ---

    private synchronized CompletableFuture<Invocation> next(Instance instance) {
        if (instance.state == State.DEAD || closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("environment is shutting down"));
        }
        if (instance.initDoneNanos == 0) {
            instance.initDoneNanos = System.nanoTime();
            instance.initTimeout.cancel(false);
        }
        if (instance.current != null) {
            // Asking for the next event without answering the last one: Lambda fails that invocation.
            Pending abandoned = instance.current;
            instance.current = null;
            abandoned.cancelTimeout();
            finish(abandoned, failure(abandoned, "Runtime.InvalidResponse",
                    "the runtime asked for the next event without answering this one"));
        }
        instance.state = State.IDLE;
        var slot = new CompletableFuture<Invocation>();
        instance.slot = slot;
        pump();
        return slot;
    }

    private synchronized Outcome answered(Instance instance, String requestId, byte[] body, boolean error,
            String errorType) {
        Pending pending = instance.current;
        if (pending == null || !pending.requestId.equals(requestId)) {
            return Outcome.UNKNOWN_REQUEST;
        }
        instance.current = null;
        pending.cancelTimeout();
        if (instance.firstAnswerNanos == 0) {
            instance.firstAnswerNanos = System.nanoTime();
            coldStarts.add(new ColdStart(spec.name(), instance.number,
                    Duration.ofNanos(instance.initDoneNanos - instance.startNanos),
                    Duration.ofNanos(instance.firstAnswerNanos - instance.startNanos)));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - pending.handedOverNanos);
        if (body.length > RuntimeApiServer.MAX_RESPONSE_BYTES) {
            finish(pending, failure(pending, "Function.ResponseSizeTooLarge",
                    "Response payload size exceeded maximum allowed payload size ("
                            + RuntimeApiServer.MAX_RESPONSE_BYTES + " bytes)."));
            return Outcome.TOO_LARGE;
        }
        finish(pending, error
                ? InvocationResult.failure(requestId, instance.number, errorDocument(errorType, body), took)
                : InvocationResult.success(requestId, instance.number, body, took));
        return Outcome.ACCEPTED;
    }

    private void initFailed(Instance instance, String errorType, byte[] body) {
        synchronized (this) {
            instance.initError = errorDocument(errorType, body);
        }
        // Lambda tears down an environment whose init failed; the exit handler fails the waiting invocation.
        killTree(instance.process);
    }

    private void initTimedOut(Instance instance) {
        synchronized (this) {
            if (instance.initDoneNanos != 0 || instance.state == State.DEAD) {
                return;
            }
            instance.initTimedOut = true;
        }
        log.accept(instance.prefix + "did not ask for an event within " + INIT_LIMIT.plus(spec.timeout()).toSeconds()
                + " s; killing the instance");
        killTree(instance.process);
    }

    private void timedOut(Instance instance, Pending pending) {
        synchronized (this) {
            if (instance.current != pending) {
                return;
            }
            instance.current = null;
            finish(pending, failure(pending, "Sandbox.Timedout", String.format(Locale.ROOT,
                    "RequestId: %s Error: Task timed out after %.2f seconds",
                    pending.requestId, spec.timeout().toMillis() / 1000.0)));
        }
        log.accept(instance.prefix + "timed out after " + spec.timeout().toMillis() + " ms; killing the instance");
        killTree(instance.process);
    }

    private void exited(Instance instance, int exitValue) {
        synchronized (this) {
            boolean neverReady = instance.initDoneNanos == 0;
            instance.state = State.DEAD;
            instance.initTimeout.cancel(false);
            instances.remove(instance);
            processes.remove(instance.process);
            instance.releaseSlot();
            String message = "Runtime exited with error: " + exitStatus(exitValue);
            if (instance.current != null) {
                Pending crashed = instance.current;
                instance.current = null;
                crashed.cancelTimeout();
                finish(crashed, failure(crashed, "Runtime.ExitError",
                        "RequestId: " + crashed.requestId + " Error: " + message));
            } else if (neverReady && !closed && !waiting.isEmpty()) {
                // Its init failed: Lambda fails the invocation that was waiting for it, rather than retrying forever.
                Pending victim = waiting.poll();
                InvocationResult failure;
                if (instance.initError != null) {
                    failure = InvocationResult.failure(victim.requestId, instance.number, instance.initError,
                            Duration.ZERO);
                } else if (instance.initTimedOut) {
                    failure = InvocationResult.failure(victim.requestId, instance.number, "Sandbox.Timedout",
                            String.format(Locale.ROOT, "RequestId: %s Error: Task timed out after %.2f seconds",
                                    victim.requestId, INIT_LIMIT.plus(spec.timeout()).toMillis() / 1000.0),
                            Duration.ZERO);
                } else {
                    failure = InvocationResult.failure(victim.requestId, instance.number, "Runtime.ExitError",
                            "RequestId: " + victim.requestId + " Error: " + message, Duration.ZERO);
                }
                finish(victim, failure);
            }
            if (!closed) {
                pump();
            }
        }
        instance.api.close();
    }

    private InvocationResult failure(Pending pending, String errorType, String message) {
        Duration took = pending.handedOverNanos == 0 ? Duration.ZERO
                : Duration.ofNanos(System.nanoTime() - pending.handedOverNanos);
        return InvocationResult.failure(pending.requestId, pending.instance, errorType, message, took);
    }

    /** Completes outside the caller's lock, so that no dependent stage runs while it is held. */
    private static void finish(Pending pending, InvocationResult result) {
        pending.future.completeAsync(() -> result);
    }

    /** The runtime's error JSON as posted, or one built from the header when the body is not a JSON object. */
    private static byte[] errorDocument(String errorType, byte[] body) {
        JsonNode parsed = Json.parseOrNull(body);
        if (parsed != null && parsed.isObject()) {
            return body;
        }
        return Json.bytes(Json.MAPPER.createObjectNode()
                .put("errorType", errorType == null ? "Runtime.Unknown" : errorType)
                .put("errorMessage", new String(body, StandardCharsets.UTF_8)));
    }

    private static String exitStatus(int exitValue) {
        return switch (exitValue) {
            case 137 -> "signal: killed";
            case 143 -> "signal: terminated";
            case 134 -> "signal: aborted";
            case 139 -> "signal: segmentation fault";
            default -> "exit status " + exitValue;
        };
    }

    // --- stopping processes ---

    private void stopAll(List<Instance> stopping) {
        List<ProcessHandle> all = new ArrayList<>();
        for (Instance instance : stopping) {
            all.addAll(tree(instance.process));
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACEFUL_STOP.toNanos();
        for (ProcessHandle handle : all) {
            awaitExit(handle, Math.max(0, deadline - System.nanoTime()));
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        all.forEach(handle -> awaitExit(handle, GRACEFUL_STOP.toNanos()));
        for (Instance instance : stopping) {
            for (Thread forwarder : instance.forwarders) {
                try {
                    forwarder.join(Duration.ofSeconds(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void killAllNow() {
        processes.forEach(LambdaFunction::killTree);
    }

    /** Kills the process and its descendants, found before the parent dies and they are re-parented. */
    private static void killTree(Process process) {
        tree(process).forEach(ProcessHandle::destroyForcibly);
    }

    private static List<ProcessHandle> tree(Process process) {
        var tree = new ArrayList<ProcessHandle>();
        process.descendants().forEach(tree::add);
        tree.sort(Comparator.comparingLong(ProcessHandle::pid));
        tree.add(process.toHandle());
        return tree;
    }

    private static void awaitExit(ProcessHandle handle, long nanos) {
        try {
            handle.onExit().get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // Still alive: the caller escalates.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover empty temp dir is harmless.
        }
    }

    /** An X-Ray trace header of the shape Lambda passes, so that code reading it finds what it expects. */
    private static String traceId() {
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + HexFormat.of().formatHex(randomBytes(12)) + ";Parent="
                + HexFormat.of().formatHex(randomBytes(8)) + ";Sampled=0";
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** An invocation from the moment it is accepted until it is answered. */
    private static final class Pending {
        final String requestId;
        final byte[] event;
        final CompletableFuture<InvocationResult> future = new CompletableFuture<>();
        int instance;
        long handedOverNanos;
        ScheduledFuture<?> timeout;

        Pending(String requestId, byte[] event) {
            this.requestId = requestId;
            this.event = event;
        }

        void cancelTimeout() {
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }

    /** One execution environment: a JVM and its Runtime API endpoint. */
    private final class Instance implements RuntimeApiServer.Environment {
        final int number;
        final String prefix;
        final List<Thread> forwarders = new ArrayList<>(2);
        RuntimeApiServer api;
        Process process;
        State state = State.STARTING;
        Pending current;
        CompletableFuture<Invocation> slot;
        long startNanos;
        long initDoneNanos;
        long firstAnswerNanos;
        ScheduledFuture<?> initTimeout;
        boolean initTimedOut;
        byte[] initError;

        Instance(int number) {
            this.number = number;
            this.prefix = "[" + spec.name() + "#" + number + "] ";
        }

        void releaseSlot() {
            if (slot != null && !slot.isDone()) {
                slot.completeExceptionally(new IllegalStateException("environment is shutting down"));
            }
        }

        @Override
        public CompletableFuture<Invocation> next() {
            return LambdaFunction.this.next(this);
        }

        @Override
        public Outcome response(String requestId, byte[] body) {
            return answered(this, requestId, body, false, null);
        }

        @Override
        public Outcome error(String requestId, String errorType, byte[] body) {
            return answered(this, requestId, body, true, errorType);
        }

        @Override
        public void initError(String errorType, byte[] body) {
            initFailed(this, errorType, body);
        }
    }
}
