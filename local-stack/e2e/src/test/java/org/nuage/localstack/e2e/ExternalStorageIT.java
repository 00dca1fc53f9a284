package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.core.stack.StackDefinition;
import org.nuage.localstack.emulator.AwsClients;
import org.nuage.localstack.emulator.S3Endpoint;
import org.nuage.localstack.emulator.S3ProxyServer;
import org.nuage.localstack.runner.LocalNuage;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Self-hosting with one's own object store (NUAGE_S3_ENDPOINT): a second S3Proxy, with a key and
 * bucket names of its own and no event notifications (like MinIO or Garage), stands for the
 * self-hoster's store; the runner keeps its built-in SQS and DynamoDB and starts no S3 of its own.
 * An upload lands in that store, the runner notices it and sends S3's event, and the video is
 * transcoded and published with every media object in that store, read from there by anyone.
 */
class ExternalStorageIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String KEY = "own-storage-key";
    private static final String SECRET = "own-storage-secret-not-the-emulators";

    @TempDir
    static Path tmp;

    static S3ProxyServer ownStore;
    static S3Client store;
    static LocalNuage nuage;
    static StackDefinition stack;

    @BeforeAll
    static void start() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        stack = SharedNuage.STACK.withBucketNames("collective-originals-" + suffix, "collective-media-" + suffix);
        // The media bucket reads anonymously, as after `mc anonymous set download` on MinIO.
        ownStore = S3ProxyServer.startStandalone(null, KEY, SECRET, Set.of(stack.media().name()));
        S3Endpoint endpoint = new S3Endpoint(ownStore.endpoint(), true, "us-east-1", KEY, SECRET);
        store = AwsClients.s3(endpoint);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path home = Path.of(System.getProperty("nuage.home", "../..")).toAbsolutePath().normalize();
        nuage = LocalNuage.start(new LocalNuage.Settings(home, new InetSocketAddress("127.0.0.1", port),
                URI.create("http://127.0.0.1:" + port), null, true, Optional.empty(), 2, stack, LocalNuage.Aot.USE,
                Optional.of(SharedNuage.ROOT_PASSWORD))
                .withExternalS3(new LocalNuage.ExternalS3(endpoint, Optional.empty())),
                line -> System.out.println("[own-storage] " + line));
    }

    @AfterAll
    static void stop() {
        if (nuage != null) {
            nuage.close();
        }
        if (store != null) {
            store.close();
        }
        if (ownStore != null) {
            ownStore.close();
        }
    }

    @Test
    void startsNoS3OfItsOwnAndCreatesTheBucketsInTheOwnStore() {
        assertNull(nuage.endpoints().s3(), "the S3 emulator was started");
        assertEquals(ownStore.endpoint(), nuage.s3Endpoint().url());
        List<String> buckets = store.listBuckets().buckets().stream().map(b -> b.name()).toList();
        assertTrue(buckets.containsAll(List.of(stack.originals().name(), stack.media().name())), buckets.toString());
    }

    @Test
    void anUploadIsTranscodedAndPublishedIntoTheOwnStore() throws Exception {
        Client client = new Client(nuage.url());
        String[] user = client.newUser();
        JsonNode video = client.publish(user, Media.clip(tmp, 2), "Kept at home");
        String uuid = video.path("uuid").asText();

        assertEquals(1, store.listObjectsV2(l -> l.bucket(stack.originals().name()).prefix("uploads/" + uuid))
                .contents().size(), "the original is in the own store");
        List<String> media = store.listObjectsV2Paginator(l -> l.bucket(stack.media().name()).prefix("videos/" + uuid + "/"))
                .contents().stream().map(S3Object::key).toList();
        assertTrue(media.contains("videos/" + uuid + "/thumbnail.jpg"), media.toString());
        assertTrue(media.stream().anyMatch(key -> key.endsWith(".torrent")), media.toString());
        assertTrue(media.stream().anyMatch(key -> key.endsWith("master.m3u8")), media.toString());

        String bucketUrl = ownStore.endpoint() + "/" + stack.media().name() + "/";
        JsonNode files = video.path("files");
        assertTrue(files.size() > 0, video.toString());
        for (JsonNode file : files) {
            String url = file.path("fileUrl").asText();
            assertTrue(url.startsWith(bucketUrl), "the MP4 is served by the own store: " + url);
            assertTrue(media.contains(url.substring(bucketUrl.length())), url + " not among " + media);
            // Anonymous, as a browser or a BitTorrent client using it as web seed reads it.
            HttpResponse<byte[]> mp4 = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, mp4.statusCode(), url);
            assertEquals(file.path("size").asLong(), mp4.body().length);
        }
        assertTrue(video.path("thumbnailUrl").asText().startsWith(bucketUrl), video.path("thumbnailUrl").asText());
    }
}
