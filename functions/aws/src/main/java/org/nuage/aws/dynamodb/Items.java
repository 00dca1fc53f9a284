package org.nuage.aws.dynamodb;

import static org.nuage.core.stack.StackDefinition.PK;
import static org.nuage.core.stack.StackDefinition.SK;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Small helpers for reading and writing single-table items. */
final class Items {

    private Items() {
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static Optional<String> optionalStr(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(str(item, name));
    }

    /**
     * Puts {@code item} unless an item with its key exists; true when written. How the table makes
     * things unique: the local emulator has no transactions, and a conditional put is one write.
     */
    static boolean putIfAbsent(DynamoDbClient dynamo, String table, Map<String, AttributeValue> item) {
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    /** BatchGetItem's most keys per request. */
    private static final int BATCH_GET_MAX = 100;

    /**
     * The items that exist under {@code keys}, read with BatchGetItem (100 keys a request, keys the
     * service left unprocessed asked again), in no set order: one round trip where a page of cards
     * would otherwise make one per card.
     */
    static List<Map<String, AttributeValue>> batchGet(DynamoDbClient dynamo, String table,
            Collection<Map<String, AttributeValue>> keys, boolean consistent) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        List<Map<String, AttributeValue>> distinct = List.copyOf(new LinkedHashSet<>(keys));
        for (int from = 0; from < distinct.size(); from += BATCH_GET_MAX) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(distinct.subList(from, Math.min(distinct.size(), from + BATCH_GET_MAX)))
                    .consistentRead(consistent).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> asked = request;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(asked));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }
}
