package org.nuage.localstack.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.nuage.core.federation.signature.HttpMessage;
import org.nuage.core.federation.signature.RsaKeys;
import org.nuage.core.federation.signature.SignatureVerifier;
import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.TableLayout;
import org.nuage.localstack.emulator.AwsClients;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The README's inbox figures: signed POSTs verified and queued per second, with p50/p99 latency,
 * from several concurrent senders, and side by side the parts alone, so the reader sees where the
 * time goes:
 * <ol>
 * <li>the real path: Follows signed by a {@link LoopbackPeer}, POSTed through the runner's gateway
 * to the packaged inbox function (InboxService with its DynamoDB store, SQS queue and DynamoDB key
 * cache, on the local stack's emulators), the senders' keys already cached;</li>
 * <li>signature verification alone, in this JVM, the public key in memory;</li>
 * <li>the inbox's storage calls alone, in this JVM, through the AWS SDK on the same emulators: the
 * key cache read, the conditional put of the activity, the envelope sent to SQS.</li>
 * </ol>
 * Requests are signed before the clock starts, so the senders' RSA signing does not compete for
 * the cores. Run: {@code java -cp <runner classpath> org.nuage.localstack.runner.InboxBenchmark
 * [home] [requests] [senders] [instances]}.
 */
public final class InboxBenchmark {

    private static final String TYPE = "application/activity+json";

    private InboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int senders = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int instances = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        System.out.printf(Locale.ROOT, "cores: %d, JDK %s, %d requests per phase, %d senders, %d inbox instances%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), requests, senders, instances);
        System.out.println("load before: " + load());

        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        LocalNuage.Settings settings = new LocalNuage.Settings(home, new InetSocketAddress("127.0.0.1", port),
                URI.create("http://127.0.0.1:" + port), null, true, Optional.empty(), instances,
                StackDefinition.standard("nuage"), LocalNuage.Aot.USE, Optional.empty());
        try (LocalNuage storage = LocalNuage.startStorageOnly(settings, line -> { });
                LambdaFunction inbox = new LambdaFunction(storage.spec("inbox"), line -> { });
                HttpGateway gateway = HttpGateway.start(settings.address(), RouteTable.defaultTo("inbox"), List.of(inbox),
                        HttpGateway.DEFAULT_INTEGRATION_TIMEOUT, line -> { });
                LoopbackPeer peer = LoopbackPeer.start();
                DynamoDbClient dynamo = AwsClients.dynamoDb(storage.endpoints());
                SqsClient sqs = AwsClients.sqs(storage.endpoints())) {
            String base = "http://127.0.0.1:" + port;
            URI target = URI.create(base + "/inbox");
            String table = storage.resources().table();
            String inbound = storage.resources().queueUrl(settings.stack().inbound().name());
            List<String> actors = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                actors.add("sender-" + i);
                peer.addActor("sender-" + i);
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            // Warm: every sender's key fetched and cached, every instance started and its JIT busy a while.
            List<Signed> warmUp = sign(peer, target, actors, Math.max(500, requests / 4));
            run("warm-up", senders, warmUp, signed -> post(http, target, signed));
            long queuedBefore = queued(sqs, inbound);

            List<Signed> measured = sign(peer, target, actors, requests);
            System.out.println("load before the real path: " + load());
            Result full = run("inbox function, real path", senders, measured, signed -> post(http, target, signed));
            long queued = queued(sqs, inbound) - queuedBefore;

            // The parts alone, over the same signed requests.
            Map<String, PublicKey> keys = new HashMap<>();
            for (String actor : actors) {
                keys.put(peer.actorUrl(actor) + "#main-key", RsaKeys.readPublicKey(peer.publicKeyPem(actor)));
            }
            SignatureVerifier verifier = new SignatureVerifier(Clock.systemUTC());
            Result verify = run("signature verification only", senders, measured, signed -> verifier.verify(
                    HttpMessage.received("POST", "http", "/inbox", signed.lowerCaseHeaders(), signed.body()),
                    keyId -> Optional.ofNullable(keys.get(keyId))));

            AtomicLong keyRead = new AtomicLong();
            AtomicLong put = new AtomicLong();
            AtomicLong send = new AtomicLong();
            Result store = run("DynamoDB get + put and SQS send only", senders, measured, signed -> {
                long t0 = System.nanoTime();
                dynamo.getItem(g -> g.tableName(table).key(key(TableLayout.remoteActorPk(signed.actor()),
                        TableLayout.REMOTE_ACTOR_SK)));
                long t1 = System.nanoTime();
                // The inbox's item, written only if the id is new; the store also gzips the body,
                // a few microseconds for a Follow, left out here.
                String id = signed.activityId() + "/again";
                Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.activityPk(id), TableLayout.ACTIVITY_SK));
                item.put("body", AttributeValue.fromB(SdkBytes.fromByteArray(signed.body())));
                item.put("receivedAt", AttributeValue.fromS(Instant.now().toString()));
                item.put(StackDefinition.TTL, AttributeValue.fromN(Long.toString(Instant.now().plus(Duration.ofDays(30))
                        .getEpochSecond())));
                dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
                long t2 = System.nanoTime();
                sqs.sendMessage(m -> m.queueUrl(inbound).messageBody("{\"activityId\":\"" + id + "\"}"));
                long t3 = System.nanoTime();
                keyRead.addAndGet(t1 - t0);
                put.addAndGet(t2 - t1);
                send.addAndGet(t3 - t2);
                return true;
            });
            System.out.println("load after: " + load());

            System.out.println();
            System.out.printf(Locale.ROOT, "%-40s %10s %9s %9s%n", "", "per second", "p50 ms", "p99 ms");
            for (Result r : List.of(full, verify, store)) {
                System.out.printf(Locale.ROOT, "%-40s %10.0f %9.2f %9.2f%n", r.name(), r.perSecond(), r.p50(), r.p99());
            }
            System.out.printf(Locale.ROOT, "real path: %d accepted (202), %d envelopes queued, %d refused%n", full.ok(),
                    queued, requests - full.ok());
            System.out.printf(Locale.ROOT, "storage calls, mean per request: key read %.2f ms, conditional put %.2f ms, "
                    + "SQS send %.2f ms%n", keyRead.get() / 1e6 / requests, put.get() / 1e6 / requests,
                    send.get() / 1e6 / requests);
            System.out.printf(Locale.ROOT, "function instances started: %d%n", inbox.instanceCount());
        }
    }

    /** A signed POST ready to send: its headers as the peer made them, its body, its activity and sender. */
    record Signed(Map<String, String> headers, byte[] body, String activityId, String actor) {

        Map<String, String> lowerCaseHeaders() {
            Map<String, String> lower = new HashMap<>();
            headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
            return lower;
        }
    }

    private static List<Signed> sign(LoopbackPeer peer, URI target, List<String> actors, int count) {
        List<Signed> signed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String actor = actors.get(i % actors.size());
            String id = peer.base() + "/follows/" + UUID.randomUUID();
            byte[] body = ("{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + id
                    + "\",\"type\":\"Follow\",\"actor\":\"" + peer.actorUrl(actor) + "\",\"object\":\"" + target.resolve(
                    "/accounts/peertube") + "\"}").getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>(peer.signPost(actor, target, body));
            headers.put("Host", target.getAuthority());
            signed.add(new Signed(headers, body, id, peer.actorUrl(actor)));
        }
        return signed;
    }

    private static boolean post(HttpClient http, URI target, Signed signed) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
        signed.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                System.err.println("refused: " + response.statusCode() + " " + response.body());
            }
            return response.statusCode() == 202;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What one phase did: how many, how fast, and the latency of each call. */
    record Result(String name, int count, int ok, double seconds, long[] nanos) {

        double perSecond() {
            return count / seconds;
        }

        double p50() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        private double percentile(double p) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
        }
    }

    /** One unit of work; true when it succeeded (a 202 for a POST). */
    @FunctionalInterface
    interface Work {
        Object apply(Signed signed) throws Exception;
    }

    /** Runs {@code work} over every item, {@code threads} at a time, each thread taking the next item. */
    private static Result run(String name, int threads, List<Signed> items, Work work) throws InterruptedException {
        long[] nanos = new long[items.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name(name + "-" + t).start(() -> {
                for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    try {
                        Object outcome = work.apply(items.get(i));
                        if (!Boolean.FALSE.equals(outcome)) {
                            ok.incrementAndGet();
                        }
                    } catch (Exception e) {
                        System.err.println(name + ": " + e);
                    }
                    nanos[i] = System.nanoTime() - t0;
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, items.size(), ok.get(), seconds, nanos);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(StackDefinition.PK, AttributeValue.fromS(pk), StackDefinition.SK, AttributeValue.fromS(sk));
    }

    private static long queued(SqsClient sqs, String queue) {
        return sqs.getQueueAttributes(g -> g.queueUrl(queue).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().values().stream().mapToLong(Long::parseLong).sum();
    }

    /** The 1-, 5- and 15-minute load averages, as uptime shows them. */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
