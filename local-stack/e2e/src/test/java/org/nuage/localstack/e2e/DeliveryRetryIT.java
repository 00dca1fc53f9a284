package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nuage.core.federation.signature.HttpMessage;
import org.nuage.core.federation.signature.RsaKeys;
import org.nuage.core.federation.signature.SignatureVerifier;
import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.TableLayout;
import org.nuage.localstack.emulator.AwsClients;
import org.nuage.localstack.runner.LocalNuage;
import org.nuage.localstack.runner.LoopbackPeer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Deliveries to a server that is down, on an instance whose clock runs 900 times faster than real
 * time ({@code NUAGE_CLOCK_SPEED}): one real second is 15 simulated minutes, SQS's longest delay, so
 * two days of retries take about three and a half real minutes. The peers live in the same
 * simulated time: they date their signatures with it, and each POST they receive carries the
 * simulated time it was signed at.
 */
class DeliveryRetryIT {

    private static final double SPEED = 900;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Its own instance, since the shared one runs on real time; short visibility, two receives. */
    private static final StackDefinition STACK = StackDefinition.withVisibility("nuage", 10, 10, 2);

    static LocalNuage nuage;
    static LoopbackPeer down;
    static LoopbackPeer flaky;
    static SqsClient sqs;
    static DynamoDbClient dynamo;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path home = Path.of(System.getProperty("nuage.home", "../..")).toAbsolutePath().normalize();
        nuage = LocalNuage.start(new LocalNuage.Settings(home, new InetSocketAddress("127.0.0.1", port),
                URI.create("http://127.0.0.1:" + port), null, true, Optional.empty(), 2, STACK, LocalNuage.Aot.USE,
                Optional.of(SharedNuage.ROOT_PASSWORD)).withClockSpeed(SPEED), System.out::println);
        Api.use(nuage);
        base = nuage.url().toString().replaceAll("/+$", "");
        down = LoopbackPeer.start(nuage.clock(), "alice");
        down.answerInboxesWith(503);
        flaky = LoopbackPeer.start(nuage.clock(), "bob");
        flaky.answerInboxesWith(503);
        sqs = AwsClients.sqs(nuage.endpoints());
        dynamo = AwsClients.dynamoDb(nuage.endpoints());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {down, flaky, sqs, dynamo, nuage}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
    }

    /** A follower on {@code peer} follows a fresh user's channel; returns {channel, Follow id}. */
    private static String[] follow(LoopbackPeer peer, String actor) throws Exception {
        String[] user = Api.newUser();
        String channel = base + "/video-channels/" + user[0] + "_channel";
        String followId = peer.base() + "/follows/" + UUID.randomUUID();
        String body = """
                {"@context":"https://www.w3.org/ns/activitystreams","id":"%s","type":"Follow","actor":"%s","object":"%s"}"""
                .formatted(followId, peer.actorUrl(actor), channel);
        URI inbox = URI.create(base + "/inbox");
        HttpRequest.Builder request = HttpRequest.newBuilder(inbox).POST(HttpRequest.BodyPublishers.ofString(body));
        peer.signPost(actor, inbox, body.getBytes(StandardCharsets.UTF_8)).forEach(request::header);
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, answer.statusCode(), answer.body());
        return new String[] {channel, followId};
    }

    private static List<LoopbackPeer.Received> postsOf(LoopbackPeer peer, String activityPart) {
        return peer.received().stream()
                .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(activityPart)).toList();
    }

    /** When the delivery signed the POST, on the instance's clock: its Date header. */
    private static Instant signedAt(LoopbackPeer.Received post) {
        return ZonedDateTime.parse(post.headers().get("date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    private static Optional<Map<String, AttributeValue>> breaker(LoopbackPeer peer) {
        String domain = URI.create(peer.base()).getAuthority();
        var item = dynamo.getItem(g -> g.tableName(STACK.table().name()).consistentRead(true).key(Map.of(
                StackDefinition.PK, AttributeValue.fromS(TableLayout.domainPk(domain)),
                StackDefinition.SK, AttributeValue.fromS(TableLayout.BREAKER_SK)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    @Test
    void anAcceptToAServerThatStaysDownIsRetriedWithGrowingWaitsForTwoDaysThenDeadLettered() throws Exception {
        String[] followed = follow(down, "alice");
        String followId = followed[1];
        String dlq = nuage.resources().queueUrl(STACK.outbound().deadLetterQueue());

        Message dead = Await.until("the Accept in the outbound dead-letter queue", Duration.ofMinutes(6), () ->
                sqs.receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)).messages().stream()
                        .filter(m -> m.body().contains(followId.replace("/", "\\/")) || m.body().contains(followId))
                        .findFirst());

        List<LoopbackPeer.Received> posts = postsOf(down, followId);
        assertTrue(posts.stream().allMatch(p -> p.status() == 503 && p.path().equals("/users/alice/inbox")));
        List<Instant> at = posts.stream().map(DeliveryRetryIT::signedAt).toList();
        List<Duration> gaps = new ArrayList<>();
        StringBuilder schedule = new StringBuilder("attempts of the Accept, simulated time since the first:\n");
        for (int i = 0; i < at.size(); i++) {
            Duration since = Duration.between(at.get(0), at.get(i));
            if (i > 0) {
                gaps.add(Duration.between(at.get(i - 1), at.get(i)));
            }
            schedule.append(String.format("  #%2d  +%5.2f h%s%n", i + 1, since.toSeconds() / 3600.0,
                    i == 0 ? "" : String.format("  (waited %d min)", gaps.get(i - 1).toMinutes())));
        }
        System.out.print(schedule);

        // The last POST is SQS handing the exhausted message out once more (maxReceiveCount 2) after its
        // visibility timeout, 10 real seconds; the one before it was the first past the 48 hours.
        JsonNode delivery = Api.JSON.readTree(dead.body());
        JsonNode queuedAt = delivery.path("firstQueuedAt");
        Instant firstQueued = queuedAt.isTextual() ? Instant.parse(queuedAt.asText())
                : Instant.ofEpochMilli(Math.round(queuedAt.asDouble() * 1000));
        int n = at.size();
        assertTrue(posts.size() >= 12 && posts.size() <= 25, posts.size() + " POSTs\n" + schedule);
        assertTrue(!at.get(n - 2).isBefore(firstQueued.plus(Duration.ofHours(48))), "given up at 48 h\n" + schedule);
        assertTrue(at.get(n - 3).isBefore(firstQueued.plus(Duration.ofHours(48))), "and not before\n" + schedule);
        Duration redelivery = gaps.get(gaps.size() - 1);
        assertTrue(redelivery.compareTo(Duration.ofMinutes(100)) > 0 && redelivery.compareTo(Duration.ofMinutes(220)) < 0,
                "the last POST is SQS's redelivery\n" + schedule);
        // The waits grow to the 6-hour cap. Under an hour they are blurred by SQS's granularity here (one
        // real second is 15 simulated minutes) and by the latency of a hop, which is simulated time too.
        List<Duration> backoffs = gaps.subList(0, gaps.size() - 1);
        Duration jitter = Duration.ofMinutes(30);
        for (int i = 1; i < backoffs.size(); i++) {
            if (backoffs.get(i - 1).compareTo(Duration.ofHours(1)) > 0) {
                assertTrue(backoffs.get(i).plus(jitter).compareTo(backoffs.get(i - 1)) >= 0, "waits never shrink\n" + schedule);
            }
        }
        Duration longest = backoffs.stream().max(Duration::compareTo).orElseThrow();
        assertTrue(longest.compareTo(Duration.ofHours(6)) >= 0 && longest.compareTo(Duration.ofHours(7)) < 0,
                "capped at 6 hours\n" + schedule);
        assertTrue(backoffs.stream().filter(g -> g.compareTo(Duration.ofHours(5)) > 0).count() >= 4,
                "most of the two days is spent at the cap\n" + schedule);

        // What is kept for a person: the delivery itself, with its attempts and no key.
        assertEquals(down.actorUrl("alice") + "/inbox", delivery.path("inbox").asText());
        assertEquals(followed[0], delivery.path("signer").asText());
        assertTrue(delivery.path("attempt").asInt() >= 10, dead.body());
        assertFalse(dead.body().contains("PRIVATE KEY"), "no key in a queue message");

        // Ten straight failures opened the domain's breaker, and the table remembers them.
        Map<String, AttributeValue> breaker = breaker(down).orElseThrow();
        assertTrue(Integer.parseInt(breaker.get("failures").n()) >= 10, breaker.toString());
        assertTrue(breaker.containsKey("openUntil"), breaker.toString());

        int total = postsOf(down, followId).size();
        Thread.sleep(3000);
        assertEquals(total, postsOf(down, followId).size(), "nothing more is sent once dead-lettered");
    }

    @Test
    void aPendingDeliverySucceedsOnceTheServerIsBackAndClosesItsBreaker() throws Exception {
        String[] followed = follow(flaky, "bob");
        String followId = followed[1];
        Await.until("three failed attempts", Duration.ofSeconds(90), () ->
                postsOf(flaky, followId).size() >= 3 ? Optional.of(true) : Optional.empty());
        assertTrue(breaker(flaky).isPresent(), "the failures are on record");
        flaky.answerInboxesWith(202);

        LoopbackPeer.Received accepted = Await.until("the Accept, delivered", Duration.ofSeconds(90), () ->
                postsOf(flaky, followId).stream().filter(p -> p.status() == 202).findFirst());
        List<LoopbackPeer.Received> posts = postsOf(flaky, followId);
        assertTrue(posts.indexOf(accepted) >= 3, "after the failed attempts");
        assertTrue(posts.subList(0, posts.indexOf(accepted)).stream().allMatch(p -> p.status() == 503));

        // Signed by the channel, dated in the simulated time the peer also lives in.
        JsonNode channel = Api.JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(followed[0]))
                .header("Accept", "application/activity+json").build(), HttpResponse.BodyHandlers.ofString()).body());
        String keyId = new SignatureVerifier(nuage.clock()).verify(
                HttpMessage.received("POST", "http", accepted.path(), accepted.headers(), accepted.body()),
                id -> id.equals(followed[0] + "#main-key")
                        ? Optional.of(RsaKeys.readPublicKey(channel.path("publicKey").path("publicKeyPem").asText()))
                        : Optional.empty()).keyId();
        assertEquals(followed[0] + "#main-key", keyId);

        Await.until("the breaker closed", Duration.ofSeconds(10), () ->
                breaker(flaky).isEmpty() ? Optional.of(true) : Optional.empty());
        Thread.sleep(3000);
        assertEquals(1, postsOf(flaky, followId).stream().filter(p -> p.status() == 202).count(), "delivered once");
    }
}
