package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;
import static org.nuage.aws.dynamodb.Items.n;
import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.aws.dynamodb.Items.str;
import static org.nuage.core.stack.StackDefinition.TTL;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.account.TokenStore;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** {@link TokenStore} in the single table; the expiry doubles as the item's TTL. */
@ApplicationScoped
public class DynamoTokenStore implements TokenStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoTokenStore(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public void save(StoredToken token) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.tokenPk(token.hash()), TableLayout.TOKEN_SK));
        item.put("kind", s(token.kind().name()));
        item.put("username", s(token.username()));
        item.put("pairHash", s(token.pairHash()));
        item.put(TTL, n(token.expiresAt().getEpochSecond()));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    @Override
    public Optional<StoredToken> find(String hash) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(key(TableLayout.tokenPk(hash), TableLayout.TOKEN_SK)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Instant expires = Instant.ofEpochSecond(Long.parseLong(item.get(TTL).n()));
        return Optional.of(new StoredToken(hash, Kind.valueOf(str(item, "kind")), str(item, "username"), expires,
                str(item, "pairHash")));
    }

    @Override
    public boolean delete(String hash) {
        var deleted = dynamo.deleteItem(d -> d.tableName(table).key(key(TableLayout.tokenPk(hash), TableLayout.TOKEN_SK))
                .returnValues(ReturnValue.ALL_OLD));
        return deleted.hasAttributes() && !deleted.attributes().isEmpty();
    }
}
