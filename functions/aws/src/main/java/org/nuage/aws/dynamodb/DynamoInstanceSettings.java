package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.federation.follow.InstanceSettings;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link InstanceSettings} as one item, read when a setting matters (a Follow of the instance is
 * rare), so a change takes effect in every function at once.
 */
@ApplicationScoped
public class DynamoInstanceSettings implements InstanceSettings {

    private static final String MANUAL_APPROVAL = "instanceFollowersManualApproval";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoInstanceSettings(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public boolean manualApprovalOfInstanceFollowers() {
        var item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(TableLayout.INSTANCE_PK, TableLayout.SETTINGS_SK))).item();
        AttributeValue value = item == null ? null : item.get(MANUAL_APPROVAL);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    @Override
    public void manualApprovalOfInstanceFollowers(boolean manual) {
        dynamo.updateItem(u -> u.tableName(table).key(key(TableLayout.INSTANCE_PK, TableLayout.SETTINGS_SK))
                .updateExpression("SET #m = :m")
                .expressionAttributeNames(Map.of("#m", MANUAL_APPROVAL))
                .expressionAttributeValues(Map.of(":m", AttributeValue.fromBool(manual))));
    }
}
