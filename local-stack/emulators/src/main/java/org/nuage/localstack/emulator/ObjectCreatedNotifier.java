package org.nuage.localstack.emulator;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.nuage.core.stack.StackDefinition.Notification;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** Sends S3's object-created events to the queues the stack definition names for each bucket. */
final class ObjectCreatedNotifier implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ObjectCreatedNotifier.class.getName());

    /**
     * S3's sequencer is a hex string that grows with each event for a key; the clock in the high
     * bits keeps it growing across restarts as well.
     */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final SqsClient sqs;
    private final Map<String, Notification> notifications;
    private final String region;
    private final String principal;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    ObjectCreatedNotifier(SqsClient sqs, Map<String, Notification> notificationsByBucket, String region,
            String accessKey) {
        this.sqs = sqs;
        this.notifications = Map.copyOf(notificationsByBucket);
        this.region = region;
        this.principal = "AWS:" + accessKey;
    }

    /** Whether an object stored under this bucket and key produces an event at all. */
    boolean wants(String bucket, String key) {
        Notification notification = notifications.get(bucket);
        return notification != null && key.startsWith(notification.keyPrefix());
    }

    /**
     * Sends the event now, after the object is stored and before the client hears back, so a
     * test that has its PUT answered finds the message already queued. A failure is logged, not
     * thrown: S3 does not fail a PUT because a notification could not be delivered. Returns whether
     * the event was sent, so a caller that can try again later knows to.
     */
    boolean objectCreated(String eventName, String bucket, String key, long size, String eTag) {
        Notification notification = notifications.get(bucket);
        if (notification == null || !key.startsWith(notification.keyPrefix())) {
            return false;
        }
        String body = S3EventMessage.toJson(new S3EventMessage.ObjectCreated(eventName, region, principal,
                Instant.now(), bucket, key, size, unquote(eTag), nextSequencer(),
                notification.queue() + "-on-" + bucket));
        try {
            Optional<String> url = queueUrl(notification.queue());
            if (url.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "queue {0} does not exist: {1} event for s3://{2}/{3}"
                        + " dropped", notification.queue(), eventName, bucket, key);
                return false;
            }
            sqs.sendMessage(b -> b.queueUrl(url.get()).messageBody(body));
            return true;
        } catch (SqsException | software.amazon.awssdk.core.exception.SdkClientException e) {
            LOG.log(System.Logger.Level.WARNING, "could not send " + eventName + " event for s3://" + bucket
                    + "/" + key + " to " + notification.queue(), e);
            return false;
        }
    }

    private Optional<String> queueUrl(String queue) {
        String known = queueUrls.get(queue);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
            queueUrls.put(queue, url);
            return Optional.of(url);
        } catch (QueueDoesNotExistException e) {
            return Optional.empty();
        }
    }

    private static String nextSequencer() {
        long value = SEQUENCE.updateAndGet(previous -> Math.max(previous + 1, System.currentTimeMillis() << 16));
        return String.format("%018X", value);
    }

    private static String unquote(String eTag) {
        if (eTag == null) {
            return "";
        }
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
                ? eTag.substring(1, eTag.length() - 1)
                : eTag;
    }

    @Override
    public void close() {
        sqs.close();
    }
}
