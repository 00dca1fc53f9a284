package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;
import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.aws.dynamodb.Items.str;
import static org.nuage.core.stack.StackDefinition.PK;
import static org.nuage.core.stack.StackDefinition.SK;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.abuse.Abuse;
import org.nuage.core.abuse.Abuses;
import org.nuage.core.json.Json;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link Abuses} in the single table: one partition holds every report, keyed by its id (so a Flag
 * applied twice is one report) and read whole for the admin list; reports are few.
 */
@ApplicationScoped
public class DynamoAbuses implements Abuses {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAbuses(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public boolean saveIfNew(Abuse abuse) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.ABUSES_PK, TableLayout.ABUSE_SK_PREFIX + abuse.id()));
        item.put("abuse", s(Json.write(abuse)));
        return Items.putIfAbsent(dynamo, table, item);
    }

    @Override
    public List<Abuse> all() {
        return dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :abuses)")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(":pk", s(TableLayout.ABUSES_PK),
                                ":abuses", s(TableLayout.ABUSE_SK_PREFIX))))
                .items().stream().map(item -> Json.read(str(item, "abuse"), Abuse.class))
                .sorted(Comparator.comparing(Abuse::createdAt).reversed()).toList();
    }
}
