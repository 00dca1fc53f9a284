package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.core.stack.StackDefinition.PK;
import static org.nuage.core.stack.StackDefinition.SK;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.instance.ActivityCounts;
import org.nuage.core.instance.InstanceStats;
import org.nuage.core.instance.InstanceUsage;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link InstanceStats} kept as ADD counters on one item, so concurrent writers never race. */
@ApplicationScoped
public class DynamoInstanceStats implements InstanceStats {

    /** Attribute prefixes of the activity counters on the stats item: {@code applied:Create}, {@code failed:Follow}. */
    static final String APPLIED = "applied:";
    static final String FAILED = "failed:";
    static final String ACTIVITIES_SINCE = "activitiesSince";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoInstanceStats(DynamoDbClient dynamo, StackConfig stack, Clock clock) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
        this.clock = clock;
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

    @Override
    public void countActivity(String type, boolean applied) {
        dynamo.updateItem(u -> u.tableName(table).key(Map.of(PK, s(TableLayout.INSTANCE_PK), SK, s(TableLayout.STATS_SK)))
                .updateExpression("ADD #counter :one SET #since = if_not_exists(#since, :now)")
                .expressionAttributeNames(Map.of("#counter", (applied ? APPLIED : FAILED) + type, "#since", ACTIVITIES_SINCE))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                        ":now", s(clock.instant().toString()))));
    }

    @Override
    public ActivityCounts activities() {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(Map.of(PK, s(TableLayout.INSTANCE_PK), SK, s(TableLayout.STATS_SK)))).item();
        if (item == null || item.isEmpty()) {
            return ActivityCounts.NONE;
        }
        Map<String, Long> applied = new HashMap<>();
        Map<String, Long> failed = new HashMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(APPLIED)) {
                applied.put(name.substring(APPLIED.length()), Long.parseLong(value.n()));
            } else if (name.startsWith(FAILED)) {
                failed.put(name.substring(FAILED.length()), Long.parseLong(value.n()));
            }
        });
        return new ActivityCounts(applied, failed,
                Optional.ofNullable(item.get(ACTIVITIES_SINCE)).map(v -> Instant.parse(v.s())));
    }

    private static long count(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }
}
