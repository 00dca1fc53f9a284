package org.nuage.localstack.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.StackDefinition.BucketSpec;
import org.nuage.core.stack.StackDefinition.CorsRule;
import org.nuage.core.stack.StackDefinition.IndexSpec;
import org.nuage.core.stack.StackDefinition.QueueSpec;
import org.nuage.core.stack.StackDefinition.TableSpec;

import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/**
 * Creates the stack's table, buckets and queues on whatever answers the clients, the local
 * emulators or AWS; running it again changes nothing and fails on nothing.
 */
public final class ResourceProvisioner {

    private static final System.Logger LOG = System.getLogger(ResourceProvisioner.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** CreateTable returns at once; DynamoDB takes seconds to make a table ACTIVE, dynalite less. */
    private static final Duration TABLE_ACTIVE_TIMEOUT = Duration.ofMinutes(2);

    public ProvisionedStack provision(StackDefinition stack, S3Client s3, SqsClient sqs, DynamoDbClient dynamoDb) {
        createTable(stack.table(), dynamoDb);
        List<String> buckets = new ArrayList<>();
        for (BucketSpec bucket : stack.buckets()) {
            createBucket(bucket, s3);
            buckets.add(bucket.name());
        }
        Map<String, String> queueUrls = new LinkedHashMap<>();
        for (QueueSpec queue : stack.queues()) {
            queueUrls.putAll(createQueue(queue, sqs));
        }
        return new ProvisionedStack(stack.table().name(), buckets, queueUrls);
    }

    // --- DynamoDB ---

    private static void createTable(TableSpec table, DynamoDbClient dynamoDb) {
        TableDescription existing = describe(table.name(), dynamoDb);
        if (existing == null) {
            try {
                dynamoDb.createTable(b -> b.tableName(table.name())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attributes(table))
                        .keySchema(keys(table.partitionKey(), table.sortKey()))
                        .globalSecondaryIndexes(table.indexes().stream()
                                .map(ResourceProvisioner::index)
                                .toList()));
                LOG.log(System.Logger.Level.INFO, "created table {0}", table.name());
            } catch (ResourceInUseException createdMeanwhile) {
                // Someone else created it between our describe and create: same result.
            }
        } else {
            warnAboutMissingIndexes(table, existing);
        }
        awaitActive(table.name(), dynamoDb);
        enableTimeToLive(table, dynamoDb);
    }

    private static List<AttributeDefinition> attributes(TableSpec table) {
        Set<String> names = new LinkedHashSet<>(List.of(table.partitionKey(), table.sortKey()));
        for (IndexSpec index : table.indexes()) {
            names.add(index.partitionKey());
            names.add(index.sortKey());
        }
        return names.stream()
                .map(name -> AttributeDefinition.builder().attributeName(name)
                        .attributeType(ScalarAttributeType.S).build())
                .toList();
    }

    private static List<KeySchemaElement> keys(String partitionKey, String sortKey) {
        return List.of(
                KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
    }

    private static GlobalSecondaryIndex index(IndexSpec index) {
        return GlobalSecondaryIndex.builder()
                .indexName(index.name())
                .keySchema(keys(index.partitionKey(), index.sortKey()))
                .projection(p -> p.projectionType(ProjectionType.ALL))
                .build();
    }

    private static TableDescription describe(String table, DynamoDbClient dynamoDb) {
        try {
            return dynamoDb.describeTable(b -> b.tableName(table)).table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    /** Adding an index to a live table is a migration, not something to do behind anyone's back. */
    private static void warnAboutMissingIndexes(TableSpec table, TableDescription existing) {
        Set<String> present = existing.globalSecondaryIndexes().stream()
                .map(GlobalSecondaryIndexDescription::indexName)
                .collect(Collectors.toSet());
        List<String> missing = table.indexes().stream()
                .map(IndexSpec::name)
                .filter(name -> !present.contains(name))
                .toList();
        if (!missing.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "table {0} exists without the indexes {1}; delete the"
                    + " local data to recreate it", table.name(), missing);
        }
    }

    private static void awaitActive(String table, DynamoDbClient dynamoDb) {
        Instant deadline = Instant.now().plus(TABLE_ACTIVE_TIMEOUT);
        while (true) {
            TableDescription description = describe(table, dynamoDb);
            if (description != null && description.tableStatus() == TableStatus.ACTIVE
                    && description.globalSecondaryIndexes().stream()
                            .allMatch(index -> "ACTIVE".equals(index.indexStatusAsString()))) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("table " + table + " not ACTIVE after "
                        + TABLE_ACTIVE_TIMEOUT.toSeconds() + " s");
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private static void enableTimeToLive(TableSpec table, DynamoDbClient dynamoDb) {
        try {
            var current = dynamoDb.describeTimeToLive(b -> b.tableName(table.name())).timeToLiveDescription();
            if (current != null && current.timeToLiveStatus() == TimeToLiveStatus.ENABLED
                    && table.ttlAttribute().equals(current.attributeName())) {
                return;
            }
            dynamoDb.updateTimeToLive(b -> b.tableName(table.name())
                    .timeToLiveSpecification(s -> s.attributeName(table.ttlAttribute()).enabled(true)));
        } catch (DynamoDbException e) {
            if (isUnsupported(e)) {
                LOG.log(System.Logger.Level.INFO, "this DynamoDB does not support TTL; items of {0} will not"
                        + " expire on {1} (readers filter on it anyway)", table.name(), table.ttlAttribute());
                return;
            }
            throw e;
        }
    }

    private static boolean isUnsupported(DynamoDbException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return "UnknownOperationException".equals(code) || e.statusCode() == 501;
    }

    // --- S3 ---

    private static void createBucket(BucketSpec bucket, S3Client s3) {
        if (!exists(bucket.name(), s3)) {
            try {
                // Outside us-east-1, AWS wants the region named again in the request.
                Region region = s3.serviceClientConfiguration().region();
                s3.createBucket(b -> {
                    b.bucket(bucket.name());
                    if (region != null && !Region.US_EAST_1.equals(region)) {
                        b.createBucketConfiguration(c -> c.locationConstraint(region.id()));
                    }
                });
                LOG.log(System.Logger.Level.INFO, "created bucket {0}", bucket.name());
            } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException createdMeanwhile) {
                // Same result.
            }
        }
        if (!bucket.cors().isEmpty()) {
            putCors(bucket, s3);
        }
    }

    private static boolean exists(String bucket, S3Client s3) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            if (e.statusCode() == 403) {
                throw new IllegalStateException("bucket " + bucket + " exists but this key may not use it (403);"
                        + " bucket names are global on shared providers, so pick free ones (NUAGE_S3_ORIGINALS_BUCKET,"
                        + " NUAGE_S3_MEDIA_BUCKET) or give the key access", e);
            }
            throw e;
        }
    }

    private static void putCors(BucketSpec bucket, S3Client s3) {
        List<CORSRule> rules = bucket.cors().stream().map(ResourceProvisioner::corsRule).toList();
        try {
            s3.putBucketCors(b -> b.bucket(bucket.name()).corsConfiguration(c -> c.corsRules(rules)));
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (e.statusCode() == 501 || "NotImplemented".equals(code)) {
                LOG.log(System.Logger.Level.INFO, "this S3 has no per-bucket CORS; {0} relies on the"
                        + " server-wide CORS policy", bucket.name());
                return;
            }
            if (e.statusCode() == 403) {
                // A self-hoster's key may be limited to objects; the store's console sets CORS then.
                LOG.log(System.Logger.Level.WARNING, "this key may not set CORS on {0} (403); set it on the store"
                        + " (GET and HEAD from any origin, Range allowed, ETag and Content-Range exposed)"
                        + " or browsers cannot play its videos", bucket.name());
                return;
            }
            throw e;
        }
    }

    private static CORSRule corsRule(CorsRule rule) {
        return CORSRule.builder()
                .allowedOrigins(rule.allowedOrigins())
                .allowedMethods(rule.allowedMethods())
                .allowedHeaders(rule.allowedHeaders())
                .exposeHeaders(rule.exposedHeaders())
                .maxAgeSeconds(rule.maxAgeSeconds())
                .build();
    }

    // --- SQS ---

    /** The dead-letter queue first, since the queue's redrive policy names its ARN. */
    private static Map<String, String> createQueue(QueueSpec queue, SqsClient sqs) {
        String dlqUrl = createOrUpdate(queue.deadLetterQueue(), Map.of(
                QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                Integer.toString(StackDefinition.DLQ_RETENTION_SECONDS)), sqs);
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = JSON.createObjectNode()
                .put("deadLetterTargetArn", dlqArn)
                .put("maxReceiveCount", queue.maxReceiveCount())
                .toString();
        String url = createOrUpdate(queue.name(), Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(queue.visibilityTimeoutSeconds()),
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(queue.retentionSeconds()),
                QueueAttributeName.REDRIVE_POLICY, redrive), sqs);
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put(queue.name(), url);
        urls.put(queue.deadLetterQueue(), dlqUrl);
        return urls;
    }

    /**
     * CreateQueue is idempotent only while the attributes are equal; when the definition changed
     * (say a new visibility timeout), the existing queue gets the new attributes instead.
     */
    private static String createOrUpdate(String name, Map<QueueAttributeName, String> attributes, SqsClient sqs) {
        try {
            return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        } catch (QueueNameExistsException e) {
            String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(attributes));
            return url;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
