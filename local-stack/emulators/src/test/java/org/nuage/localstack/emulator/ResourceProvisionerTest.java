package org.nuage.localstack.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.StackDefinition.QueueSpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The stack definition turned into real resources on the emulators, as often as one likes. */
class ResourceProvisionerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One-second visibility and two receives, so a poisoned message reaches its DLQ in seconds. */
    private static final int MAX_RECEIVES = 2;

    private static StackDefinition stack;
    private static Emulators emulators;
    private static S3Client s3;
    private static SqsClient sqs;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void start() {
        stack = StackDefinition.withVisibility(LocalStackDir.uniquePrefix("prov"), 1, 1, MAX_RECEIVES);
        emulators = Emulators.start(EmulatorOptions.inMemory(stack, LocalStackDir.path()));
        s3 = AwsClients.s3(emulators.endpoints());
        sqs = AwsClients.sqs(emulators.endpoints());
        dynamoDb = AwsClients.dynamoDb(emulators.endpoints());
    }

    @AfterAll
    static void stop() {
        s3.close();
        sqs.close();
        dynamoDb.close();
        emulators.close();
    }

    @Test
    void provisioningTwiceCreatesTableBucketsAndQueuesWithRedrive() throws Exception {
        ResourceProvisioner provisioner = new ResourceProvisioner();
        ProvisionedStack first = provisioner.provision(stack, s3, sqs, dynamoDb);
        ProvisionedStack second = provisioner.provision(stack, s3, sqs, dynamoDb);
        assertEquals(first, second);

        TableDescription table = dynamoDb.describeTable(b -> b.tableName(stack.table().name())).table();
        assertEquals("ACTIVE", table.tableStatusAsString());
        assertEquals("PAY_PER_REQUEST", table.billingModeSummary().billingModeAsString());
        assertEquals(Map.of(StackDefinition.PK, KeyType.HASH, StackDefinition.SK, KeyType.RANGE),
                table.keySchema().stream().collect(Collectors.toMap(k -> k.attributeName(), k -> k.keyType())));
        Map<String, GlobalSecondaryIndexDescription> indexes = table.globalSecondaryIndexes().stream()
                .collect(Collectors.toMap(GlobalSecondaryIndexDescription::indexName, index -> index));
        assertEquals(Set.of(StackDefinition.GSI1, StackDefinition.GSI2), indexes.keySet());
        GlobalSecondaryIndexDescription gsi1 = indexes.get(StackDefinition.GSI1);
        assertEquals("ALL", gsi1.projection().projectionTypeAsString());
        assertEquals(List.of(StackDefinition.GSI1_PK, StackDefinition.GSI1_SK),
                gsi1.keySchema().stream().map(k -> k.attributeName()).toList());

        Set<String> buckets = s3.listBuckets().buckets().stream().map(Bucket::name).collect(Collectors.toSet());
        assertTrue(buckets.containsAll(List.of(stack.originals().name(), stack.media().name())), buckets.toString());
        assertEquals(List.of(stack.originals().name(), stack.media().name()), first.buckets());

        for (QueueSpec queue : stack.queues()) {
            String dlqUrl = first.queueUrl(queue.deadLetterQueue());
            assertTrue(first.queueUrl(queue.name()).startsWith(emulators.endpoints().sqs().toString()),
                    first.queueUrl(queue.name()));
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b
                    .queueUrl(first.queueUrl(queue.name())).attributeNames(QueueAttributeName.ALL)).attributes();
            assertEquals(Integer.toString(queue.visibilityTimeoutSeconds()),
                    attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
            // ElasticMQ 1.7.1 accepts MessageRetentionPeriod but neither keeps nor reports it.
            JsonNode redrive = JSON.readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            assertEquals(dlqArn, redrive.get("deadLetterTargetArn").asText());
            assertEquals(MAX_RECEIVES, redrive.get("maxReceiveCount").asInt());
        }
    }

    @Test
    void provisioningAChangedDefinitionUpdatesTheExistingQueues() {
        String prefix = LocalStackDir.uniquePrefix("changed");
        ResourceProvisioner provisioner = new ResourceProvisioner();
        provisioner.provision(StackDefinition.withVisibility(prefix, 1, 1, 2), s3, sqs, dynamoDb);
        StackDefinition changed = StackDefinition.withVisibility(prefix, 7, 1, 4);
        ProvisionedStack provisioned = provisioner.provision(changed, s3, sqs, dynamoDb);

        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b
                .queueUrl(provisioned.queueUrl(changed.outbound().name())).attributeNames(QueueAttributeName.ALL))
                .attributes();
        assertEquals("7", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        assertTrue(attributes.get(QueueAttributeName.REDRIVE_POLICY).contains("4"),
                attributes.get(QueueAttributeName.REDRIVE_POLICY));
    }

    @Test
    void messageReceivedMaxReceiveCountTimesWithoutDeletionLandsInTheDeadLetterQueue() {
        ProvisionedStack provisioned = new ResourceProvisioner().provision(stack, s3, sqs, dynamoDb);
        String queue = provisioned.queueUrl(stack.inbound().name());
        String dlq = provisioned.queueUrl(stack.inbound().deadLetterQueue());
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("poison"));

        for (int receive = 1; receive <= MAX_RECEIVES; receive++) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(3)).messages();
            assertEquals(1, got.size(), "receive " + receive);
            assertEquals("poison", got.get(0).body());
        }
        // The next receive after the visibility timeout moves it instead of handing it out again.
        List<Message> afterLimit = sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(2)).messages();
        assertEquals(List.of(), afterLimit);
        List<Message> dead = sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(2)).messages();
        assertEquals(1, dead.size());
        assertEquals("poison", dead.get(0).body());
    }
}
