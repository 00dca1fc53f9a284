package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.n;
import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.core.stack.StackDefinition.PK;
import static org.nuage.core.stack.StackDefinition.SK;
import static org.nuage.core.stack.StackDefinition.TTL;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.federation.InboxStore;
import org.nuage.core.federation.ReceivedActivity;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link InboxStore} in the single table: one item per activity id, its body gzipped. */
@ApplicationScoped
public class DynamoInboxStore implements InboxStore {

    /** The ids are remembered for core's window; an LD signature older than it is refused. */
    static final Duration DEDUPE_WINDOW = InboxStore.DEDUPE_WINDOW;

    /** DynamoDB items are at most 400 KB; the rest of the item needs a little room. */
    static final int MAX_STORED_BODY_BYTES = 380 * 1024;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoInboxStore(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public boolean recordIfNew(ReceivedActivity activity) {
        byte[] body = gzip(activity.body());
        if (body.length > MAX_STORED_BODY_BYTES) {
            throw new TooLargeException("activity body compresses to " + body.length
                    + " bytes, more than the " + MAX_STORED_BODY_BYTES + " bytes an activity may take");
        }
        Map<String, AttributeValue> item = new HashMap<>(key(activity.activityId()));
        item.put("activityType", s(activity.activityType()));
        item.put("actor", s(activity.actor()));
        item.put("inboxPath", s(activity.inboxPath()));
        item.put("body", AttributeValue.fromB(SdkBytes.fromByteArray(body)));
        item.put("receivedAt", s(activity.receivedAt().toString()));
        item.put(TTL, n(activity.receivedAt().plus(DEDUPE_WINDOW).getEpochSecond()));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item)
                    // An expired item may linger until DynamoDB deletes it; it no longer counts.
                    .conditionExpression("attribute_not_exists(PK) OR #ttl < :now")
                    .expressionAttributeNames(Map.of("#ttl", TTL))
                    .expressionAttributeValues(Map.of(":now", n(Instant.now().getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void forget(String activityId) {
        dynamo.deleteItem(d -> d.tableName(table).key(key(activityId)));
    }

    @Override
    public Optional<ReceivedActivity> find(String activityId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key(activityId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReceivedActivity(activityId, item.get("activityType").s(), item.get("actor").s(),
                item.get("inboxPath").s(), gunzip(item.get("body").b().asByteArray()),
                Instant.parse(item.get("receivedAt").s()),
                Optional.ofNullable(item.get("processedAt")).map(a -> Instant.parse(a.s()))));
    }

    @Override
    public void markProcessed(String activityId, Instant at) {
        dynamo.updateItem(u -> u.tableName(table).key(key(activityId))
                .updateExpression("SET processedAt = if_not_exists(processedAt, :at)")
                // Never create a bare item for an activity the inbox did not record.
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Map.of(":at", s(at.toString()))));
    }

    private static Map<String, AttributeValue> key(String activityId) {
        return Map.of(PK, s(TableLayout.activityPk(activityId)), SK, s(TableLayout.ACTIVITY_SK));
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] data) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
