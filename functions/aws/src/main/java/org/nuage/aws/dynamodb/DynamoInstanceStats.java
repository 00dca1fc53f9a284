package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.core.stack.StackDefinition.PK;
import static org.nuage.core.stack.StackDefinition.SK;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.instance.InstanceStats;
import org.nuage.core.instance.InstanceUsage;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link InstanceStats} kept as ADD counters on one item, so concurrent writers never race. */
@ApplicationScoped
public class DynamoInstanceStats implements InstanceStats {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoInstanceStats(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public InstanceUsage usage() {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(Map.of(PK, s(TableLayout.INSTANCE_PK), SK, s(TableLayout.STATS_SK)))).item();
        if (item == null || item.isEmpty()) {
            return InstanceUsage.EMPTY;
        }
        return new InstanceUsage(count(item, "users"), count(item, "activeMonth"), count(item, "activeHalfyear"),
                count(item, "localVideos"), count(item, "localComments"));
    }

    private static long count(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }
}
