package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;
import static org.nuage.aws.dynamodb.Items.n;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.account.AttemptCounter;
import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link AttemptCounter} in the single table: an item per key and window, counted with an atomic
 * ADD (concurrent attempts each count) and expiring through the table's TTL when its window ends.
 */
@ApplicationScoped
public class DynamoAttemptCounter implements AttemptCounter {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAttemptCounter(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public long add(String key, Instant windowEnd) {
        Map<String, AttributeValue> updated = dynamo.updateItem(u -> u.tableName(table)
                .key(key(TableLayout.attemptsPk(key), Long.toString(windowEnd.getEpochSecond())))
                .updateExpression("ADD #count :one SET #ttl = :end")
                .expressionAttributeNames(Map.of("#count", "attempts", "#ttl", StackDefinition.TTL))
                .expressionAttributeValues(Map.of(":one", n(1), ":end", n(windowEnd.getEpochSecond())))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Long.parseLong(updated.get("attempts").n());
    }

    @Override
    public long count(String key, Instant windowEnd) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(TableLayout.attemptsPk(key), Long.toString(windowEnd.getEpochSecond())))).item();
        return item == null || !item.containsKey("attempts") ? 0 : Long.parseLong(item.get("attempts").n());
    }
}
