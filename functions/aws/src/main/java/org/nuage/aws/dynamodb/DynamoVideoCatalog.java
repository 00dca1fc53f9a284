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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.json.Json;
import org.nuage.core.stack.TableLayout;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link VideoCatalog} in the single table; metadata is kept as one JSON attribute. */
@ApplicationScoped
public class DynamoVideoCatalog implements VideoCatalog {

    /** PeerTube's number of the video; {@link org.nuage.core.id.NumericIds} gives it. */
    static final String NUMBER = "numId";

    private final DynamoDbClient dynamo;
    private final String table;

    /**
     * Items per page of the public list. Unbounded, a page is 1 MB, about all of a thousand
     * videos, when a home page shows a dozen: the store would read and send them all.
     */
    static final int PUBLIC_PAGE_ITEMS = 50;

    public DynamoVideoCatalog(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public void save(Video video) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.videoPk(video.uuid()), TableLayout.VIDEO_SK));
        item.put(GSI1_PK, s(TableLayout.ownerGsi1(video.owner())));
        item.put(GSI1_SK, s("VIDEO#" + video.createdAt() + "#" + video.uuid()));
        if (video.state() == Video.State.PUBLISHED && video.metadata().privacy() == Video.Privacy.PUBLIC) {
            // Only listed videos are in the index: the home page reads it without filtering the rest out.
            item.put(GSI2_PK, s(TableLayout.PUBLIC_VIDEOS));
            item.put(GSI2_SK, s(video.createdAt() + "#" + video.uuid()));
        }
        item.put("uuid", s(video.uuid()));
        item.put("owner", s(video.owner()));
        item.put("channel", s(video.channel()));
        item.put("metadata", s(Json.write(video.metadata())));
        item.put("state", s(video.state().name()));
        video.failureReason().ifPresent(r -> item.put("failureReason", s(r)));
        video.multipartUploadId().ifPresent(id -> item.put("multipartUploadId", s(id)));
        item.put("declaredSizeBytes", n(video.declaredSizeBytes()));
        item.put("createdAt", s(video.createdAt().toString()));
        if (video.numericId() > 0) {
            item.put(NUMBER, n(video.numericId()));
        }
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    @Override
    public Optional<Video> find(String uuid) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(TableLayout.videoPk(uuid), TableLayout.VIDEO_SK))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(video(item));
    }

    @Override
    public List<Video> findAll(Collection<String> uuids) {
        return Items.batchGet(dynamo, table, uuids.stream().map(uuid -> key(TableLayout.videoPk(uuid), TableLayout.VIDEO_SK)).toList(),
                true).stream().map(DynamoVideoCatalog::video).toList();
    }

    @Override
    public List<Video> videosOf(String owner, int start, int count) {
        return dynamo.queryPaginator(q -> q.tableName(table).indexName(GSI1).scanIndexForward(false)
                        .keyConditionExpression("#pk = :owner AND begins_with(#sk, :videos)")
                        .expressionAttributeNames(Map.of("#pk", GSI1_PK, "#sk", GSI1_SK))
                        .expressionAttributeValues(Map.of(":owner", s(TableLayout.ownerGsi1(owner)),
                                ":videos", s("VIDEO#"))))
                .items().stream().skip(start).limit(count).map(DynamoVideoCatalog::video).toList();
    }

    @Override
    public Stream<Video> publicVideos() {
        return dynamo.queryPaginator(q -> q.tableName(table).indexName(GSI2).scanIndexForward(false)
                        .limit(PUBLIC_PAGE_ITEMS)
                        .keyConditionExpression("#pk = :videos")
                        .expressionAttributeNames(Map.of("#pk", GSI2_PK))
                        .expressionAttributeValues(Map.of(":videos", s(TableLayout.PUBLIC_VIDEOS))))
                .items().stream().map(DynamoVideoCatalog::video);
    }

    @Override
    public void recordNumber(String uuid, long numericId) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(TableLayout.videoPk(uuid), TableLayout.VIDEO_SK))
                    .updateExpression("SET #n = :n").conditionExpression("attribute_exists(PK) AND attribute_not_exists(#n)")
                    .expressionAttributeNames(Map.of("#n", NUMBER)).expressionAttributeValues(Map.of(":n", n(numericId))));
        } catch (ConditionalCheckFailedException e) {
            // Numbered already (the same number: it comes from the number's own item), or deleted.
        }
    }

    @Override
    public void delete(String uuid) {
        dynamo.deleteItem(d -> d.tableName(table).key(key(TableLayout.videoPk(uuid), TableLayout.VIDEO_SK)));
    }

    private static Video video(Map<String, AttributeValue> item) {
        return new Video(str(item, "uuid"), str(item, "owner"), str(item, "channel"),
                Json.read(str(item, "metadata"), Video.VideoMetadata.class), Video.State.valueOf(str(item, "state")),
                Items.optionalStr(item, "failureReason"), num(item, "declaredSizeBytes"),
                Items.optionalStr(item, "multipartUploadId"), Instant.parse(str(item, "createdAt")), num(item, NUMBER));
    }

    @Override
    public boolean reserveQuota(String username, long bytes, long quotaBytes) {
        if (quotaBytes >= 0 && bytes > quotaBytes) {
            return false;
        }
        try {
            dynamo.updateItem(u -> {
                u.tableName(table).key(key(TableLayout.accountPk(username), TableLayout.QUOTA_SK))
                        .updateExpression("ADD usedBytes :bytes");
                if (quotaBytes < 0) {
                    u.expressionAttributeValues(Map.of(":bytes", n(bytes)));
                } else {
                    u.conditionExpression("attribute_not_exists(usedBytes) OR usedBytes <= :limit")
                            .expressionAttributeValues(Map.of(":bytes", n(bytes), ":limit", n(quotaBytes - bytes)));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void releaseQuota(String username, long bytes) {
        dynamo.updateItem(u -> u.tableName(table).key(key(TableLayout.accountPk(username), TableLayout.QUOTA_SK))
                .updateExpression("ADD usedBytes :minus").expressionAttributeValues(Map.of(":minus", n(-bytes))));
    }

    @Override
    public long usedBytes(String username) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(TableLayout.accountPk(username), TableLayout.QUOTA_SK))).item();
        return item == null ? 0 : num(item, "usedBytes");
    }
}
