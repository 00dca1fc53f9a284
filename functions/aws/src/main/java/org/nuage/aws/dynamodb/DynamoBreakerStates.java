package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;
import static org.nuage.aws.dynamodb.Items.n;
import static org.nuage.aws.dynamodb.Items.num;
import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.aws.dynamodb.Items.str;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.federation.delivery.BreakerState;
import org.nuage.core.federation.delivery.BreakerStates;
import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link BreakerStates} in the single table, one item per domain. Failures are counted with
 * {@code ADD}, the open state moved with a condition on its previous value, so concurrent workers
 * neither lose a failure nor both claim the probe. The table's TTL deletes the item eventually;
 * until then an expired item is read as closed and counted from zero.
 */
@ApplicationScoped
public class DynamoBreakerStates implements BreakerStates {

    private static final String FAILURES = "failures";
    private static final String OPEN_UNTIL = "openUntil";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoBreakerStates(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    private Map<String, AttributeValue> itemKey(String domain) {
        return key(TableLayout.domainPk(domain), TableLayout.BREAKER_SK);
    }

    @Override
    public BreakerState read(String domain, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(itemKey(domain))).item();
        if (item == null || item.isEmpty() || num(item, StackDefinition.TTL) < now.getEpochSecond()) {
            return BreakerState.CLOSED;
        }
        return new BreakerState((int) num(item, FAILURES), Optional.ofNullable(str(item, OPEN_UNTIL)).map(Instant::parse));
    }

    @Override
    public int addFailure(String domain, Instant now, Instant expiresAt) {
        try {
            var updated = dynamo.updateItem(u -> u.tableName(table).key(itemKey(domain))
                    .updateExpression("SET #ttl = :ttl ADD #f :one")
                    .conditionExpression("attribute_not_exists(#ttl) OR #ttl >= :now")
                    .expressionAttributeNames(Map.of("#f", FAILURES, "#ttl", StackDefinition.TTL))
                    .expressionAttributeValues(Map.of(":one", n(1), ":ttl", n(expiresAt.getEpochSecond()),
                            ":now", n(now.getEpochSecond())))
                    .returnValues(ReturnValue.UPDATED_NEW));
            return (int) num(updated.attributes(), FAILURES);
        } catch (ConditionalCheckFailedException expired) {
            // What is left of a state the TTL has not removed yet: start again from this failure.
            Map<String, AttributeValue> item = new HashMap<>(itemKey(domain));
            item.put(FAILURES, n(1));
            item.put(StackDefinition.TTL, n(expiresAt.getEpochSecond()));
            dynamo.putItem(p -> p.tableName(table).item(item));
            return 1;
        }
    }

    @Override
    public boolean open(String domain, Optional<Instant> expected, Instant openUntil, Instant expiresAt) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":until", s(openUntil.toString()),
                ":ttl", n(expiresAt.getEpochSecond())));
        expected.ifPresent(e -> values.put(":expected", s(e.toString())));
        try {
            dynamo.updateItem(u -> u.tableName(table).key(itemKey(domain))
                    .updateExpression("SET #open = :until, #ttl = :ttl")
                    .conditionExpression(expected.isPresent() ? "#open = :expected" : "attribute_not_exists(#open)")
                    .expressionAttributeNames(Map.of("#open", OPEN_UNTIL, "#ttl", StackDefinition.TTL))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void close(String domain) {
        dynamo.deleteItem(d -> d.tableName(table).key(itemKey(domain)));
    }
}
