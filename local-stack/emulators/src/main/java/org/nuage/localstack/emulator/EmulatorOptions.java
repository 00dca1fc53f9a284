package org.nuage.localstack.emulator;

import java.nio.file.Path;
import java.util.Objects;

import org.nuage.core.stack.StackDefinition;

/**
 * How to start the local emulators: where their data lives (or that it lives in memory only),
 * which stack they serve, where dynalite is installed, and the credentials S3 demands.
 *
 * @param dataDir root of everything persistent ({@code s3/}, {@code sqs/}, {@code dynamodb/});
 *        unused, and may be null, when {@code inMemory}
 * @param inMemory keep nothing on disk, for tests
 * @param stack the resources; the emulators need it for S3 event notifications and the public
 *        buckets
 * @param localStackDir the folder holding {@code package.json} and {@code node_modules/dynalite}
 */
public record EmulatorOptions(Path dataDir, boolean inMemory, StackDefinition stack, Path localStackDir,
        String accessKey, String secretKey, String region) {

    public static final String DEFAULT_ACCESS_KEY = "nuage-local";
    public static final String DEFAULT_SECRET_KEY = "nuage-local-secret";
    public static final String DEFAULT_REGION = "us-east-1";

    public EmulatorOptions {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(localStackDir, "localStackDir");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(region, "region");
        if (!inMemory) {
            Objects.requireNonNull(dataDir, "dataDir is required unless inMemory");
        }
    }

    /** Options with the local credentials and region every Nuage tool assumes. */
    public static EmulatorOptions defaults(Path dataDir, boolean inMemory, StackDefinition stack,
            Path localStackDir) {
        return new EmulatorOptions(dataDir, inMemory, stack, localStackDir, DEFAULT_ACCESS_KEY,
                DEFAULT_SECRET_KEY, DEFAULT_REGION);
    }

    /** In-memory options with the default credentials, for tests. */
    public static EmulatorOptions inMemory(StackDefinition stack, Path localStackDir) {
        return defaults(null, true, stack, localStackDir);
    }
}
