package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;
import static org.nuage.aws.dynamodb.Items.n;
import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.aws.dynamodb.Items.str;
import static org.nuage.core.stack.StackDefinition.PK;
import static org.nuage.core.stack.StackDefinition.TTL;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.json.Json;
import org.nuage.core.stack.TableLayout;
import org.nuage.core.video.ResumableUpload;
import org.nuage.core.video.UploadSessions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link UploadSessions} in the single table: the upload as one JSON attribute, its version as a
 * number every write is conditioned on, its expiry as the item's TTL.
 */
@ApplicationScoped
public class DynamoUploadSessions implements UploadSessions {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoUploadSessions(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public void create(ResumableUpload upload) {
        dynamo.putItem(p -> p.tableName(table).item(item(upload)).conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", PK)));
    }

    @Override
    public Optional<ResumableUpload> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(TableLayout.resumablePk(id), TableLayout.SESSION_SK))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Json.read(str(item, "upload"), ResumableUpload.class));
    }

    @Override
    public boolean replace(ResumableUpload next, long expectedVersion) {
        try {
            dynamo.putItem(p -> p.tableName(table).item(item(next)).conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":expected", n(expectedVersion))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean delete(ResumableUpload upload) {
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(key(TableLayout.resumablePk(upload.id()), TableLayout.SESSION_SK))
                    .conditionExpression("#v = :version")
                    .expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":version", n(upload.version()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> item(ResumableUpload upload) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.resumablePk(upload.id()), TableLayout.SESSION_SK));
        item.put("owner", s(upload.owner()));
        item.put("version", n(upload.version()));
        item.put("upload", s(Json.write(upload)));
        item.put(TTL, n(upload.expiresAt().getEpochSecond()));
        return item;
    }
}
