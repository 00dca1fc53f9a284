package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;
import static org.nuage.aws.dynamodb.Items.n;
import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.core.stack.StackDefinition.PK;
import static org.nuage.core.stack.StackDefinition.TTL;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.federation.ScheduledUpdates;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link ScheduledUpdates} in the single table: one item per video with an update waiting, put
 * only when absent or stale (a conditional put, so of many concurrent views one queues the message).
 */
@ApplicationScoped
public class DynamoScheduledUpdates implements ScheduledUpdates {

    /** A mark outlives its due time by a day at most; DynamoDB deletes it some time after that. */
    static final Duration KEEP = Duration.ofDays(1);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoScheduledUpdates(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public boolean schedule(String videoUuid, Instant due, Instant staleBefore) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.videoPk(videoUuid), TableLayout.VIEWS_UPDATE_SK));
        item.put("due", s(due.toString()));
        item.put(TTL, n(due.plus(KEEP).getEpochSecond()));
        try {
            // ISO-8601 instants in UTC compare as strings in time order.
            dynamo.putItem(p -> p.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR #due < :stale")
                    .expressionAttributeNames(Map.of("#pk", PK, "#due", "due"))
                    .expressionAttributeValues(Map.of(":stale", s(staleBefore.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void clear(String videoUuid) {
        dynamo.deleteItem(d -> d.tableName(table).key(key(TableLayout.videoPk(videoUuid), TableLayout.VIEWS_UPDATE_SK)));
    }
}
