package org.nuage.localstack.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.nuage.core.federation.actor.ActorKeyPair;
import org.nuage.core.federation.delivery.Fanout;
import org.nuage.core.federation.signature.HttpMessage;
import org.nuage.core.federation.signature.RequestSigner;
import org.nuage.core.federation.signature.RsaKeys;
import org.nuage.core.federation.signature.SignatureVerifier;
import org.nuage.core.federation.signature.SigningKey;
import org.nuage.core.queue.MessageBatches;
import org.nuage.core.queue.WorkQueue;
import org.nuage.core.stack.StackDefinition;
import org.nuage.localstack.emulator.AwsClients;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The delivery benchmark: one activity to 10,000 followers spread over 1,000 shared inboxes, served
 * on loopback by a server that checks every signature and digest and counts the POSTs. The real
 * path: core's fan-out puts one message per distinct inbox on the outbound queue (ElasticMQ), the
 * packaged delivery function, fed by the runner's pollers as Lambda's event source mapping feeds
 * it, signs each POST with the actor's key from the table and sends it. Beside it, the baseline:
 * the same 1,000 signed POSTs from a bare HttpClient loop, as many at once as delivery instances.
 *
 * <p>Run: {@code java -cp <runner classpath> org.nuage.localstack.runner.DeliveryBenchmark [home]
 * [followers] [inboxes] [concurrency]}. Exits with 1 unless exactly one POST reached each inbox.
 */
public final class DeliveryBenchmark {

    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private DeliveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int followers = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int inboxes = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        System.out.printf("cores: %d, JDK %s, load average before: %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), loadAverage());
        System.out.printf("%,d followers on %,d shared inboxes, %d delivery instances (batches of %d)%n%n", followers,
                inboxes, concurrency, QueuePoller.MAX_BATCH_SIZE);

        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        LocalNuage.Settings settings = new LocalNuage.Settings(home, new InetSocketAddress("127.0.0.1", port),
                URI.create("http://127.0.0.1:" + port), null, true, Optional.empty(), concurrency,
                StackDefinition.withVisibility("nuage", 60, 120, 3), LocalNuage.Aot.USE,
                Optional.of("bench-" + System.nanoTime()));
        boolean exact;
        try (InboxFarm farm = InboxFarm.start(inboxes);
                LocalNuage nuage = LocalNuage.start(settings, line -> { });
                SqsClient sqs = AwsClients.sqs(nuage.endpoints())) {
            String base = nuage.url().toString().replaceAll("/+$", "");
            String signer = base + "/accounts/root";
            farm.trust(signer + "#main-key", publicKeyOf(signer));
            String outbound = nuage.resources().queueUrl(settings.stack().outbound().name());
            // The requests functions/aws's SqsWorkQueue makes (the runner does not carry that module):
            // SendMessageBatch over core's batches, eight at a time.
            WorkQueue queue = new WorkQueue() {
                @Override
                public void send(Name name, String body) {
                    sqs.sendMessage(m -> m.queueUrl(outbound).messageBody(body));
                }

                @Override
                public void sendAll(Name name, List<String> bodies) {
                    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                        List<Future<?>> sent = new ArrayList<>();
                        for (List<String> batch : MessageBatches.split(bodies)) {
                            sent.add(pool.submit(() -> sqs.sendMessageBatch(b -> b.queueUrl(outbound).entries(
                                    IntStream.range(0, batch.size()).mapToObj(i -> SendMessageBatchRequestEntry.builder()
                                            .id(Integer.toString(i)).messageBody(batch.get(i)).build()).toList()))));
                        }
                        for (Future<?> one : sent) {
                            if (!((SendMessageBatchResponse) one.get()).failed().isEmpty()) {
                                throw new IllegalStateException("the queue refused part of a batch");
                            }
                        }
                    } catch (InterruptedException | ExecutionException e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
            Fanout fanout = new Fanout(queue, Clock.systemUTC());
            List<String> followerInboxes = new ArrayList<>(followers);
            for (int i = 0; i < followers; i++) {
                followerInboxes.add(farm.inbox(i % inboxes));
            }

            // Warm-up: the delivery instances start, load their classes and read the key once.
            Run warm = deliver(fanout, farm, signer, base + "/warm-up", followerInboxes.subList(0, Math.min(200, inboxes)));
            System.out.printf("warm-up: %d POSTs in %.2f s%n", warm.received(), warm.seconds());

            Run real = deliver(fanout, farm, signer, base + "/videos/watch/bench/activity", followerInboxes);
            Thread.sleep(3000); // anything sent twice would arrive by now
            int received = farm.count(base + "/videos/watch/bench/activity");
            exact = received == inboxes && farm.eachInboxOnce(base + "/videos/watch/bench/activity", inboxes)
                    && farm.rejected() == 0;

            Run bare = baseline(farm, inboxes, concurrency);
            System.out.printf("%nload average after: %s%n%n", loadAverage());
            System.out.printf("POSTs received (signature and digest checked): %,d of %,d expected; rejected: %d%n%n",
                    received, inboxes, farm.rejected());
            System.out.println("| path | POSTs | time | POSTs/s |");
            System.out.println("| --- | ---: | ---: | ---: |");
            System.out.printf(Locale.ROOT, "| Nuage: fan-out → SQS (ElasticMQ) → delivery function signs and POSTs | %,d | %.2f s | %.0f |%n",
                    real.received(), real.seconds(), real.received() / real.seconds());
            System.out.printf(Locale.ROOT, "|   of which queuing the %,d messages (fan-out) | | %.2f s | |%n", inboxes, real.queueSeconds());
            System.out.printf(Locale.ROOT, "| baseline: bare HttpClient loop, sign and POST, %d at once | %,d | %.2f s | %.0f |%n",
                    concurrency, bare.received(), bare.seconds(), bare.received() / bare.seconds());
        }
        if (!exact) {
            System.out.println("FAILED: not exactly one verified POST per inbox");
            System.exit(1);
        }
    }

    /** One measured delivery: how many POSTs arrived, after how long, and how long the queuing took. */
    private record Run(int received, double seconds, double queueSeconds) {
    }

    private static Run deliver(Fanout fanout, InboxFarm farm, String signer, String activityId, List<String> inboxes)
            throws InterruptedException {
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put("@context", "https://www.w3.org/ns/activitystreams");
        activity.put("id", activityId);
        activity.put("type", "Create");
        activity.put("actor", signer);
        activity.put("object", Map.of("id", activityId.replace("/activity", ""), "type", "Video", "name", "Benchmark"));
        activity.put("to", List.of("https://www.w3.org/ns/activitystreams#Public"));
        long start = System.nanoTime();
        int expected = fanout.send(signer, activity, inboxes);
        long queued = System.nanoTime();
        long deadline = start + PATIENCE.toNanos();
        while (farm.count(activityId) < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long end = farm.lastArrival(activityId);
        return new Run(farm.count(activityId), (end - start) / 1e9, (queued - start) / 1e9);
    }

    /** The same number of signed POSTs, each signed and sent from a plain loop with a fresh key of the same kind. */
    private static Run baseline(InboxFarm farm, int inboxes, int concurrency) throws Exception {
        ActorKeyPair pair = ActorKeyPair.generate();
        String keyId = "http://baseline.invalid/actor#main-key";
        farm.trust(keyId, RsaKeys.readPublicKey(pair.publicKeyPem()));
        SigningKey key = new SigningKey(keyId, RsaKeys.readPrivateKey(pair.privateKeyPem()));
        RequestSigner signer = new RequestSigner(Clock.systemUTC());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String activityId = "http://baseline.invalid/activity";
        byte[] body = ("{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + activityId
                + "\",\"type\":\"Create\",\"actor\":\"http://baseline.invalid/actor\"}").getBytes(StandardCharsets.UTF_8);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> loops = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                loops.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < inboxes; i = next.getAndIncrement()) {
                        URI target = URI.create(farm.inbox(i));
                        Map<String, String> headers = new HashMap<>(signer.signDraftCavage(new HttpMessage("POST", target,
                                Map.of("content-type", "application/activity+json"), body), key));
                        headers.put("Content-Type", "application/activity+json");
                        HttpRequest.Builder request = HttpRequest.newBuilder(target).POST(HttpRequest.BodyPublishers.ofByteArray(body));
                        headers.forEach((name, value) -> {
                            if (!name.equalsIgnoreCase("host")) {
                                request.header(name, value);
                            }
                        });
                        client.send(request.build(), HttpResponse.BodyHandlers.discarding());
                    }
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
        }
        return new Run(farm.count(activityId), (farm.lastArrival(activityId) - start) / 1e9, 0);
    }

    private static PublicKey publicKeyOf(String actor) throws Exception {
        // The api makes the actor's key pair the first time the actor is looked at.
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(actor))
                .header("Accept", "application/activity+json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(actor + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode json = Json.MAPPER.readTree(response.body());
        return RsaKeys.readPublicKey(json.path("publicKey").path("publicKeyPem").asText());
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * A thousand servers' shared inboxes on one loopback port ({@code /servers/{n}/inbox}): each POST's
     * digest and signature are checked against the keys it trusts before it is counted.
     */
    static final class InboxFarm implements AutoCloseable {

        private final HttpServer server;
        private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        private final SignatureVerifier verifier = new SignatureVerifier(Clock.systemUTC());
        private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
        private final Map<String, Map<String, AtomicInteger>> perActivity = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> lastArrival = new ConcurrentHashMap<>();
        private final AtomicInteger rejected = new AtomicInteger();

        private InboxFarm(HttpServer server) {
            this.server = server;
        }

        static InboxFarm start(int inboxes) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            InboxFarm farm = new InboxFarm(server);
            server.createContext("/servers/", farm::receive);
            server.setExecutor(farm.executor);
            server.start();
            return farm;
        }

        String inbox(int server) {
            return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/servers/" + server + "/inbox";
        }

        void trust(String keyId, PublicKey key) {
            keys.put(keyId, key);
        }

        private void receive(HttpExchange exchange) throws IOException {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                        String.join(", ", values)));
                String path = exchange.getRequestURI().getRawPath();
                try {
                    verifier.verify(HttpMessage.received("POST", "http", path, headers, body),
                            keyId -> Optional.ofNullable(keys.get(keyId)));
                } catch (RuntimeException refused) {
                    rejected.incrementAndGet();
                    System.err.println("refused a POST to " + path + ": " + refused.getMessage());
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                String activity = Json.MAPPER.readTree(body).path("id").asText();
                perActivity.computeIfAbsent(activity, a -> new ConcurrentHashMap<>())
                        .computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                lastArrival.computeIfAbsent(activity, a -> new AtomicLong()).accumulateAndGet(System.nanoTime(), Math::max);
                exchange.sendResponseHeaders(202, -1);
            }
        }

        int count(String activity) {
            return perActivity.getOrDefault(activity, Map.of()).values().stream().mapToInt(AtomicInteger::get).sum();
        }

        boolean eachInboxOnce(String activity, int inboxes) {
            Map<String, AtomicInteger> counts = perActivity.getOrDefault(activity, Map.of());
            return counts.size() == inboxes && counts.values().stream().allMatch(c -> c.get() == 1);
        }

        long lastArrival(String activity) {
            return lastArrival.getOrDefault(activity, new AtomicLong(System.nanoTime())).get();
        }

        int rejected() {
            return rejected.get();
        }

        @Override
        public void close() {
            server.stop(0);
            executor.close();
        }
    }
}
