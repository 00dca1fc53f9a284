package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;
import static org.nuage.aws.dynamodb.Items.n;
import static org.nuage.aws.dynamodb.Items.num;
import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.aws.dynamodb.Items.str;
import static org.nuage.core.stack.StackDefinition.PK;
import static org.nuage.core.stack.StackDefinition.SK;
import static org.nuage.core.stack.StackDefinition.TTL;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.stack.TableLayout;
import org.nuage.core.video.Trending;
import org.nuage.core.video.VideoReactions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link VideoReactions} in the single table: per-actor rates and shares and per-activity views
 * are conditional writes, and only the write that changed something moves the video's counters,
 * with {@code ADD} on one item. The local emulator has no transactions, so the record and its
 * counter are two writes: a worker stopped between them leaves the counter one short, and its
 * retry finds the record already there.
 */
@ApplicationScoped
public class DynamoVideoReactions implements VideoReactions {

    /** As long as the inbox remembers an activity id: a View older than that cannot come back through it. */
    static final Duration VIEW_DEDUPE = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoVideoReactions(DynamoDbClient dynamo, StackConfig stack, Clock clock) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
        this.clock = clock;
    }

    @Override
    public boolean rate(String videoUuid, String actor, Rate rate, String activityId) {
        Map<String, AttributeValue> item = new HashMap<>(rateKey(videoUuid, actor));
        item.put("rate", s(rate.name()));
        item.put("activity", s(activityId));
        if (Items.putIfAbsent(dynamo, table, item)) {
            add(videoUuid, Map.of(counter(rate), 1L));
            return true;
        }
        Rate other = rate == Rate.LIKE ? Rate.DISLIKE : Rate.LIKE;
        try {
            // PeerTube keeps one rate per actor: a dislike after a like replaces it.
            dynamo.updateItem(u -> u.tableName(table).key(rateKey(videoUuid, actor))
                    .updateExpression("SET #rate = :new, #activity = :activity").conditionExpression("#rate = :old")
                    .expressionAttributeNames(Map.of("#rate", "rate", "#activity", "activity"))
                    .expressionAttributeValues(Map.of(":new", s(rate.name()), ":old", s(other.name()),
                            ":activity", s(activityId))));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        add(videoUuid, Map.of(counter(rate), 1L, counter(other), -1L));
        return true;
    }

    @Override
    public Optional<ActorRate> rateOf(String videoUuid, String actor) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(rateKey(videoUuid, actor))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        // Rates recorded before activity ids were kept have none: an Undo then names PeerTube's id.
        return Optional.of(new ActorRate(Rate.valueOf(str(item, "rate")), Items.optionalStr(item, "activity").orElse("")));
    }

    @Override
    public boolean unrate(String videoUuid, String actor, Rate rate) {
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(rateKey(videoUuid, actor)).conditionExpression("#rate = :rate")
                    .expressionAttributeNames(Map.of("#rate", "rate"))
                    .expressionAttributeValues(Map.of(":rate", s(rate.name()))));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        add(videoUuid, Map.of(counter(rate), -1L));
        return true;
    }

    @Override
    public boolean view(String videoUuid, String viewId) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.viewPk(viewId), TableLayout.VIEW_SK));
        item.put("video", s(videoUuid));
        item.put(TTL, n(clock.instant().plus(VIEW_DEDUPE).getEpochSecond()));
        if (!Items.putIfAbsent(dynamo, table, item)) {
            return false;
        }
        add(videoUuid, Map.of("views", 1L));
        countForTheDay(videoUuid);
        return true;
    }

    /**
     * Adds the view to its video's count of the day, which trending reads; a day's counts are
     * kept while trending can look at them, then expire.
     */
    private void countForTheDay(String videoUuid) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        long expires = today.plusDays(Trending.DAYS + 1L).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        dynamo.updateItem(u -> u.tableName(table)
                .key(key(TableLayout.DAILY_VIEWS_PK, TableLayout.dailyViewsSk(today, videoUuid)))
                .updateExpression("SET #video = :video, #ttl = :ttl ADD #views :one")
                .expressionAttributeNames(Map.of("#video", "video", "#ttl", TTL, "#views", "views"))
                .expressionAttributeValues(Map.of(":video", s(videoUuid), ":ttl", n(expires), ":one", n(1))));
    }

    @Override
    public Map<String, Long> viewsSince(LocalDate firstDay) {
        Map<String, Long> views = new HashMap<>();
        // Days sort as text; the days before firstDay are past the window (and expiring).
        dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression("#pk = :views AND #sk >= :first")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(":views", s(TableLayout.DAILY_VIEWS_PK),
                                ":first", s(TableLayout.dailyViewsSk(firstDay, "")))))
                .items().forEach(item -> views.merge(str(item, "video"), num(item, "views"), Long::sum));
        return views;
    }

    @Override
    public boolean share(String videoUuid, Share share) {
        Map<String, AttributeValue> item = new HashMap<>(shareKey(videoUuid, share.actor()));
        item.put("actor", s(share.actor()));
        item.put("announceId", s(share.announceId()));
        item.put("at", s(share.at().toString()));
        if (!Items.putIfAbsent(dynamo, table, item)) {
            return false;
        }
        add(videoUuid, Map.of("shares", 1L));
        return true;
    }

    @Override
    public boolean unshare(String videoUuid, String actor) {
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(shareKey(videoUuid, actor))
                    .conditionExpression("attribute_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK)));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        add(videoUuid, Map.of("shares", -1L));
        return true;
    }

    @Override
    public List<Share> shares(String videoUuid) {
        return dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :shares)")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(":pk", s(TableLayout.videoPk(videoUuid)),
                                ":shares", s(TableLayout.SHARE_SK_PREFIX))))
                .items().stream().map(item -> new Share(str(item, "actor"), str(item, "announceId"),
                        Instant.parse(str(item, "at")))).toList();
    }

    @Override
    public Counters counters(String videoUuid) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(key(TableLayout.videoPk(videoUuid), TableLayout.COUNTERS_SK))).item();
        if (item == null || item.isEmpty()) {
            return Counters.NONE;
        }
        return counters(item);
    }

    @Override
    public Map<String, Counters> counters(Collection<String> videoUuids) {
        Map<String, Counters> all = new HashMap<>();
        videoUuids.forEach(uuid -> all.put(uuid, Counters.NONE));
        for (Map<String, AttributeValue> item : Items.batchGet(dynamo, table,
                videoUuids.stream().map(uuid -> key(TableLayout.videoPk(uuid), TableLayout.COUNTERS_SK)).toList(), false)) {
            all.put(TableLayout.uuidOfVideoPk(str(item, PK)), counters(item));
        }
        return all;
    }

    private static Counters counters(Map<String, AttributeValue> item) {
        return new Counters(num(item, "likes"), num(item, "dislikes"), num(item, "views"), num(item, "shares"));
    }

    /** One atomic update of the video's counters: {@code ADD} never loses a concurrent increment. */
    private void add(String videoUuid, Map<String, Long> deltas) {
        StringBuilder expression = new StringBuilder("ADD ");
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, Long> delta : deltas.entrySet()) {
            expression.append(i == 0 ? "" : ", ").append("#c").append(i).append(" :d").append(i);
            names.put("#c" + i, delta.getKey());
            values.put(":d" + i, n(delta.getValue()));
            i++;
        }
        dynamo.updateItem(u -> u.tableName(table).key(key(TableLayout.videoPk(videoUuid), TableLayout.COUNTERS_SK))
                .updateExpression(expression.toString()).expressionAttributeNames(names).expressionAttributeValues(values));
    }

    private static String counter(Rate rate) {
        return rate == Rate.LIKE ? "likes" : "dislikes";
    }

    private static Map<String, AttributeValue> rateKey(String videoUuid, String actor) {
        return key(TableLayout.videoPk(videoUuid), TableLayout.RATE_SK_PREFIX + actor);
    }

    private static Map<String, AttributeValue> shareKey(String videoUuid, String actor) {
        return key(TableLayout.videoPk(videoUuid), TableLayout.SHARE_SK_PREFIX + actor);
    }
}
