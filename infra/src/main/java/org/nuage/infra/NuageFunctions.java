package org.nuage.infra;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.StackDefinition.QueueSpec;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The four functions of one instance, with their runtime, sizes, environment, queue triggers and
 * the least IAM each one's code needs, derived from what it calls (see {@link #grant}).
 *
 * <p>Everything that invokes a function (the HTTP API, the queue triggers) goes through its
 * {@value #ALIAS} alias, since SnapStart only snapshots published versions.
 */
public final class NuageFunctions extends Construct {

    /** The handler every Quarkus Lambda exposes; Quarkus routes to the app's own handler inside. */
    public static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    /** The alias that points at the version deployed last. */
    public static final String ALIAS = "live";

    /**
     * Lambda's managed Java runtime compiles with C2 too by default; for short invocations C1 alone
     * starts faster, which is what AWS advises for SnapStart and what the local runner does.
     */
    public static final String MANAGED_JVM_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    /**
     * Except for delivery, which signs an RSA-2048 signature per POST: under C1 alone BigInteger's
     * Montgomery multiplication is not intrinsified and signing costs ten times as much (the local
     * runner's delivery benchmark went from 55 to 94 POSTs/s with C2).
     */
    public static final String DELIVERY_JVM_OPTIONS = "-XX:+TieredCompilation";

    /** The managed runtime's JVM options of {@code function}. */
    public static String managedJvmOptions(NuageFunction function) {
        return function == NuageFunction.DELIVERY ? DELIVERY_JVM_OPTIONS : MANAGED_JVM_OPTIONS;
    }

    /** A month of logs to look back at a problem; older ones would only add to the bill. */
    public static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;

    /** Lambda's most messages per SQS batch for a standard queue without a batching window. */
    static final int DELIVERY_BATCH_SIZE = 10;

    /** One task per invocation: a transcode task can take all of the function's 15 minutes. */
    static final int TRANSCODER_BATCH_SIZE = 1;

    private final Map<NuageFunction, Function> functions = new EnumMap<>(NuageFunction.class);
    private final Map<NuageFunction, Alias> aliases = new EnumMap<>(NuageFunction.class);
    private final LayerVersion ffmpeg;

    /**
     * @param publicUrl the instance's public base URL, or a token for the HTTP API's address
     */
    public NuageFunctions(Construct scope, String id, String prefix, NuageStorage storage, StackDefinition definition,
            Deployment deployment, String publicUrl) {
        super(scope, id);
        // The layer's binaries are built for x86-64 (ffmpeg-layer/), so the transcoder is too.
        this.ffmpeg = LayerVersion.Builder.create(this, "FfmpegLayer")
                .layerVersionName(prefix + "-ffmpeg")
                .description("ffmpeg and ffprobe under /opt/bin, for the transcoder")
                .code(Code.fromAsset(deployment.ffmpegLayer().toString()))
                .compatibleArchitectures(List.of(Architecture.X86_64))
                .compatibleRuntimes(List.of(Runtime.JAVA_21, Runtime.PROVIDED_AL2023))
                .build();
        for (NuageFunction function : NuageFunction.values()) {
            create(prefix, function, deployment, environment(function, storage, definition, deployment, publicUrl));
        }
        grant(storage, definition);
        subscribe(NuageFunction.DELIVERY, storage.queue(definition.inbound()), definition.inbound(), DELIVERY_BATCH_SIZE);
        subscribe(NuageFunction.DELIVERY, storage.queue(definition.outbound()), definition.outbound(), DELIVERY_BATCH_SIZE);
        subscribe(NuageFunction.TRANSCODER, storage.queue(definition.transcode()), definition.transcode(),
                TRANSCODER_BATCH_SIZE);
        Map<NuageFunction, IFunction> snapStarted = new EnumMap<>(NuageFunction.class);
        for (NuageFunction function : NuageFunction.values()) {
            if (usesSnapStart(function, deployment.coldStart())) {
                snapStarted.put(function, aliases.get(function));
            }
        }
        if (!snapStarted.isEmpty()) {
            new SnapshotWakeUps(this, "WakeUps", prefix, snapStarted);
        }
    }

    public Function function(NuageFunction function) {
        return functions.get(function);
    }

    /** What the HTTP API and the queue triggers invoke. */
    public Alias alias(NuageFunction function) {
        return aliases.get(function);
    }

    public LayerVersion ffmpegLayer() {
        return ffmpeg;
    }

    /**
     * SnapStart cannot snapshot a function with more than 512 MB of {@code /tmp}, so the transcoder
     * never gets it; its minutes of encoding dwarf a JVM start anyway.
     */
    static boolean usesSnapStart(NuageFunction function, ColdStart coldStart) {
        return coldStart == ColdStart.SNAPSTART && function.ephemeralStorageMb() <= 512;
    }

    /**
     * Graviton costs 20 % less per GB-second, and a JVM zip runs on it unchanged; but the ffmpeg
     * layer and the jlinked JDK of the custom runtime are built on this x86-64 build machine.
     */
    static Architecture architecture(NuageFunction function, ColdStart coldStart) {
        return coldStart == ColdStart.SNAPSTART && function != NuageFunction.TRANSCODER
                ? Architecture.ARM_64 : Architecture.X86_64;
    }

    private void create(String prefix, NuageFunction function, Deployment deployment, Map<String, String> environment) {
        String name = prefix + "-" + function.id();
        String id = constructId(function);
        ColdStart coldStart = deployment.coldStart();
        LogGroup logs = LogGroup.Builder.create(this, id + "Logs")
                .logGroupName("/aws/lambda/" + name)
                .retention(LOG_RETENTION)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Function.Builder builder = Function.Builder.create(this, id)
                .functionName(name)
                .runtime(coldStart == ColdStart.SNAPSTART ? Runtime.JAVA_21 : Runtime.PROVIDED_AL2023)
                // The custom runtime's bootstrap passes the handler (_HANDLER) to the runtime client.
                .handler(QUARKUS_HANDLER)
                .code(Code.fromAsset(deployment.code(function).toString()))
                .architecture(architecture(function, coldStart))
                .memorySize(function.memoryMb())
                .timeout(Duration.seconds(function.timeoutSeconds()))
                .ephemeralStorageSize(Size.mebibytes(function.ephemeralStorageMb()))
                .environment(environment)
                .logGroup(logs);
        if (usesSnapStart(function, coldStart)) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        if (function == NuageFunction.TRANSCODER) {
            builder.layers(List.of(ffmpeg));
        }
        Function created = builder.build();
        functions.put(function, created);
        aliases.put(function, Alias.Builder.create(this, id + "Alias")
                .aliasName(ALIAS)
                .version(created.getCurrentVersion())
                .build());
    }

    /** The variables functions/aws's config mappings read; each function gets only the queues it sends to. */
    private static Map<String, String> environment(NuageFunction function, NuageStorage storage,
            StackDefinition definition, Deployment deployment, String publicUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("NUAGE_STACK_TABLE_NAME", storage.table().getTableName());
        env.put("NUAGE_INSTANCE_PUBLIC_URL", publicUrl);
        deployment.instanceName().ifPresent(name -> env.put("NUAGE_INSTANCE_NAME", name));
        if (deployment.coldStart() == ColdStart.SNAPSTART) {
            env.put("JAVA_TOOL_OPTIONS", managedJvmOptions(function));
        }
        switch (function) {
            case API -> {
                buckets(env, storage);
                env.put("NUAGE_STACK_OUTBOUND_QUEUE_URL", storage.queue(definition.outbound()).getQueueUrl());
            }
            case INBOX -> env.put("NUAGE_STACK_INBOUND_QUEUE_URL", storage.queue(definition.inbound()).getQueueUrl());
            case DELIVERY -> {
                env.put("NUAGE_STACK_OUTBOUND_QUEUE_URL", storage.queue(definition.outbound()).getQueueUrl());
                // The views update carries the whole Video object, whose media URLs point at the bucket;
                // the function never reads or writes it.
                mediaUrls(env, storage);
            }
            case TRANSCODER -> {
                buckets(env, storage);
                env.put("NUAGE_STACK_TRANSCODE_QUEUE_URL", storage.queue(definition.transcode()).getQueueUrl());
                env.put("NUAGE_STACK_OUTBOUND_QUEUE_URL", storage.queue(definition.outbound()).getQueueUrl());
                // On the last receive a failing task fails its video before the message dead-letters.
                env.put("NUAGE_TRANSCODE_MAX_ATTEMPTS", Integer.toString(definition.transcode().maxReceiveCount()));
            }
        }
        return env;
    }

    private static void buckets(Map<String, String> env, NuageStorage storage) {
        env.put("NUAGE_STACK_ORIGINALS_BUCKET", storage.originals().getBucketName());
        mediaUrls(env, storage);
    }

    private static void mediaUrls(Map<String, String> env, NuageStorage storage) {
        env.put("NUAGE_STACK_MEDIA_BUCKET", storage.media().getBucketName());
        // The web seed of every torrent and the base of every media URL the API hands out.
        env.put("NUAGE_STACK_MEDIA_PUBLIC_URL", "https://" + storage.media().getBucketRegionalDomainName());
    }

    /**
     * What each function's code does with the table, the queues and the buckets (functions/aws's
     * adapters over core's services), and nothing more:
     * <ul>
     * <li>api: multipart and resumable uploads into the originals bucket (create, presign and list
     * parts, complete, abort; hold, read and delete resumable chunks; check that an original exists),
     * deletion of a removed video's objects in both buckets, federation sends to outbound;</li>
     * <li>inbox: the inbound queue only, no bucket;</li>
     * <li>delivery: consumes inbound and outbound, re-queues retries to outbound, no bucket (it is told
     * the media bucket's URL for the Video objects of views updates);</li>
     * <li>transcoder: reads originals (presigned for ffprobe, downloads), keeps work files, publishes
     * media, queues its own tasks and the federation of the published video.</li>
     * </ul>
     * Every function reads and writes the one table. Functions that must tell a missing object from
     * a forbidden one get {@code s3:ListBucket}: without it S3 answers 403 instead of 404.
     */
    private void grant(NuageStorage storage, StackDefinition definition) {
        for (Function function : functions.values()) {
            storage.table().grantReadWriteData(function);
        }
        Bucket originals = storage.originals();
        Bucket media = storage.media();
        Function api = functions.get(NuageFunction.API);
        allow(api, List.of("s3:ListBucket"), List.of(originals.getBucketArn(), media.getBucketArn()));
        allow(api, List.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:GetObject",
                "s3:DeleteObject"), List.of(originals.arnForObjects(ObjectKeys.UPLOADS + "*"),
                        originals.arnForObjects(ObjectKeys.RESUMABLE + "*")));
        allow(api, List.of("s3:DeleteObject"), List.of(originals.arnForObjects(ObjectKeys.WORK + "*"),
                media.arnForObjects(ObjectKeys.VIDEOS + "*")));
        storage.queue(definition.outbound()).grantSendMessages(api);

        storage.queue(definition.inbound()).grantSendMessages(functions.get(NuageFunction.INBOX));

        storage.queue(definition.outbound()).grantSendMessages(functions.get(NuageFunction.DELIVERY));

        Function transcoder = functions.get(NuageFunction.TRANSCODER);
        allow(transcoder, List.of("s3:ListBucket"), List.of(originals.getBucketArn(), media.getBucketArn()));
        allow(transcoder, List.of("s3:GetObject"), List.of(originals.arnForObjects(ObjectKeys.UPLOADS + "*")));
        allow(transcoder, List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
                List.of(originals.arnForObjects(ObjectKeys.WORK + "*")));
        allow(transcoder, List.of("s3:GetObject", "s3:PutObject"), List.of(media.arnForObjects(ObjectKeys.VIDEOS + "*")));
        storage.queue(definition.transcode()).grantSendMessages(transcoder);
        storage.queue(definition.outbound()).grantSendMessages(transcoder);
    }

    private static void allow(Function function, List<String> actions, List<String> resources) {
        function.addToRolePolicy(PolicyStatement.Builder.create().actions(actions).resources(resources).build());
    }

    /**
     * Lambda polls the queue for the function's alias and reports which messages failed, so one bad
     * message does not re-run its neighbours.
     */
    private void subscribe(NuageFunction function, Queue queue, QueueSpec spec, int batchSize) {
        // A message still being worked on must not be handed to a second instance.
        if (spec.visibilityTimeoutSeconds() <= function.timeoutSeconds()) {
            throw new IllegalArgumentException("queue " + spec.name() + " hides a received message for "
                    + spec.visibilityTimeoutSeconds() + " s, not longer than the " + function.id()
                    + " function's timeout of " + function.timeoutSeconds() + " s");
        }
        aliases.get(function).addEventSource(new SqsEventSource(queue,
                SqsEventSourceProps.builder()
                        .batchSize(batchSize)
                        .reportBatchItemFailures(true)
                        .build()));
    }

    private static String constructId(NuageFunction function) {
        String id = function.id();
        return Character.toUpperCase(id.charAt(0)) + id.substring(1);
    }
}
