package org.nuage.localstack.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.nuage.core.stack.StackDefinition.BucketSpec;
import org.nuage.core.stack.StackDefinition.Notification;

/** S3Proxy on loopback, demanding AWS Signature V4, over a local-filesystem or in-memory store. */
public final class S3ProxyServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(S3ProxyServer.class.getName());

    /**
     * S3Proxy's CORS policy is one for the whole server, so it is the union of what the stack's
     * browsers do: read media with Range requests (web seeds, HLS) and PUT uploads to presigned
     * URLs, reading back the headers WebTorrent and multipart uploads need. Any request header is
     * allowed, as the cloud bucket's rule allows (StackDefinition.CorsRule.webSeed): WebTorrent's web
     * seed sends a {@code User-Agent} with its Range, which Chromium names in the preflight.
     */
    private static final CrossOriginResourceSharing CORS = new CrossOriginResourceSharing(
            List.of("*"),
            List.of("GET", "HEAD", "PUT"),
            List.of("*"),
            List.of("ETag", "Content-Range", "Accept-Ranges", "Content-Length"),
            "false");

    private final S3Proxy proxy;
    private final BlobStore store;

    private S3ProxyServer(S3Proxy proxy, BlobStore store) {
        this.proxy = proxy;
        this.store = store;
    }

    /** Starts S3Proxy; {@code dataDir} null keeps objects in memory only. */
    static S3ProxyServer start(EmulatorOptions options, Path dataDir, ObjectCreatedNotifier notifier) {
        Set<String> publicBuckets = options.stack().buckets().stream()
                .filter(BucketSpec::publicRead)
                .map(BucketSpec::name)
                .collect(Collectors.toSet());
        BlobStore store = dataDir == null ? new TransientNio2BlobStore() : filesystem(dataDir);
        return start(store, new PublicBucketBlobStore(new NotifyingBlobStore(store, notifier), publicBuckets),
                options.accessKey(), options.secretKey(), dataDir);
    }

    /**
     * An S3Proxy of its own that sends no event notifications, as most self-hosted stores send none
     * to SQS: what a self-hoster's MinIO or Garage is to the runner, for tests. Objects of
     * {@code publicBuckets} are readable by anyone, as under an anonymous-read bucket policy;
     * {@code dataDir} null keeps objects in memory only.
     */
    public static S3ProxyServer startStandalone(Path dataDir, String accessKey, String secretKey,
            Set<String> publicBuckets) {
        BlobStore store = dataDir == null ? new TransientNio2BlobStore() : filesystem(dataDir);
        return start(store, new PublicBucketBlobStore(store, publicBuckets), accessKey, secretKey, dataDir);
    }

    private static S3ProxyServer start(BlobStore store, BlobStore served, String accessKey, String secretKey,
            Path dataDir) {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(served)
                .endpoint(URI.create("http://" + FreePorts.LOOPBACK + ":0"))
                .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                .corsRules(CORS)
                // No graceful stop: Jetty would wait up to 30 s for clients' idle keep-alive
                // connections, and a closing emulator has no request worth finishing.
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            store.close();
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        S3ProxyServer server = new S3ProxyServer(proxy, store);
        LOG.log(System.Logger.Level.INFO, "S3 (S3Proxy) on port {0}, {1}", Integer.toString(proxy.getPort()),
                dataDir == null ? "in memory" : "data in " + dataDir);
        return server;
    }

    /** Which bucket sends its object-created events where, from the stack definition. */
    static Map<String, Notification> notifications(List<BucketSpec> buckets) {
        return buckets.stream()
                .filter(bucket -> bucket.objectCreated().isPresent())
                .collect(Collectors.toMap(BucketSpec::name, bucket -> bucket.objectCreated().get()));
    }

    private static BlobStore filesystem(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString());
    }

    public URI endpoint() {
        return URI.create("http://" + FreePorts.LOOPBACK + ":" + proxy.getPort());
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "S3Proxy did not stop cleanly", e);
        }
        store.close();
    }
}
