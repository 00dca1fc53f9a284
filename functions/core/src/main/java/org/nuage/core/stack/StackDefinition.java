package org.nuage.core.stack;

import java.util.List;
import java.util.Optional;

/**
 * The one description of Nuage's storage and queues, from which both the local stack and the
 * cloud deployment ({@code infra/}) create their resources, so the two cannot drift.
 */
public record StackDefinition(
        TableSpec table,
        BucketSpec originals,
        BucketSpec media,
        QueueSpec inbound,
        QueueSpec outbound,
        QueueSpec transcode) {

    /** Attribute names of the single table, shared by every adapter that reads or writes it. */
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI1_PK = "GSI1PK";
    public static final String GSI1_SK = "GSI1SK";
    public static final String GSI2 = "GSI2";
    public static final String GSI2_PK = "GSI2PK";
    public static final String GSI2_SK = "GSI2SK";
    /** Epoch seconds; DynamoDB deletes expired items only eventually, so readers filter on it too. */
    public static final String TTL = "expiresAt";

    /**
     * Lambda gives an SQS consumer at most 15 minutes; AWS asks for a visibility timeout of at
     * least six times the function timeout, so a slow batch is not handed out twice.
     */
    public static final int TRANSCODER_TIMEOUT_SECONDS = 900;
    public static final int DELIVERY_TIMEOUT_SECONDS = 60;

    /** A message that failed this often is kept aside in the dead-letter queue for a person. */
    public static final int MAX_RECEIVE_COUNT = 5;

    /** SQS keeps messages at most 14 days; dead letters get all of it so nobody loses one. */
    public static final int DLQ_RETENTION_SECONDS = 14 * 24 * 3600;
    public static final int QUEUE_RETENTION_SECONDS = 4 * 24 * 3600;

    /**
     * The production definition. {@code prefix} names every resource, so two stacks (two local
     * instances, or staging and production in one account) never collide.
     */
    public static StackDefinition standard(String prefix) {
        return withVisibility(prefix, 6 * DELIVERY_TIMEOUT_SECONDS, 6 * TRANSCODER_TIMEOUT_SECONDS,
                MAX_RECEIVE_COUNT);
    }

    /**
     * The same resources with short visibility timeouts and fewer receives, so tests see a
     * failing message reach its dead-letter queue in seconds instead of hours.
     */
    public static StackDefinition withVisibility(String prefix, int deliveryVisibilitySeconds,
            int transcodeVisibilitySeconds, int maxReceiveCount) {
        QueueSpec transcode = QueueSpec.withDlq(prefix + "-transcode", transcodeVisibilitySeconds,
                maxReceiveCount);
        return new StackDefinition(
                new TableSpec(prefix, PK, SK, List.of(
                        new IndexSpec(GSI1, GSI1_PK, GSI1_SK),
                        new IndexSpec(GSI2, GSI2_PK, GSI2_SK)), TTL),
                new BucketSpec(prefix + "-originals", false, List.of(CorsRule.browserUpload()),
                        Optional.of(new Notification(transcode.name(), "uploads/"))),
                new BucketSpec(prefix + "-media", true, List.of(CorsRule.webSeed()), Optional.empty()),
                QueueSpec.withDlq(prefix + "-inbound", deliveryVisibilitySeconds, maxReceiveCount),
                QueueSpec.withDlq(prefix + "-outbound", deliveryVisibilitySeconds, maxReceiveCount),
                transcode);
    }

    /**
     * The same stack with its two buckets named otherwise: bucket names are global on shared
     * providers (B2, R2, AWS), so a self-hoster picks free ones. Policies, CORS and events stay.
     */
    public StackDefinition withBucketNames(String originalsName, String mediaName) {
        return new StackDefinition(table,
                new BucketSpec(originalsName, originals.publicRead(), originals.cors(), originals.objectCreated()),
                new BucketSpec(mediaName, media.publicRead(), media.cors(), media.objectCreated()),
                inbound, outbound, transcode);
    }

    public List<BucketSpec> buckets() {
        return List.of(originals, media);
    }

    public List<QueueSpec> queues() {
        return List.of(inbound, outbound, transcode);
    }

    /** A DynamoDB table with string keys, its global secondary indexes and its TTL attribute. */
    public record TableSpec(String name, String partitionKey, String sortKey, List<IndexSpec> indexes,
            String ttlAttribute) {
    }

    /** A global secondary index projecting all attributes, keyed on two string attributes. */
    public record IndexSpec(String name, String partitionKey, String sortKey) {
    }

    /**
     * A bucket; {@code publicRead} means every object is readable by anyone: a bucket policy in the
     * cloud (new AWS buckets refuse object ACLs), the same rule built into the local S3 emulator.
     */
    public record BucketSpec(String name, boolean publicRead, List<CorsRule> cors,
            Optional<Notification> objectCreated) {
    }

    /**
     * Object-created events under {@code keyPrefix} are sent to the queue named {@code queue}.
     *
     * <p>This, not the API enqueuing a job when it completes a multipart upload, is how an upload
     * reaches the transcoder: S3 reports every object that really landed, whoever completed it (the
     * API, a resumable PeerTube client, an operator's {@code aws s3 cp}), and an API call that dies
     * between completing and enqueuing cannot lose a video. The local S3 emulator sends the same
     * messages, so both paths are one.
     */
    public record Notification(String queue, String keyPrefix) {
    }

    /** One CORS rule as S3 models it. */
    public record CorsRule(List<String> allowedOrigins, List<String> allowedMethods,
            List<String> allowedHeaders, List<String> exposedHeaders, int maxAgeSeconds) {

        /**
         * Browsers fetch web seeds and HLS segments cross-origin with {@code Range} requests, and
         * WebTorrent needs to read {@code Content-Range} to place the bytes it got.
         */
        public static CorsRule webSeed() {
            return new CorsRule(List.of("*"), List.of("GET", "HEAD"), List.of("Range", "*"),
                    List.of("ETag", "Content-Range", "Accept-Ranges", "Content-Length"), 3600);
        }

        /**
         * The upload page PUTs the parts of a direct upload to presigned URLs from the browser; the
         * signature is the authorisation, so any origin may send it, and the page reads the ETag.
         */
        public static CorsRule browserUpload() {
            return new CorsRule(List.of("*"), List.of("PUT"), List.of("Content-Type", "*"), List.of("ETag"), 3600);
        }
    }

    /** A standard queue with its dead-letter queue and redrive after {@code maxReceiveCount}. */
    public record QueueSpec(String name, int visibilityTimeoutSeconds, int retentionSeconds,
            String deadLetterQueue, int maxReceiveCount) {

        static QueueSpec withDlq(String name, int visibilitySeconds, int maxReceiveCount) {
            return new QueueSpec(name, visibilitySeconds, QUEUE_RETENTION_SECONDS, name + "-dlq",
                    maxReceiveCount);
        }
    }
}
