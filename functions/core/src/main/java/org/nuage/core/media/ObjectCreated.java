package org.nuage.core.media;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.nuage.core.json.Json;

/** An object written to a bucket, as an S3 event notification announces it. */
public record ObjectCreated(String bucket, String key, long size, String eventName) {

    /**
     * Reads the records of one S3 notification message. S3 sends an {@code s3:TestEvent} when the
     * notification is configured; it has no records and yields an empty list.
     */
    public static List<ObjectCreated> fromNotification(String message) {
        JsonNode root = Json.tree(message);
        if (root == null || !root.isObject()) {
            throw new Json.MalformedJsonException("an S3 notification must be a JSON object", null);
        }
        List<ObjectCreated> created = new ArrayList<>();
        for (JsonNode record : root.path("Records")) {
            String eventName = record.path("eventName").asText("");
            if (!eventName.startsWith("ObjectCreated:")) {
                continue;
            }
            JsonNode s3 = record.path("s3");
            String bucket = s3.path("bucket").path("name").asText(null);
            String key = s3.path("object").path("key").asText(null);
            if (bucket == null || key == null) {
                throw new Json.MalformedJsonException("S3 record without bucket name or object key", null);
            }
            // S3 URL-encodes keys in notifications, with '+' for spaces.
            created.add(new ObjectCreated(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8),
                    s3.path("object").path("size").asLong(-1), eventName));
        }
        if (created.isEmpty() && !root.has("Records") && !"s3:TestEvent".equals(root.path("Event").asText())) {
            throw new Json.MalformedJsonException("not an S3 notification: no Records", null);
        }
        return created;
    }
}
