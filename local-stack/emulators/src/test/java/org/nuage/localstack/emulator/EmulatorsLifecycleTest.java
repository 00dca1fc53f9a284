package org.nuage.localstack.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.core.stack.StackDefinition;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/** Starting, stopping and restarting: ports, processes and what survives on disk. */
class EmulatorsLifecycleTest {

    @Test
    void objectItemAndMessageSurviveARestartOnTheSameDataDir(@TempDir Path dataDir) {
        StackDefinition stack = StackDefinition.standard("nuage-restart");
        EmulatorOptions options = EmulatorOptions.defaults(dataDir, false, stack, LocalStackDir.path());
        byte[] video = S3EmulatorTest.randomBytes(50_000);
        Map<String, AttributeValue> item = Map.of(
                StackDefinition.PK, AttributeValue.fromS("VIDEO#1"),
                StackDefinition.SK, AttributeValue.fromS("META"),
                "title", AttributeValue.fromS("Kept"));

        try (Emulators emulators = Emulators.start(options);
                var s3 = AwsClients.s3(emulators.endpoints());
                var sqs = AwsClients.sqs(emulators.endpoints());
                var dynamoDb = AwsClients.dynamoDb(emulators.endpoints())) {
            ProvisionedStack provisioned = new ResourceProvisioner().provision(stack, s3, sqs, dynamoDb);
            s3.putObject(b -> b.bucket(stack.media().name()).key("videos/1.mp4"), RequestBody.fromBytes(video));
            dynamoDb.putItem(b -> b.tableName(stack.table().name()).item(item));
            sqs.sendMessage(b -> b.queueUrl(provisioned.queueUrl(stack.outbound().name())).messageBody("deliver me"));
        }

        try (Emulators emulators = Emulators.start(options);
                var s3 = AwsClients.s3(emulators.endpoints());
                var sqs = AwsClients.sqs(emulators.endpoints());
                var dynamoDb = AwsClients.dynamoDb(emulators.endpoints())) {
            ProvisionedStack provisioned = new ResourceProvisioner().provision(stack, s3, sqs, dynamoDb);
            assertArrayEquals(video,
                    s3.getObjectAsBytes(b -> b.bucket(stack.media().name()).key("videos/1.mp4")).asByteArray());
            assertEquals(item, dynamoDb.getItem(b -> b.tableName(stack.table().name())
                    .key(Map.of(StackDefinition.PK, item.get(StackDefinition.PK),
                            StackDefinition.SK, item.get(StackDefinition.SK)))).item());
            String outbound = provisioned.queueUrl(stack.outbound().name());
            assertTrue(outbound.startsWith(emulators.endpoints().sqs().toString()), outbound);
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(outbound).waitTimeSeconds(2)).messages();
            assertEquals(List.of("deliver me"), messages.stream().map(Message::body).toList());
        }
    }

    @Test
    void twoInstancesRunSideBySideOnTheirOwnPortsAndCloseLeavesNoChildProcess() {
        Set<Long> childrenBefore = children();
        StackDefinition stack = StackDefinition.standard("nuage-pair");
        Endpoints first;
        Endpoints second;
        try (Emulators a = Emulators.start(EmulatorOptions.inMemory(stack, LocalStackDir.path()));
                Emulators b = Emulators.start(EmulatorOptions.inMemory(stack, LocalStackDir.path()))) {
            first = a.endpoints();
            second = b.endpoints();
            assertNotEquals(first.s3(), second.s3());
            assertNotEquals(first.sqs(), second.sqs());
            assertNotEquals(first.dynamodb(), second.dynamodb());
            for (Endpoints endpoints : List.of(first, second)) {
                for (URI uri : List.of(endpoints.s3(), endpoints.sqs(), endpoints.dynamodb())) {
                    assertEquals("127.0.0.1", uri.getHost());
                    assertTrue(answers(uri), uri + " does not answer");
                }
            }
            assertTrue(children().size() >= childrenBefore.size() + 2, "a dynalite process per instance");
        }
        assertEquals(childrenBefore, children());
        for (Endpoints endpoints : List.of(first, second)) {
            for (URI uri : List.of(endpoints.s3(), endpoints.sqs(), endpoints.dynamodb())) {
                assertTrue(!answers(uri), uri + " still answers after close");
            }
        }
    }

    @Test
    void failsWithAClearMessageWhenDynaliteIsNotInstalled(@TempDir Path emptyLocalStack) {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Emulators.start(
                EmulatorOptions.inMemory(StackDefinition.standard("nuage-none"), emptyLocalStack)));
        assertTrue(failure.getMessage().contains("npm ci"), failure.getMessage());
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private static boolean answers(URI uri) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
