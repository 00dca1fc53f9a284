package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;
import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.aws.dynamodb.Items.str;
import static org.nuage.core.stack.StackDefinition.GSI1;
import static org.nuage.core.stack.StackDefinition.GSI1_PK;
import static org.nuage.core.stack.StackDefinition.GSI1_SK;
import static org.nuage.core.stack.StackDefinition.PK;
import static org.nuage.core.stack.StackDefinition.SK;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.federation.follow.Follower;
import org.nuage.core.federation.follow.Followers;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link Followers} in the single table: one partition per followed actor, read whole for a
 * fan-out, and indexed by follower (GSI1) for when a remote actor deletes itself.
 */
@ApplicationScoped
public class DynamoFollowers implements Followers {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoFollowers(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public void add(Follower follower) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.followersPk(follower.target()),
                TableLayout.FOLLOWER_SK_PREFIX + follower.actor()));
        item.put("actor", s(follower.actor()));
        item.put("deliveryInbox", s(follower.deliveryInbox()));
        item.put("followId", s(follower.followId()));
        item.put("since", s(follower.since().toString()));
        item.put(GSI1_PK, s(TableLayout.followingGsi1(follower.actor())));
        item.put(GSI1_SK, s(follower.target()));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    @Override
    public void remove(String target, String actor) {
        dynamo.deleteItem(d -> d.tableName(table).key(key(TableLayout.followersPk(target),
                TableLayout.FOLLOWER_SK_PREFIX + actor)));
    }

    @Override
    public List<Follower> of(String target) {
        return dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :followers)")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(":pk", s(TableLayout.followersPk(target)),
                                ":followers", s(TableLayout.FOLLOWER_SK_PREFIX))))
                .items().stream().map(item -> new Follower(target, str(item, "actor"), str(item, "deliveryInbox"),
                        str(item, "followId"), Instant.parse(str(item, "since")))).toList();
    }

    @Override
    public List<String> followedBy(String actor) {
        return dynamo.queryPaginator(q -> q.tableName(table).indexName(GSI1)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                        .expressionAttributeValues(Map.of(":pk", s(TableLayout.followingGsi1(actor)))))
                .items().stream().map(item -> str(item, GSI1_SK)).toList();
    }
}
