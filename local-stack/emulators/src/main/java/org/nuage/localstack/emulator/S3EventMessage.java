package org.nuage.localstack.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body S3 sends to an SQS queue for an object-created event (event structure version 2.1),
 * field for field, so consumers parse local and cloud events with the same code.
 */
final class S3EventMessage {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** S3 writes eventTime with milliseconds and a Z, e.g. 2024-05-01T12:00:00.123Z. */
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private S3EventMessage() {
    }

    /** What happened to which object; {@code eTag} without quotes, as S3 puts it in events. */
    record ObjectCreated(String eventName, String region, String principal, Instant time, String bucket,
            String key, long size, String eTag, String sequencer, String configurationId) {
    }

    static String toJson(ObjectCreated event) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", event.region());
        record.put("eventTime", EVENT_TIME.format(event.time()));
        record.put("eventName", event.eventName());
        record.putObject("userIdentity").put("principalId", event.principal());
        record.putObject("requestParameters").put("sourceIPAddress", FreePorts.LOOPBACK);
        ObjectNode response = record.putObject("responseElements");
        response.put("x-amz-request-id", randomHex(8).toUpperCase());
        response.put("x-amz-id-2", randomHex(32));
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", event.configurationId());
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", event.bucket());
        bucket.putObject("ownerIdentity").put("principalId", event.principal());
        bucket.put("arn", "arn:aws:s3:::" + event.bucket());
        ObjectNode object = s3.putObject("object");
        object.put("key", encodeKey(event.key()));
        object.put("size", event.size());
        object.put("eTag", event.eTag());
        object.put("sequencer", event.sequencer());
        return root.toString();
    }

    /**
     * S3 form-encodes the key in events (a space becomes {@code +}, which is why consumers
     * decode it with {@code unquote_plus} or {@link java.net.URLDecoder}) but leaves the
     * {@code /} separators as they are.
     */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
