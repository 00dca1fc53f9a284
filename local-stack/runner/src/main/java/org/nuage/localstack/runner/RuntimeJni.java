package org.nuage.localstack.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * The runtime interface client's JNI library, unpacked once per runner. Left to itself, the client
 * copies the library to the fixed path {@code /tmp/.libaws-lambda-jni.so} at every start and loads
 * it from there: on Lambda each instance has a {@code /tmp} of its own, here instances share one,
 * and an instance that maps the file while another rewrites it dies of SIGBUS (seen in a runner
 * test starting two instances at once). The client loads the library from {@link #PROPERTY}
 * instead when it is set, which every instance the runner starts gets.
 */
final class RuntimeJni {

    /** Read by the client's {@code JniHelper} before it unpacks anything. */
    static final String PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private static Optional<Path> unpacked;

    private RuntimeJni() {
    }

    /** The unpacked library, or empty where the client has none for this machine (it then does as it does). */
    static synchronized Optional<Path> path() {
        if (unpacked == null) {
            unpacked = unpack();
        }
        return unpacked;
    }

    private static Optional<Path> unpack() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String name = arch.equals("aarch64") ? "libaws-lambda-jni.linux-aarch_64.so" : "libaws-lambda-jni.linux-x86_64.so";
        try (InputStream in = RuntimeJni.class.getResourceAsStream("/jni/" + name)) {
            if (in == null) {
                return Optional.empty();
            }
            Path file = Files.createTempFile("nuage-lambda-jni-", ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the runtime interface client's " + name, e);
        }
    }
}
