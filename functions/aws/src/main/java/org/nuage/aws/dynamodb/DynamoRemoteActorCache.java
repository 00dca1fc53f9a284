package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;
import static org.nuage.aws.dynamodb.Items.n;
import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.aws.dynamodb.Items.str;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.core.federation.remote.RemoteActorCache;
import org.nuage.core.json.Json;
import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link RemoteActorCache} in the single table. Items expire a week after their fetch (the table's
 * TTL), well after {@code RemoteActors} stops trusting them, so forgotten actors do not pile up.
 */
@ApplicationScoped
public class DynamoRemoteActorCache implements RemoteActorCache {

    static final long EXPIRY_SECONDS = 7 * 24 * 3600;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRemoteActorCache(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public Optional<Cached> find(String actorId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(key(TableLayout.remoteActorPk(actorId), TableLayout.REMOTE_ACTOR_SK))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Cached(Json.read(str(item, "actor"), RemoteActor.class),
                Instant.parse(str(item, "fetchedAt"))));
    }

    @Override
    public void save(RemoteActor actor, Instant fetchedAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.remoteActorPk(actor.id()),
                TableLayout.REMOTE_ACTOR_SK));
        item.put("actor", s(Json.write(actor)));
        item.put("fetchedAt", s(fetchedAt.toString()));
        item.put(StackDefinition.TTL, n(fetchedAt.getEpochSecond() + EXPIRY_SECONDS));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }
}
