package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;
import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.aws.dynamodb.Items.str;
import static org.nuage.core.stack.StackDefinition.PK;
import static org.nuage.core.stack.StackDefinition.SK;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.federation.follow.FollowRequest;
import org.nuage.core.federation.follow.FollowRequests;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link FollowRequests} in the followed actor's followers partition, beside its followers but
 * under their own sort-key prefix, so a fan-out never reads them.
 */
@ApplicationScoped
public class DynamoFollowRequests implements FollowRequests {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoFollowRequests(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public void add(FollowRequest request) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.followersPk(request.target()),
                TableLayout.FOLLOW_REQUEST_SK_PREFIX + request.actor()));
        item.put("actor", s(request.actor()));
        item.put("handle", s(request.handle()));
        item.put("deliveryInbox", s(request.deliveryInbox()));
        item.put("inbox", s(request.inbox()));
        item.put("follow", s(request.follow()));
        item.put("since", s(request.since().toString()));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    @Override
    public Optional<FollowRequest> find(String target, String actor) {
        var item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(TableLayout.followersPk(target), TableLayout.FOLLOW_REQUEST_SK_PREFIX + actor))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(request(target, item));
    }

    @Override
    public List<FollowRequest> of(String target) {
        return dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :requests)")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(":pk", s(TableLayout.followersPk(target)),
                                ":requests", s(TableLayout.FOLLOW_REQUEST_SK_PREFIX))))
                .items().stream().map(item -> request(target, item))
                .sorted(Comparator.comparing(FollowRequest::since)).toList();
    }

    @Override
    public void remove(String target, String actor) {
        dynamo.deleteItem(d -> d.tableName(table).key(key(TableLayout.followersPk(target),
                TableLayout.FOLLOW_REQUEST_SK_PREFIX + actor)));
    }

    private static FollowRequest request(String target, Map<String, AttributeValue> item) {
        return new FollowRequest(target, str(item, "actor"), str(item, "handle"), str(item, "deliveryInbox"),
                str(item, "inbox"), str(item, "follow"), Instant.parse(str(item, "since")));
    }
}
