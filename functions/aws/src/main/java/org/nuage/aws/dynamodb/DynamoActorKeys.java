package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;
import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.aws.dynamodb.Items.str;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.federation.actor.ActorKeyPair;
import org.nuage.core.federation.actor.ActorKeys;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link ActorKeys} in the single table: one item per actor, written once. */
@ApplicationScoped
public class DynamoActorKeys implements ActorKeys {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoActorKeys(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public Optional<ActorKeyPair> find(String actorUrl) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(TableLayout.actorPk(actorUrl), TableLayout.KEYS_SK))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ActorKeyPair(str(item, "publicKeyPem"), str(item, "privateKeyPem")));
    }

    @Override
    public boolean create(String actorUrl, ActorKeyPair keys) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.actorPk(actorUrl), TableLayout.KEYS_SK));
        item.put("publicKeyPem", s(keys.publicKeyPem()));
        item.put("privateKeyPem", s(keys.privateKeyPem()));
        // A key, once published, must never be replaced behind other servers' caches.
        return Items.putIfAbsent(dynamo, table, item);
    }
}
