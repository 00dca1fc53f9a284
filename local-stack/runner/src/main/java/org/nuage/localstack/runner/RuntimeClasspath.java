package org.nuage.localstack.runner;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The jars Lambda's managed Java runtime puts on the classpath, taken from the runner's own classpath so that
 * nothing is downloaded at run time.
 */
final class RuntimeClasspath {

    static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** One class from each jar: the runtime interface client, its serializer, the core API and utils-lite. */
    private static final List<String> MARKERS = List.of(
            MAIN_CLASS,
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
            "com.amazonaws.services.lambda.runtime.Context",
            // The client puts the X-Ray trace id into utils-lite's SdkInternalThreadLocal.
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

    private RuntimeClasspath() {
    }

    static List<Path> jars() {
        Set<Path> jars = new LinkedHashSet<>();
        for (String name : MARKERS) {
            try {
                Class<?> marker = Class.forName(name, false, RuntimeClasspath.class.getClassLoader());
                jars.add(Path.of(marker.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
                throw new IllegalStateException("the Lambda runtime interface client is not on the runner's "
                        + "classpath (" + name + ")", e);
            }
        }
        return List.copyOf(jars);
    }
}
