package org.nuage.localstack.runner;

import static org.nuage.core.stack.StackDefinition.GSI1_PK;
import static org.nuage.core.stack.StackDefinition.GSI1_SK;
import static org.nuage.core.stack.StackDefinition.GSI2_PK;
import static org.nuage.core.stack.StackDefinition.GSI2_SK;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.nuage.core.json.Json;
import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.TableLayout;
import org.nuage.core.video.Video;
import org.nuage.localstack.emulator.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The home page's first response with 1,000 published videos in the local stack: the time from
 * sending {@code GET /} to the first byte of the answer, through the runner's gateway and the api
 * function, against dynalite. The videos are written as the video catalog writes them (one item
 * each, in the public index), without transcoding 1,000 clips; every tenth video has views, so
 * that trending ranks something.
 */
public final class HomePageBenchmark {

    private HomePageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int videos = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        System.out.printf(Locale.ROOT, "cores: %d, JDK %s, %d videos, %d requests%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), videos, requests);
        System.out.println("load before: " + InboxBenchmark.load());
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        StackDefinition stack = StackDefinition.standard("nuage");
        LocalNuage.Settings settings = new LocalNuage.Settings(home, new InetSocketAddress("127.0.0.1", port),
                URI.create("http://127.0.0.1:" + port), null, true, Optional.empty(), 1, stack, LocalNuage.Aot.USE,
                Optional.of("benchmark-root-password"));
        try (LocalNuage nuage = LocalNuage.start(settings, line -> { });
                DynamoDbClient dynamo = AwsClients.dynamoDb(nuage.endpoints())) {
            String table = nuage.resources().table();
            Instant now = Instant.now();
            List<String> uuids = new ArrayList<>();
            for (int i = 0; i < videos; i++) {
                Video.VideoMetadata metadata = new Video.VideoMetadata("Benchmark video " + i, "Video number " + i,
                        Video.Privacy.PUBLIC, List.of("bench"), Optional.empty(), Optional.empty(), Optional.empty(),
                        false, true, true);
                String uuid = UUID.randomUUID().toString();
                uuids.add(uuid);
                Instant created = now.minusSeconds(60L * i);
                // The item DynamoVideoCatalog.save writes for a published public video.
                Map<String, AttributeValue> item = new HashMap<>();
                item.put("PK", AttributeValue.fromS(TableLayout.videoPk(uuid)));
                item.put("SK", AttributeValue.fromS(TableLayout.VIDEO_SK));
                item.put(GSI1_PK, AttributeValue.fromS(TableLayout.ownerGsi1("root")));
                item.put(GSI1_SK, AttributeValue.fromS("VIDEO#" + created + "#" + uuid));
                item.put(GSI2_PK, AttributeValue.fromS(TableLayout.PUBLIC_VIDEOS));
                item.put(GSI2_SK, AttributeValue.fromS(created + "#" + uuid));
                item.put("uuid", AttributeValue.fromS(uuid));
                item.put("owner", AttributeValue.fromS("root"));
                item.put("channel", AttributeValue.fromS("root_channel"));
                item.put("metadata", AttributeValue.fromS(Json.write(metadata)));
                item.put("state", AttributeValue.fromS(Video.State.PUBLISHED.name()));
                item.put("declaredSizeBytes", AttributeValue.fromN("1000000"));
                item.put("createdAt", AttributeValue.fromS(created.toString()));
                dynamo.putItem(p -> p.tableName(table).item(item));
            }
            // Views through the API, as players report them, so that trending has a week of counts to rank:
            // every tenth video, viewed by one to five viewers. A view counts once per source address, so
            // each viewer connects from its own loopback address (all of 127/8 is loopback on Linux).
            for (int i = 0; i < uuids.size(); i += 10) {
                for (int viewer = 0; viewer <= i % 5; viewer++) {
                    HttpClient from = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .localAddress(java.net.InetAddress.getByName("127.0.0." + (11 + viewer))).build();
                    HttpResponse<String> viewed = from.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                    + "/api/v1/videos/" + uuids.get(i) + "/views"))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                    if (viewed.statusCode() != 204) {
                        throw new IllegalStateException("a view answered " + viewed.statusCode() + ": " + viewed.body());
                    }
                }
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI target = URI.create("http://127.0.0.1:" + port + "/");
            double cold = firstByteMillis(http, target);
            for (int i = 0; i < 20; i++) {
                firstByteMillis(http, target);
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                times.add(firstByteMillis(http, target));
            }
            Collections.sort(times);
            System.out.printf(Locale.ROOT, "GET / with %d videos: first request %.0f ms (cold function); then p50 %.1f ms, "
                    + "p95 %.1f ms, max %.1f ms over %d requests%n", videos, cold, times.get(times.size() / 2),
                    times.get((int) (times.size() * 0.95)), times.get(times.size() - 1), requests);
            // The floor: the same path through the gateway and the function for an answer without storage reads.
            URI config = URI.create("http://127.0.0.1:" + port + "/api/v1/config");
            List<Double> floor = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                floor.add(firstByteMillis(http, config));
            }
            Collections.sort(floor);
            System.out.printf(Locale.ROOT, "GET /api/v1/config (no storage reads), same path: p50 %.1f ms, p95 %.1f ms%n",
                    floor.get(floor.size() / 2), floor.get((int) (floor.size() * 0.95)));
            System.out.println("load after: " + InboxBenchmark.load());
        }
    }

    /** Milliseconds until the first byte of the body; the body is then read to the end. */
    private static double firstByteMillis(HttpClient http, URI target) throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(target).header("Accept", "text/html, application/json;q=0.9").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            int first = body.read();
            double millis = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200 || first < 0) {
                throw new IllegalStateException("GET " + target.getPath() + " answered " + response.statusCode());
            }
            body.readAllBytes();
            return millis;
        }
    }
}
