package org.nuage.localstack.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.StackDefinition.Notification;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3's object-created events for a store that sends none to SQS (MinIO, Garage, Ceph RGW, B2, R2
 * all have their own notification systems, none of which reaches an SQS queue): lists the buckets'
 * notified prefixes every few seconds and sends the event S3 would have sent for each object not
 * seen before, or rewritten since (a new ETag). What was notified is kept in a file, so a restart
 * notifies only what landed while the runner was away.
 */
public final class ObjectCreatedPoller implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ObjectCreatedPoller.class.getName());

    /** An upload waits at most this long for its event; a listing every 2 s costs a self-hoster nothing. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    private final S3Client s3;
    private final ObjectCreatedNotifier notifier;
    private final Map<String, Notification> notifications;
    private final Optional<Path> stateFile;
    /** "bucket key etag", URL-encoded, of every object whose event was sent. */
    private final Set<String> notified = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler;

    private ObjectCreatedPoller(S3Client s3, ObjectCreatedNotifier notifier, StackDefinition stack,
            Optional<Path> stateFile) {
        this.s3 = s3;
        this.notifier = notifier;
        this.notifications = S3ProxyServer.notifications(stack.buckets());
        this.stateFile = stateFile;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("s3-object-created-poller").factory());
    }

    /**
     * Starts polling the store behind {@code s3} and sending events to the queues of {@code queues},
     * every {@code interval}; {@code stateFile} empty keeps what was notified in memory only.
     */
    public static ObjectCreatedPoller start(S3Endpoint s3, Endpoints queues, StackDefinition stack,
            Optional<Path> stateFile, Duration interval) {
        ObjectCreatedNotifier notifier = new ObjectCreatedNotifier(AwsClients.sqs(queues),
                S3ProxyServer.notifications(stack.buckets()), s3.region(), s3.accessKey());
        ObjectCreatedPoller poller = new ObjectCreatedPoller(AwsClients.s3(s3), notifier, stack, stateFile);
        poller.load();
        poller.scheduler.scheduleWithFixedDelay(poller::pollQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.log(System.Logger.Level.INFO, "polling {0} every {1} ms for new objects (it sends no events itself)",
                s3.url(), interval.toMillis());
        return poller;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (SdkException | UncheckedIOException e) {
            // The store may be restarting; the next round lists again and misses nothing.
            LOG.log(System.Logger.Level.WARNING, "could not list the store for new objects: {0}", e.toString());
        }
    }

    /** One round: an event for each new object, then forget objects that are gone. */
    void poll() {
        Set<String> present = new HashSet<>();
        for (Map.Entry<String, Notification> entry : notifications.entrySet()) {
            String bucket = entry.getKey();
            for (S3Object object : s3.listObjectsV2Paginator(l -> l.bucket(bucket)
                    .prefix(entry.getValue().keyPrefix())).contents()) {
                String id = id(bucket, object.key(), object.eTag());
                present.add(id);
                if (notified.contains(id)) {
                    continue;
                }
                // S3 names the event after the request that stored the object; a multipart ETag ends in -<parts>.
                String event = object.eTag() != null && object.eTag().contains("-")
                        ? "ObjectCreated:CompleteMultipartUpload" : "ObjectCreated:Put";
                if (notifier.objectCreated(event, bucket, object.key(), object.size(), object.eTag())) {
                    notified.add(id);
                    append(id);
                }
            }
        }
        if (notified.retainAll(present)) {
            rewrite();
        }
    }

    private static String id(String bucket, String key, String eTag) {
        return String.join(" ", encode(bucket), encode(key), encode(eTag == null ? "" : eTag));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void load() {
        if (stateFile.isEmpty() || !Files.exists(stateFile.get())) {
            return;
        }
        try {
            Files.readAllLines(stateFile.get()).stream().filter(line -> !line.isBlank())
                    // Decoded and encoded again, so a line written by hand still matches.
                    .map(line -> line.split(" ", -1))
                    .filter(parts -> parts.length == 3)
                    .forEach(parts -> notified.add(id(decode(parts[0]), decode(parts[1]), decode(parts[2]))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stateFile.get(), e);
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private void append(String id) {
        if (stateFile.isPresent()) {
            try {
                Files.createDirectories(stateFile.get().getParent());
                Files.writeString(stateFile.get(), id + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + stateFile.get(), e);
            }
        }
    }

    private void rewrite() {
        if (stateFile.isPresent()) {
            try {
                Path next = stateFile.get().resolveSibling(stateFile.get().getFileName() + ".next");
                Files.write(next, List.copyOf(notified));
                Files.move(next, stateFile.get(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + stateFile.get(), e);
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        notifier.close();
        s3.close();
    }
}
