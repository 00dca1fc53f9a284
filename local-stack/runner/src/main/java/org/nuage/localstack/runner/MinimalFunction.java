package org.nuage.localstack.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The cold-start baseline: the smallest Quarkus lambda-http function ({@code local-stack/minimal-function}),
 * run with the same runtime, flags and cache as Nuage's own functions.
 */
final class MinimalFunction {

    /** The event both the baseline and the api function answer first: the client's config request. */
    static final byte[] EVENT = BenchEvents.http("GET", "/api/v1/config", null, null);

    private MinimalFunction() {
    }

    static FunctionSpec spec(Path home, LocalNuage.Aot aot) {
        Path target = home.resolve("local-stack/minimal-function/target");
        Path jar = LocalNuage.runnerJar(target);
        return new FunctionSpec("minimal", List.of(jar), LocalNuage.QUARKUS_HANDLER, Map.of(), 512,
                Duration.ofSeconds(30), 1, LocalNuage.jvmOptions(jar, aot), target);
    }

    static InvocationResult invoke(LambdaFunction function) throws ExecutionException, InterruptedException {
        InvocationResult result = function.invoke(EVENT).get();
        if (result.failed() || !result.payloadText().contains("\"statusCode\":200")) {
            throw new IllegalStateException("the minimal function did not answer 200: " + result.payloadText());
        }
        return result;
    }
}
