package org.nuage.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.StackDefinition.BucketSpec;
import org.nuage.core.stack.StackDefinition.IndexSpec;
import org.nuage.core.stack.StackDefinition.QueueSpec;
import org.nuage.core.stack.StackDefinition.TableSpec;
import org.nuage.core.video.ResumableUpload;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.BlockPublicAccessOptions;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.notifications.SqsDestination;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The table, the two buckets and the queues of one Nuage instance, each created from the
 * {@link StackDefinition} that the local stack uses too, so the cloud cannot drift from it.
 *
 * <p>Physical names are the definition's names: the functions find their resources by the same
 * names locally and in the cloud. Bucket names are global to all of S3, so the prefix has to be
 * one nobody else uses (for example the instance's domain, dashed).
 */
public final class NuageStorage extends Construct {

    /**
     * Browsers and S3 clients give up on an upload that stalls for hours; a day is long enough to
     * resume one and short enough that abandoned parts do not pile up on the bill.
     */
    public static final int ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS = 1;

    /**
     * Chunks of a resumable upload wait in the originals bucket until they make an S3 part; those of
     * an abandoned upload outlive it. Its multipart upload is aborted after a day, so a day later
     * nobody can use them.
     */
    public static final int EXPIRE_HELD_CHUNKS_AFTER_DAYS = 2;

    private final Table table;
    private final Bucket originals;
    private final Bucket media;
    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final Map<String, Queue> deadLetterQueues = new LinkedHashMap<>();

    public NuageStorage(Construct scope, String id, StackDefinition definition) {
        super(scope, id);
        this.table = table(definition.table());
        queue("Inbound", definition.inbound());
        queue("Outbound", definition.outbound());
        queue("Transcode", definition.transcode());
        this.originals = privateBucket("Originals", definition.originals());
        this.media = publicBucket("Media", definition.media());
    }

    public Table table() {
        return table;
    }

    public Bucket originals() {
        return originals;
    }

    public Bucket media() {
        return media;
    }

    /** The queue created for {@code spec}; functions subscribe to it and are granted on it. */
    public Queue queue(QueueSpec spec) {
        return byName(queues, spec.name());
    }

    public Queue deadLetterQueue(QueueSpec spec) {
        return byName(deadLetterQueues, spec.deadLetterQueue());
    }

    private Table table(TableSpec spec) {
        Table created = Table.Builder.create(this, "Table")
                .tableName(spec.name())
                .partitionKey(stringKey(spec.partitionKey()))
                .sortKey(stringKey(spec.sortKey()))
                // Pay per request: an idle instance costs nothing, which is the point of Nuage.
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .timeToLiveAttribute(spec.ttlAttribute())
                // Deleting the stack must never delete the instance's accounts and videos.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        for (IndexSpec index : spec.indexes()) {
            created.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(index.name())
                    .partitionKey(stringKey(index.partitionKey()))
                    .sortKey(stringKey(index.sortKey()))
                    .projectionType(ProjectionType.ALL)
                    .build());
        }
        return created;
    }

    private static Attribute stringKey(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    private void queue(String id, QueueSpec spec) {
        Queue deadLetters = Queue.Builder.create(this, id + "DeadLetterQueue")
                .queueName(spec.deadLetterQueue())
                .retentionPeriod(Duration.seconds(StackDefinition.DLQ_RETENTION_SECONDS))
                .enforceSsl(true)
                .build();
        Queue queue = Queue.Builder.create(this, id + "Queue")
                .queueName(spec.name())
                .visibilityTimeout(Duration.seconds(spec.visibilityTimeoutSeconds()))
                .retentionPeriod(Duration.seconds(spec.retentionSeconds()))
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetters)
                        .maxReceiveCount(spec.maxReceiveCount())
                        .build())
                .enforceSsl(true)
                .build();
        queues.put(spec.name(), queue);
        deadLetterQueues.put(spec.deadLetterQueue(), deadLetters);
    }

    private Bucket privateBucket(String id, BucketSpec spec) {
        requirePublicRead(spec, false);
        Bucket bucket = Bucket.Builder.create(this, id)
                .bucketName(spec.name())
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .cors(cors(spec))
                .lifecycleRules(List.of(abortIncompleteUploads(), expireHeldChunks()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        notifyObjectCreated(bucket, spec);
        return bucket;
    }

    private Bucket publicBucket(String id, BucketSpec spec) {
        requirePublicRead(spec, true);
        Bucket bucket = Bucket.Builder.create(this, id)
                .bucketName(spec.name())
                // Anyone may read through the bucket policy that publicReadAccess adds; object
                // ACLs stay blocked, so nothing becomes public by the way it was uploaded.
                .blockPublicAccess(new BlockPublicAccess(BlockPublicAccessOptions.builder()
                        .blockPublicAcls(true)
                        .ignorePublicAcls(true)
                        .blockPublicPolicy(false)
                        .restrictPublicBuckets(false)
                        .build()))
                .publicReadAccess(true)
                .encryption(BucketEncryption.S3_MANAGED)
                .cors(cors(spec))
                .lifecycleRules(List.of(abortIncompleteUploads()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        notifyObjectCreated(bucket, spec);
        return bucket;
    }

    private static void requirePublicRead(BucketSpec spec, boolean expected) {
        if (spec.publicRead() != expected) {
            throw new IllegalArgumentException("bucket " + spec.name() + " has publicRead="
                    + spec.publicRead() + " where the stack expects " + expected);
        }
    }

    private static LifecycleRule abortIncompleteUploads() {
        return LifecycleRule.builder()
                .id("abort-incomplete-multipart-uploads")
                .abortIncompleteMultipartUploadAfter(Duration.days(ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS))
                .build();
    }

    private static LifecycleRule expireHeldChunks() {
        return LifecycleRule.builder()
                .id("expire-held-resumable-chunks")
                .prefix(ResumableUpload.HELD_PREFIX)
                .expiration(Duration.days(EXPIRE_HELD_CHUNKS_AFTER_DAYS))
                .build();
    }

    private static List<CorsRule> cors(BucketSpec spec) {
        if (spec.cors().isEmpty()) {
            return null;
        }
        return spec.cors().stream()
                .map(rule -> CorsRule.builder()
                        .allowedOrigins(rule.allowedOrigins())
                        .allowedMethods(rule.allowedMethods().stream().map(HttpMethods::valueOf).toList())
                        .allowedHeaders(rule.allowedHeaders())
                        .exposedHeaders(rule.exposedHeaders())
                        .maxAge(rule.maxAgeSeconds())
                        .build())
                .toList();
    }

    private void notifyObjectCreated(Bucket bucket, BucketSpec spec) {
        spec.objectCreated().ifPresent(notification -> bucket.addEventNotification(
                EventType.OBJECT_CREATED,
                new SqsDestination(byName(queues, notification.queue())),
                NotificationKeyFilter.builder().prefix(notification.keyPrefix()).build()));
    }

    private static Queue byName(Map<String, Queue> queues, String name) {
        Queue queue = queues.get(name);
        if (queue == null) {
            throw new IllegalArgumentException("no queue named " + name + " in the definition");
        }
        return queue;
    }
}
