package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;
import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.aws.dynamodb.Items.str;
import static org.nuage.core.stack.StackDefinition.GSI1;
import static org.nuage.core.stack.StackDefinition.GSI1_PK;
import static org.nuage.core.stack.StackDefinition.GSI1_SK;
import static org.nuage.core.stack.StackDefinition.GSI2;
import static org.nuage.core.stack.StackDefinition.GSI2_PK;
import static org.nuage.core.stack.StackDefinition.GSI2_SK;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.federation.follow.Subscription;
import org.nuage.core.federation.follow.Subscriptions;
import org.nuage.core.json.Json;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link Subscriptions} in the single table: one item per Follow of ours, under its id (what an
 * Accept names), indexed by follower (GSI1) and by the followed actor's host (GSI2).
 */
@ApplicationScoped
public class DynamoSubscriptions implements Subscriptions {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSubscriptions(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public void save(Subscription subscription) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.followPk(subscription.followId()),
                TableLayout.FOLLOW_SK));
        item.put(GSI1_PK, s(TableLayout.followingGsi1(subscription.follower())));
        item.put(GSI1_SK, s(subscription.since() + "#" + subscription.target()));
        item.put(GSI2_PK, s(TableLayout.followedHostGsi2(subscription.targetHost())));
        item.put(GSI2_SK, s(subscription.target() + "#" + subscription.follower()));
        item.put("subscription", s(Json.write(subscription)));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    @Override
    public Optional<Subscription> byFollowId(String followId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(TableLayout.followPk(followId), TableLayout.FOLLOW_SK))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(subscription(item));
    }

    @Override
    public List<Subscription> of(String follower) {
        return query(GSI1, GSI1_PK, TableLayout.followingGsi1(follower));
    }

    @Override
    public List<Subscription> onHost(String host) {
        return query(GSI2, GSI2_PK, TableLayout.followedHostGsi2(host));
    }

    @Override
    public void remove(String followId) {
        dynamo.deleteItem(d -> d.tableName(table).key(key(TableLayout.followPk(followId), TableLayout.FOLLOW_SK)));
    }

    private List<Subscription> query(String index, String pk, String value) {
        return dynamo.queryPaginator(q -> q.tableName(table).indexName(index)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", pk))
                        .expressionAttributeValues(Map.of(":pk", s(value))))
                .items().stream().map(DynamoSubscriptions::subscription).toList();
    }

    private static Subscription subscription(Map<String, AttributeValue> item) {
        return Json.read(str(item, "subscription"), Subscription.class);
    }
}
