package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;
import static org.nuage.aws.dynamodb.Items.n;
import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.aws.dynamodb.Items.str;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.id.IdKind;
import org.nuage.core.id.IdSequence;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** {@link IdSequence} in the single table: a counter item per kind, and an item each way between number and ref. */
@ApplicationScoped
public class DynamoIdSequence implements IdSequence {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoIdSequence(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public long next(IdKind kind) {
        Map<String, AttributeValue> updated = dynamo.updateItem(u -> u.tableName(table)
                .key(key(TableLayout.sequencePk(kind.name()), TableLayout.SEQUENCE_SK))
                .updateExpression("ADD #last :one").expressionAttributeNames(Map.of("#last", "last"))
                .expressionAttributeValues(Map.of(":one", n(1))).returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Long.parseLong(updated.get("last").n());
    }

    @Override
    public OptionalLong find(IdKind kind, String ref) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(TableLayout.idRefPk(kind.name(), ref), TableLayout.ID_SK))).item();
        return item == null || item.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Items.num(item, "numId"));
    }

    @Override
    public Map<String, Long> findAll(IdKind kind, Collection<String> refs) {
        List<Map<String, AttributeValue>> keys = refs.stream()
                .map(ref -> key(TableLayout.idRefPk(kind.name(), ref), TableLayout.ID_SK)).toList();
        Map<String, Long> found = new HashMap<>();
        for (Map<String, AttributeValue> item : Items.batchGet(dynamo, table, keys, true)) {
            found.put(str(item, "ref"), Items.num(item, "numId"));
        }
        return found;
    }

    @Override
    public void bind(IdKind kind, long id, String ref) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.idPk(kind.name(), id), TableLayout.ID_SK));
        item.put("ref", s(ref));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    @Override
    public boolean claim(IdKind kind, String ref, long id) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.idRefPk(kind.name(), ref), TableLayout.ID_SK));
        item.put("ref", s(ref));
        item.put("numId", n(id));
        return Items.putIfAbsent(dynamo, table, item);
    }

    @Override
    public void unbind(IdKind kind, long id) {
        dynamo.deleteItem(d -> d.tableName(table).key(key(TableLayout.idPk(kind.name(), id), TableLayout.ID_SK)));
    }

    @Override
    public void unclaim(IdKind kind, String ref) {
        dynamo.deleteItem(d -> d.tableName(table).key(key(TableLayout.idRefPk(kind.name(), ref), TableLayout.ID_SK)));
    }

    @Override
    public Optional<String> ref(IdKind kind, long id) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(key(TableLayout.idPk(kind.name(), id), TableLayout.ID_SK))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(str(item, "ref"));
    }
}
