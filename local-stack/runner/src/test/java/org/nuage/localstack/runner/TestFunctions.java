package org.nuage.localstack.runner;

import com.amazonaws.services.lambda.runtime.Context;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Specs that run {@link EchoHandler} in child JVMs with only the test classes and the Lambda core jar. */
final class TestFunctions {

    static final String HANDLER = EchoHandler.class.getName() + "::handleRequest";

    private TestFunctions() {
    }

    static FunctionSpec echo(String name, Duration timeout, int maxConcurrency, Map<String, String> environment) {
        Path testClasses = codeSource(EchoHandler.class);
        return new FunctionSpec(name, List.of(testClasses, codeSource(Context.class)), HANDLER, environment, 256,
                timeout, maxConcurrency, List.of(), testClasses.getParent());
    }

    static FunctionSpec echo(String name) {
        return echo(name, Duration.ofSeconds(10), 1, Map.of());
    }

    static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
