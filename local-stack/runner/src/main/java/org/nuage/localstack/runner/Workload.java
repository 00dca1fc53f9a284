package org.nuage.localstack.runner;

import java.io.IOException;
import java.io.UncheckedIOException;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nuage.localstack.emulator.AwsClients;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The first events each function typically gets, sent the way users and peers send them: the AOT
 * training replays them so the cache holds what a cold start needs, and the cold-start benchmark
 * times them.
 */
final class Workload {

    private static final Duration ASYNC = Duration.ofSeconds(120);

    private final LocalNuage nuage;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Path scratch;

    Workload(LocalNuage nuage, Path scratch) {
        this.nuage = nuage;
        this.scratch = scratch;
    }

    /** api: the config a client reads first, NodeInfo discovery and document, and a miss. */
    void api() {
        for (String path : List.of("/api/v1/config", "/.well-known/nodeinfo", "/nodeinfo/2.1.json", "/nodeinfo/9.9.json")) {
            send(HttpRequest.newBuilder(nuage.url().resolve(path)).GET());
        }
    }

    /**
     * inbox, then delivery: a Follow as a peer posts it (which delivery then applies), and a malformed
     * one; returns the id of the accepted activity.
     */
    String inboxAndDelivery() {
        try (LoopbackPeer peer = LoopbackPeer.start("alice")) {
            String id = peer.base() + "/follows/" + UUID.randomUUID();
            String follow = """
                    {"@context":"https://www.w3.org/ns/activitystreams","id":"%s","type":"Follow",
                     "actor":"%s","object":"%s/video-channels/main"}"""
                    .formatted(id, peer.actorUrl("alice"), nuage.url());
            // Signed as a peer signs it: the inbox fetches the key from the peer and checks it.
            HttpRequest.Builder signed = post("/inbox", follow);
            peer.signPost("alice", nuage.url().resolve("/inbox"), follow.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .forEach((name, value) -> {
                        if (!name.equalsIgnoreCase("content-type")) {
                            signed.header(name, value);
                        }
                    });
            send(signed);
            send(post("/inbox", "{\"id\": 1}"));
            awaitItem("ACTIVITY#" + id, "ACTIVITY", "processedAt");
            return id;
        }
    }

    /** transcoder: a short clip uploaded to the originals bucket, probed when S3 announces it. */
    void transcoder() {
        String uploadId = UUID.randomUUID().toString();
        try (S3Client s3 = AwsClients.s3(nuage.endpoints())) {
            s3.putObject(p -> p.bucket(nuage.settings().stack().originals().name()).key("uploads/" + uploadId),
                    RequestBody.fromFile(clip()));
        }
        awaitItem("UPLOAD#" + uploadId, "PROBE", "status");
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(nuage.url().resolve(path)).header("Content-Type", "application/activity+json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private void send(HttpRequest.Builder request) {
        try {
            http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitItem(String pk, String sk, String attribute) {
        long deadline = System.nanoTime() + ASYNC.toNanos();
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(nuage.endpoints())) {
            while (System.nanoTime() < deadline) {
                Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(nuage.settings().stack().table().name())
                        .consistentRead(true).key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk))))
                        .item();
                if (item.containsKey(attribute)) {
                    return;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("no " + attribute + " on " + pk + " after " + ASYNC.toSeconds() + " s");
    }

    /** A two-second H.264/AAC clip, made once per workload. */
    private Path clip() {
        Path clip = scratch.resolve("workload-clip.mp4");
        if (!Files.exists(clip)) {
            makeClip(clip);
        }
        return clip;
    }

    /** Writes a two-second 320x240 H.264/AAC clip with ffmpeg. */
    static void makeClip(Path clip) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
                clip.toString()));
        try {
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("ffmpeg could not make the workload clip (exit " + exit + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ffmpeg is needed to make the workload clip", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
