package org.nuage.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.StackDefinition.BucketSpec;
import org.nuage.core.stack.StackDefinition.CorsRule;
import org.nuage.core.stack.StackDefinition.IndexSpec;
import org.nuage.core.stack.StackDefinition.Notification;
import org.nuage.core.stack.StackDefinition.QueueSpec;
import org.nuage.core.stack.StackDefinition.TableSpec;

import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Checks the storage of the synthesized stack (shared with the other tests, see
 * {@link SynthesizedStacks}) against the definition it was built from, so a change to the
 * definition that the stack ignores fails here.
 */
class NuageStackTest {

    private static final StackDefinition DEFINITION = SynthesizedStacks.DEFINITION;

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = SynthesizedStacks.snapStart();
    }

    @Test
    void tableHasTheDefinitionsStringKeysOnDemandBillingPointInTimeRecoveryAndTtl() {
        TableSpec table = DEFINITION.table();
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TableName", table.name(),
                "KeySchema", keySchema(table.partitionKey(), table.sortKey()),
                "BillingMode", "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "TimeToLiveSpecification", Map.of("AttributeName", table.ttlAttribute(), "Enabled", true)));
    }

    @Test
    void tableIsRetainedWhenTheStackIsDeleted() {
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void everyIndexOfTheDefinitionProjectsAllAttributesOnStringKeys() {
        TableSpec table = DEFINITION.table();
        List<Object> indexes = new ArrayList<>();
        Set<Map<String, Object>> stringAttributes = new HashSet<>();
        stringAttributes.add(stringAttribute(table.partitionKey()));
        stringAttributes.add(stringAttribute(table.sortKey()));
        for (IndexSpec index : table.indexes()) {
            indexes.add(Map.of(
                    "IndexName", index.name(),
                    "KeySchema", keySchema(index.partitionKey(), index.sortKey()),
                    "Projection", Map.of("ProjectionType", "ALL")));
            stringAttributes.add(stringAttribute(index.partitionKey()));
            stringAttributes.add(stringAttribute(index.sortKey()));
        }
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "GlobalSecondaryIndexes", indexes));

        Map<String, Object> properties = properties("AWS::DynamoDB::Table", table.name(), "TableName");
        assertEquals(stringAttributes, new HashSet<>(list(properties.get("AttributeDefinitions"))),
                "every key of the table and its indexes is a string attribute, and nothing else is defined");
    }

    @Test
    void everyQueueDeadLettersAfterTheDefinitionsReceiveCount() {
        for (QueueSpec queue : DEFINITION.queues()) {
            String deadLetters = logicalId("AWS::SQS::Queue", Map.of("QueueName", queue.deadLetterQueue()));
            template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "QueueName", queue.name(),
                    "VisibilityTimeout", queue.visibilityTimeoutSeconds(),
                    "MessageRetentionPeriod", queue.retentionSeconds(),
                    "RedrivePolicy", Map.of(
                            "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(deadLetters, "Arn")),
                            "maxReceiveCount", queue.maxReceiveCount())));
        }
    }

    @Test
    void deadLetterQueuesKeepTheirMessagesForFourteenDays() {
        assertEquals(Duration.ofDays(14).toSeconds(), StackDefinition.DLQ_RETENTION_SECONDS);
        for (QueueSpec queue : DEFINITION.queues()) {
            template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "QueueName", queue.deadLetterQueue(),
                    "MessageRetentionPeriod", StackDefinition.DLQ_RETENTION_SECONDS,
                    "RedrivePolicy", Match.absent()));
        }
        template.resourceCountIs("AWS::SQS::Queue", 2 * DEFINITION.queues().size());
    }

    @Test
    void originalsBucketBlocksAllPublicAccess() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketName", DEFINITION.originals().name(),
                "PublicAccessBlockConfiguration", Map.of(
                        "BlockPublicAcls", true,
                        "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true,
                        "RestrictPublicBuckets", true)));
        String originals = logicalId("AWS::S3::Bucket", Map.of("BucketName", DEFINITION.originals().name()));
        template.resourcePropertiesCountIs("AWS::S3::BucketPolicy", Map.of(
                "Bucket", Map.of("Ref", originals),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Effect", "Allow", "Principal", Map.of("AWS", "*"))))))), 0);
    }

    @Test
    void originalsBucketAbortsIncompleteMultipartUploadsAfterOneDay() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketName", DEFINITION.originals().name(),
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Status", "Enabled",
                        "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1))))))));
    }

    @Test
    void originalsBucketExpiresTheChunksHeldByAbandonedResumableUploads() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketName", DEFINITION.originals().name(),
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Status", "Enabled",
                        "Prefix", "resumable/",
                        "ExpirationInDays", 2)))))));
    }

    @Test
    void objectsCreatedUnderTheDefinitionsPrefixAreSentToTheTranscodeQueue() {
        BucketSpec bucket = DEFINITION.originals();
        Notification notification = bucket.objectCreated().orElseThrow();
        assertEquals(DEFINITION.transcode().name(), notification.queue());
        String originals = logicalId("AWS::S3::Bucket", Map.of("BucketName", bucket.name()));
        String queue = logicalId("AWS::SQS::Queue", Map.of("QueueName", notification.queue()));

        // CloudFormation cannot add a notification to a bucket it also creates without a cycle
        // through the queue policy, so CDK writes the configuration with a custom resource.
        template.resourceCountIs("Custom::S3BucketNotifications", 1);
        template.hasResourceProperties("Custom::S3BucketNotifications", Map.of(
                "BucketName", Map.of("Ref", originals),
                "NotificationConfiguration", Map.of("QueueConfigurations", List.of(Map.of(
                        "Events", List.of("s3:ObjectCreated:*"),
                        "Filter", Map.of("Key", Map.of("FilterRules", List.of(Map.of(
                                "Name", "prefix", "Value", notification.keyPrefix())))),
                        "QueueArn", Map.of("Fn::GetAtt", List.of(queue, "Arn")))))));
    }

    @Test
    void s3MaySendTheOriginalsBucketsEventsToTheTranscodeQueue() {
        String originals = logicalId("AWS::S3::Bucket", Map.of("BucketName", DEFINITION.originals().name()));
        String queue = logicalId("AWS::SQS::Queue", Map.of("QueueName", DEFINITION.transcode().name()));
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(Map.of("Ref", queue)),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "s3.amazonaws.com"),
                        "Action", Match.arrayWith(List.of("sqs:SendMessage")),
                        "Condition", Map.of("ArnLike", Map.of(
                                "aws:SourceArn", Map.of("Fn::GetAtt", List.of(originals, "Arn")))))))))));
    }

    @Test
    void mediaBucketAllowsTheDefinitionsCrossOriginRangeRequests() {
        List<Object> rules = new ArrayList<>();
        for (CorsRule rule : DEFINITION.media().cors()) {
            rules.add(Map.of(
                    "AllowedOrigins", rule.allowedOrigins(),
                    "AllowedMethods", rule.allowedMethods(),
                    "AllowedHeaders", rule.allowedHeaders(),
                    "ExposedHeaders", rule.exposedHeaders(),
                    "MaxAge", rule.maxAgeSeconds()));
        }
        // What web seeds need, so a definition that lost it fails here rather than in a browser.
        CorsRule webSeed = DEFINITION.media().cors().getFirst();
        assertEquals(List.of("GET", "HEAD"), webSeed.allowedMethods());
        assertEquals(true, webSeed.allowedHeaders().contains("Range"));
        assertEquals(true, webSeed.exposedHeaders().containsAll(List.of("ETag", "Content-Range", "Accept-Ranges")));

        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketName", DEFINITION.media().name(),
                "CorsConfiguration", Map.of("CorsRules", rules)));
    }

    @Test
    void anyoneMayReadMediaObjectsThroughTheBucketPolicy() {
        String media = logicalId("AWS::S3::Bucket", Map.of("BucketName", DEFINITION.media().name()));
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "Bucket", Map.of("Ref", media),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Map.of(
                        "Action", "s3:GetObject",
                        "Effect", "Allow",
                        "Principal", Map.of("AWS", "*"),
                        "Resource", Map.of("Fn::Join", List.of("", List.of(
                                Map.of("Fn::GetAtt", List.of(media, "Arn")), "/*")))))))));
        // Block-public-access would veto that policy unless it lets public policies through;
        // object ACLs stay blocked, so only the policy makes anything public.
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketName", DEFINITION.media().name(),
                "PublicAccessBlockConfiguration", Map.of(
                        "BlockPublicAcls", true,
                        "BlockPublicPolicy", false,
                        "IgnorePublicAcls", true,
                        "RestrictPublicBuckets", false)));
    }

    @Test
    void onlyTheDefinitionsBucketsAreCreated() {
        template.resourceCountIs("AWS::S3::Bucket", DEFINITION.buckets().size());
        for (BucketSpec bucket : DEFINITION.buckets()) {
            template.hasResource("AWS::S3::Bucket", Map.of(
                    "Properties", Match.objectLike(Map.of("BucketName", bucket.name())),
                    "DeletionPolicy", "Retain"));
        }
    }

    private static List<Map<String, Object>> keySchema(String partitionKey, String sortKey) {
        return List.of(
                Map.of("AttributeName", partitionKey, "KeyType", "HASH"),
                Map.of("AttributeName", sortKey, "KeyType", "RANGE"));
    }

    private static Map<String, Object> stringAttribute(String name) {
        return Map.of("AttributeName", name, "AttributeType", "S");
    }

    /** The logical id of the one resource of {@code type} whose properties include {@code properties}. */
    private static String logicalId(String type, Map<String, Object> properties) {
        Map<String, Map<String, Object>> found = template.findResources(type,
                Map.of("Properties", Match.objectLike(properties)));
        assertEquals(1, found.size(), () -> "one " + type + " with " + properties + ", found " + found.keySet());
        return found.keySet().iterator().next();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(String type, String name, String nameProperty) {
        Map<String, Map<String, Object>> found = template.findResources(type,
                Map.of("Properties", Match.objectLike(Map.of(nameProperty, name))));
        assertEquals(1, found.size());
        return (Map<String, Object>) found.values().iterator().next().get("Properties");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
