package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.TableLayout;
import org.nuage.localstack.emulator.AwsClients;
import org.nuage.localstack.emulator.EmulatorOptions;
import org.nuage.localstack.emulator.Emulators;
import org.nuage.localstack.runner.LocalNuage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Self-hosting with one's own queue server and database (NUAGE_SQS_ENDPOINT,
 * NUAGE_DYNAMODB_ENDPOINT): an ElasticMQ and a dynalite started apart, as a self-hoster runs
 * ElasticMQ and ScyllaDB's Alternator, stand for them. The runner starts neither of its own, makes
 * the queues and the table in those servers, and a video goes through upload, transcoding and
 * publication with all its state there.
 */
class OwnServicesIT {

    @TempDir
    static Path tmp;

    static Emulators own;
    static LocalNuage nuage;
    static StackDefinition stack;

    @BeforeAll
    static void start() throws Exception {
        stack = StackDefinition.standard("own-" + UUID.randomUUID().toString().substring(0, 8));
        Path home = Path.of(System.getProperty("nuage.home", "../..")).toAbsolutePath().normalize();
        own = Emulators.startWithoutS3(EmulatorOptions.defaults(tmp.resolve("own"), true, stack, home.resolve("local-stack")));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        nuage = LocalNuage.start(new LocalNuage.Settings(home, new InetSocketAddress("127.0.0.1", port),
                URI.create("http://127.0.0.1:" + port), null, true, Optional.empty(), 2, stack, LocalNuage.Aot.USE,
                Optional.of(SharedNuage.ROOT_PASSWORD))
                .withOwnServices(new LocalNuage.OwnServices(Optional.of(own.endpoints().sqs()),
                        Optional.of(own.endpoints().dynamodb()))),
                line -> System.out.println("[own-services] " + line));
    }

    @AfterAll
    static void stop() {
        if (nuage != null) {
            nuage.close();
        }
        if (own != null) {
            own.close();
        }
    }

    @Test
    void usesTheOwnServersAndKeepsEveryStateThere() throws Exception {
        assertEquals(own.endpoints().sqs(), nuage.endpoints().sqs(), "the runner's SQS");
        assertEquals(own.endpoints().dynamodb(), nuage.endpoints().dynamodb(), "the runner's DynamoDB");
        try (SqsClient sqs = AwsClients.sqs(own.endpoints()); DynamoDbClient dynamo = AwsClients.dynamoDb(own.endpoints())) {
            List<String> queues = sqs.listQueues().queueUrls();
            for (String queue : List.of(stack.inbound().name(), stack.outbound().name(), stack.transcode().name())) {
                assertTrue(queues.stream().anyMatch(url -> url.endsWith("/" + queue)), queue + " among " + queues);
                assertTrue(queues.stream().anyMatch(url -> url.endsWith("/" + queue + "-dlq")), queue + "'s DLQ among " + queues);
            }
            assertTrue(dynamo.listTables().tableNames().contains(stack.table().name()));

            Client client = new Client(nuage.url());
            String[] user = client.newUser();
            JsonNode video = client.publish(user, Media.clip(tmp, 2), "Kept in our own database");
            String uuid = video.path("uuid").asText();
            Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(stack.table().name())
                    .key(Map.of("PK", AttributeValue.fromS(TableLayout.videoPk(uuid)),
                            "SK", AttributeValue.fromS(TableLayout.VIDEO_SK)))).item();
            assertEquals("PUBLISHED", item.get("state").s(), "the published video is in the own database");
        }
    }
}
