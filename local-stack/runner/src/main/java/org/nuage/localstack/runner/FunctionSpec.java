package org.nuage.localstack.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run one packaged function: what Lambda's function configuration holds, plus the local JVM's options.
 *
 * @param name           function name, used in log prefixes, the ARN and AWS_LAMBDA_FUNCTION_NAME
 * @param classpath      the function's own code: for a Quarkus app, {@code target/<artifact>-runner.jar}
 * @param handler        the handler string, e.g. {@code io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest}
 * @param environment    the function's environment variables; they may override the runtime's defaults
 *                       (AWS_REGION, credentials) but never the Runtime API wiring
 * @param memoryMb       the configured memory, which sizes the heap as Lambda's managed runtime does
 * @param timeout        the function timeout
 * @param maxConcurrency how many instances may run at once (reserved concurrency)
 * @param jvmOptions     extra JVM options, appended after the runtime's defaults so they win
 * @param workDir        the working directory of each instance JVM
 * @param bootstrap      a custom runtime's {@code bootstrap}, started instead of the managed runtime's
 *                       JVM as Lambda's {@code provided.al2023} runtime does; then {@code classpath} and
 *                       {@code jvmOptions} are the bootstrap's business
 */
public record FunctionSpec(
        String name,
        List<Path> classpath,
        String handler,
        Map<String, String> environment,
        int memoryMb,
        Duration timeout,
        int maxConcurrency,
        List<String> jvmOptions,
        Path workDir,
        Optional<Path> bootstrap) {

    /** Lambda's limits: 128 MB to 10,240 MB of memory and a timeout of at most 900 s. */
    public FunctionSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("Lambda function names are 1-64 letters, digits, '-' or '_': " + name);
        }
        classpath = List.copyOf(classpath);
        if (classpath.isEmpty()) {
            throw new IllegalArgumentException(name + ": classpath is empty");
        }
        Objects.requireNonNull(handler, "handler");
        environment = Map.copyOf(environment);
        if (memoryMb < 128 || memoryMb > 10_240) {
            throw new IllegalArgumentException(name + ": memory must be 128-10240 MB, was " + memoryMb);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(900)) > 0) {
            throw new IllegalArgumentException(name + ": timeout must be in (0, 900 s], was " + timeout);
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException(name + ": maxConcurrency must be at least 1");
        }
        jvmOptions = List.copyOf(jvmOptions);
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(bootstrap, "bootstrap");
    }

    /** A function on the managed Java runtime. */
    public FunctionSpec(String name, List<Path> classpath, String handler, Map<String, String> environment, int memoryMb,
            Duration timeout, int maxConcurrency, List<String> jvmOptions, Path workDir) {
        this(name, classpath, handler, environment, memoryMb, timeout, maxConcurrency, jvmOptions, workDir,
                Optional.empty());
    }
}
