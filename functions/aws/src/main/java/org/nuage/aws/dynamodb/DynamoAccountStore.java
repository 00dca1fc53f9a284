package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;
import static org.nuage.aws.dynamodb.Items.n;
import static org.nuage.aws.dynamodb.Items.num;
import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.aws.dynamodb.Items.str;
import static org.nuage.core.stack.StackDefinition.GSI1;
import static org.nuage.core.stack.StackDefinition.GSI1_PK;
import static org.nuage.core.stack.StackDefinition.GSI1_SK;
import static org.nuage.core.stack.StackDefinition.GSI2;
import static org.nuage.core.stack.StackDefinition.GSI2_PK;
import static org.nuage.core.stack.StackDefinition.GSI2_SK;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.account.Account;
import org.nuage.core.Refusal;
import org.nuage.core.account.AccountStore;
import org.nuage.core.account.ActorImage;
import org.nuage.core.json.Json;
import org.nuage.core.account.Channel;
import org.nuage.core.account.OAuthClient;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link AccountStore} in the single table. Without transactions (the local emulator has none), a
 * new account claims its names one conditional put at a time and releases those it got when a
 * later one is taken.
 */
@ApplicationScoped
public class DynamoAccountStore implements AccountStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAccountStore(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public void createAccount(Account account, Channel firstChannel) {
        List<Map<String, AttributeValue>> claimed = new ArrayList<>();
        try {
            claimed.add(claim(TableLayout.namePk(account.username()), TableLayout.NAME_SK, "username", account.username()));
            claimed.add(claim(TableLayout.emailPk(account.email()), TableLayout.EMAIL_SK, "email", account.email()));
            if (!firstChannel.name().equals(account.username())) {
                claimed.add(claim(TableLayout.namePk(firstChannel.name()), TableLayout.NAME_SK, "channel name",
                        firstChannel.name()));
            }
        } catch (Refusal taken) {
            claimed.forEach(k -> dynamo.deleteItem(d -> d.tableName(table).key(k)));
            throw taken;
        }
        dynamo.putItem(p -> p.tableName(table).item(accountItem(account)));
        dynamo.putItem(p -> p.tableName(table).item(channelItem(firstChannel)));
        dynamo.updateItem(u -> u.tableName(table).key(key(TableLayout.INSTANCE_PK, TableLayout.STATS_SK))
                .updateExpression("ADD #users :one").expressionAttributeNames(Map.of("#users", "users"))
                .expressionAttributeValues(Map.of(":one", n(1))));
    }

    private Map<String, AttributeValue> claim(String pk, String sk, String what, String value) {
        Map<String, AttributeValue> key = key(pk, sk);
        try {
            dynamo.putItem(p -> p.tableName(table).item(key).conditionExpression("attribute_not_exists(PK)"));
            return key;
        } catch (ConditionalCheckFailedException e) {
            throw Refusal.conflict(what + " '" + value + "' is already taken");
        }
    }

    @Override
    public Optional<Account> findAccount(String username) {
        return get(TableLayout.accountPk(username), TableLayout.PROFILE_SK).map(item -> new Account(str(item, "id"),
                str(item, "username"), str(item, "email"), str(item, "passwordHash"),
                Account.Role.valueOf(str(item, "role")), num(item, "videoQuotaBytes"), str(item, "displayName"),
                str(item, "description"), Instant.parse(str(item, "createdAt")), avatars(item),
                num(item, DynamoVideoCatalog.NUMBER)));
    }

    @Override
    public void updateAccount(Account account) {
        dynamo.putItem(p -> p.tableName(table).item(accountItem(account)).conditionExpression("attribute_exists(PK)"));
    }

    @Override
    public void createChannel(Channel channel) {
        Map<String, AttributeValue> claim = claim(TableLayout.namePk(channel.name()), TableLayout.NAME_SK,
                "channel name", channel.name());
        try {
            dynamo.putItem(p -> p.tableName(table).item(channelItem(channel)));
        } catch (RuntimeException e) {
            dynamo.deleteItem(d -> d.tableName(table).key(claim));
            throw e;
        }
    }

    @Override
    public Optional<Channel> findChannel(String name) {
        return get(TableLayout.channelPk(name), TableLayout.PROFILE_SK).map(DynamoAccountStore::channel);
    }

    @Override
    public List<Channel> channelsOf(String owner) {
        return dynamo.queryPaginator(q -> q.tableName(table).indexName(GSI1)
                        // The owner's videos share this partition of the index; channels sort under CHANNEL#.
                        .keyConditionExpression("#pk = :owner AND begins_with(#sk, :channels)")
                        .expressionAttributeNames(Map.of("#pk", GSI1_PK, "#sk", GSI1_SK))
                        .expressionAttributeValues(Map.of(":owner", s(TableLayout.ownerGsi1(owner)),
                                ":channels", s("CHANNEL#"))))
                .items().stream().map(DynamoAccountStore::channel).toList();
    }

    @Override
    public List<Channel> allChannels(int start, int count) {
        // Newest first, as PeerTube lists them; a small instance has few channels, so skipping
        // `start` items client-side is cheaper than keeping offsets.
        return dynamo.queryPaginator(q -> q.tableName(table).indexName(GSI2).scanIndexForward(false)
                        .keyConditionExpression("#pk = :all")
                        .expressionAttributeNames(Map.of("#pk", GSI2_PK))
                        .expressionAttributeValues(Map.of(":all", s(TableLayout.ALL_CHANNELS))))
                .items().stream().skip(start).limit(count).map(DynamoAccountStore::channel).toList();
    }

    @Override
    public void updateChannel(Channel channel) {
        dynamo.putItem(p -> p.tableName(table).item(channelItem(channel)).conditionExpression("attribute_exists(PK)"));
    }

    @Override
    public void deleteChannel(Channel channel) {
        dynamo.deleteItem(d -> d.tableName(table).key(key(TableLayout.channelPk(channel.name()), TableLayout.PROFILE_SK)));
        dynamo.deleteItem(d -> d.tableName(table).key(key(TableLayout.namePk(channel.name()), TableLayout.NAME_SK)));
    }

    @Override
    public void recordAccountNumber(String username, long numericId) {
        recordNumber(TableLayout.accountPk(username), numericId);
    }

    @Override
    public void recordChannelNumber(String name, long numericId) {
        recordNumber(TableLayout.channelPk(name), numericId);
    }

    private void recordNumber(String pk, long numericId) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(pk, TableLayout.PROFILE_SK))
                    .updateExpression("SET #n = :n").conditionExpression("attribute_exists(PK) AND attribute_not_exists(#n)")
                    .expressionAttributeNames(Map.of("#n", DynamoVideoCatalog.NUMBER))
                    .expressionAttributeValues(Map.of(":n", n(numericId))));
        } catch (ConditionalCheckFailedException e) {
            // Numbered already (with this number: it comes from the number's own item), or gone.
        }
    }

    @Override
    public OAuthClient oauthClient(Supplier<OAuthClient> create) {
        Map<String, AttributeValue> key = key(TableLayout.INSTANCE_PK, TableLayout.OAUTH_SK);
        Optional<Map<String, AttributeValue>> existing = get(TableLayout.INSTANCE_PK, TableLayout.OAUTH_SK);
        if (existing.isPresent()) {
            return new OAuthClient(str(existing.get(), "clientId"), str(existing.get(), "clientSecret"));
        }
        OAuthClient client = create.get();
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("clientId", s(client.clientId()));
        item.put("clientSecret", s(client.clientSecret()));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
            return client;
        } catch (ConditionalCheckFailedException e) {
            // Two first requests raced; both must hand out the client that was stored.
            Map<String, AttributeValue> stored = get(TableLayout.INSTANCE_PK, TableLayout.OAUTH_SK).orElseThrow();
            return new OAuthClient(str(stored, "clientId"), str(stored, "clientSecret"));
        }
    }

    private Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key(pk, sk)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static Map<String, AttributeValue> accountItem(Account account) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.accountPk(account.username()), TableLayout.PROFILE_SK));
        item.put("id", s(account.id()));
        item.put("username", s(account.username()));
        item.put("email", s(account.email()));
        item.put("passwordHash", s(account.passwordHash()));
        item.put("role", s(account.role().name()));
        item.put("videoQuotaBytes", n(account.videoQuotaBytes()));
        item.put("displayName", s(account.displayName()));
        item.put("description", s(account.description()));
        item.put("createdAt", s(account.createdAt().toString()));
        putAvatars(item, account.avatars());
        if (account.numericId() > 0) {
            item.put(DynamoVideoCatalog.NUMBER, n(account.numericId()));
        }
        return item;
    }

    private static Map<String, AttributeValue> channelItem(Channel channel) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.channelPk(channel.name()), TableLayout.PROFILE_SK));
        item.put(GSI1_PK, s(TableLayout.ownerGsi1(channel.owner())));
        item.put(GSI1_SK, s(TableLayout.channelPk(channel.name())));
        item.put(GSI2_PK, s(TableLayout.ALL_CHANNELS));
        item.put(GSI2_SK, s(channel.createdAt() + "#" + channel.name()));
        item.put("id", s(channel.id()));
        item.put("name", s(channel.name()));
        item.put("displayName", s(channel.displayName()));
        item.put("description", s(channel.description()));
        item.put("owner", s(channel.owner()));
        item.put("createdAt", s(channel.createdAt().toString()));
        putAvatars(item, channel.avatars());
        if (channel.numericId() > 0) {
            item.put(DynamoVideoCatalog.NUMBER, n(channel.numericId()));
        }
        return item;
    }

    private static Channel channel(Map<String, AttributeValue> item) {
        return new Channel(str(item, "id"), str(item, "name"), str(item, "displayName"), str(item, "description"),
                str(item, "owner"), Instant.parse(str(item, "createdAt")), avatars(item),
                num(item, DynamoVideoCatalog.NUMBER));
    }

    /** The avatar's sizes as one JSON attribute: they are always read and written together. */
    private static void putAvatars(Map<String, AttributeValue> item, List<ActorImage> avatars) {
        if (!avatars.isEmpty()) {
            item.put("avatars", s(Json.write(avatars)));
        }
    }

    private static List<ActorImage> avatars(Map<String, AttributeValue> item) {
        String json = str(item, "avatars");
        if (json == null) {
            return List.of();
        }
        try {
            return Json.MAPPER.readValue(json, AVATARS);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable avatars in " + str(item, "PK"), e);
        }
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<List<ActorImage>> AVATARS =
            new com.fasterxml.jackson.core.type.TypeReference<>() { };
}
