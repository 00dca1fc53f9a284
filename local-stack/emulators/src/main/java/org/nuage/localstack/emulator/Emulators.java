package org.nuage.localstack.emulator;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * S3 (S3Proxy), SQS (ElasticMQ) and DynamoDB (dynalite) on free loopback ports, started and
 * stopped together, with S3 sending the stack's object-created events to SQS as AWS does.
 */
public final class Emulators implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Emulators.class.getName());

    private final EmulatorOptions options;
    private final Endpoints endpoints;
    private final S3ProxyServer s3;
    private final ObjectCreatedNotifier notifier;
    private final ElasticMqServer sqs;
    private final DynaliteServer dynamodb;
    private final Thread shutdownHook;
    private boolean closed;

    private Emulators(EmulatorOptions options, S3ProxyServer s3, ObjectCreatedNotifier notifier,
            ElasticMqServer sqs, DynaliteServer dynamodb, URI sqsEndpoint, URI dynamoDbEndpoint) {
        this.options = options;
        this.s3 = s3;
        this.notifier = notifier;
        this.sqs = sqs;
        this.dynamodb = dynamodb;
        this.endpoints = new Endpoints(s3 == null ? null : s3.endpoint(), sqsEndpoint, dynamoDbEndpoint, options.accessKey(),
                options.secretKey(), options.region());
        this.shutdownHook = new Thread(this::close, "nuage-emulators-shutdown");
    }

    /**
     * Starts all three; on disk, under {@code dataDir}: {@code s3/}, {@code sqs/} and
     * {@code dynamodb/}. If one fails to start, those already running are stopped again.
     */
    public static Emulators start(EmulatorOptions options) {
        return start(options, true, Optional.empty(), Optional.empty());
    }

    /**
     * Starts SQS and DynamoDB only, for a runner whose objects live in a store of their own (a
     * self-hoster's MinIO, R2...): {@link #endpoints()} then has no S3.
     */
    public static Emulators startWithoutS3(EmulatorOptions options) {
        return start(options, false, Optional.empty(), Optional.empty());
    }

    /**
     * Starts what the self-hoster does not run: S3 unless {@code withS3} is false, SQS unless
     * {@code ownSqs} names a server of theirs (ElasticMQ on its own), DynamoDB unless
     * {@code ownDynamoDb} does (ScyllaDB's Alternator); {@link #endpoints()} has theirs in place of
     * the emulators', and S3's events go to whichever SQS is used.
     */
    public static Emulators start(EmulatorOptions options, boolean withS3, Optional<URI> ownSqs, Optional<URI> ownDynamoDb) {
        Path data = options.inMemory() ? null : options.dataDir();
        // Node takes the longest to come up, so it starts while the JVM-side servers do.
        CompletableFuture<DynaliteServer> dynamodb = new CompletableFuture<>();
        if (ownDynamoDb.isPresent()) {
            dynamodb.complete(null);
        } else {
            DynaliteServer.requireInstalled(options.localStackDir());
            startDynalite(options, data, dynamodb);
        }

        ElasticMqServer sqs = null;
        ObjectCreatedNotifier notifier = null;
        S3ProxyServer s3 = null;
        try {
            ElasticMqServer elasticMq = ownSqs.isPresent() ? null
                    : ElasticMqServer.start(data == null ? null : data.resolve("sqs"), options.region());
            sqs = elasticMq;
            URI sqsEndpoint = ownSqs.orElseGet(() -> elasticMq.endpoint());
            if (withS3) {
                notifier = new ObjectCreatedNotifier(
                        AwsClients.sqs(new Endpoints(null, sqsEndpoint, null, options.accessKey(),
                                options.secretKey(), options.region())),
                        S3ProxyServer.notifications(options.stack().buckets()), options.region(),
                        options.accessKey());
                s3 = S3ProxyServer.start(options, data == null ? null : data.resolve("s3"), notifier);
            }
            DynaliteServer dynalite = join(dynamodb);
            Emulators emulators = new Emulators(options, s3, notifier, sqs, dynalite, sqsEndpoint,
                    ownDynamoDb.orElseGet(() -> dynalite.endpoint()));
            Runtime.getRuntime().addShutdownHook(emulators.shutdownHook);
            Endpoints ready = emulators.endpoints;
            LOG.log(System.Logger.Level.INFO, "local AWS emulators ready: S3 {0}, SQS {1}{2}, DynamoDB {3}{4}",
                    ready.s3() == null ? "(not started)" : ready.s3(), ready.sqs(), sqs == null ? " (not ours)" : "",
                    ready.dynamodb(), dynalite == null ? " (not ours)" : "");
            return emulators;
        } catch (RuntimeException | Error e) {
            closeQuietly(s3);
            closeQuietly(notifier);
            closeQuietly(sqs);
            try {
                closeQuietly(join(dynamodb));
            } catch (RuntimeException alsoFailed) {
                if (alsoFailed != e) {
                    e.addSuppressed(alsoFailed);
                }
            }
            throw e;
        }
    }

    private static void startDynalite(EmulatorOptions options, Path data, CompletableFuture<DynaliteServer> dynamodb) {
        Thread dynaliteStarter = new Thread(() -> {
            try {
                dynamodb.complete(DynaliteServer.start(options.localStackDir(),
                        data == null ? null : data.resolve("dynamodb")));
            } catch (Throwable e) {
                dynamodb.completeExceptionally(e);
            }
        }, "dynalite-start");
        dynaliteStarter.start();
    }

    private static DynaliteServer join(CompletableFuture<DynaliteServer> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public EmulatorOptions options() {
        return options;
    }

    /** Stops all three servers and the dynalite process; safe to call more than once. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook runs (or ran) close() itself.
            }
        }
        closeQuietly(s3);
        closeQuietly(notifier);
        closeQuietly(sqs);
        closeQuietly(dynamodb);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "could not stop " + closeable.getClass().getSimpleName(), e);
        }
    }
}
