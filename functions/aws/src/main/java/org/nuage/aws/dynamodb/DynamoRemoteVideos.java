package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;
import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.aws.dynamodb.Items.str;
import static org.nuage.core.stack.StackDefinition.GSI1;
import static org.nuage.core.stack.StackDefinition.GSI1_PK;
import static org.nuage.core.stack.StackDefinition.GSI1_SK;
import static org.nuage.core.stack.StackDefinition.GSI2;
import static org.nuage.core.stack.StackDefinition.GSI2_PK;
import static org.nuage.core.stack.StackDefinition.GSI2_SK;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.federation.index.RemoteVideo;
import org.nuage.core.federation.index.RemoteVideos;
import org.nuage.core.json.Json;
import org.nuage.core.stack.TableLayout;
import org.nuage.core.video.Video;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link RemoteVideos} in the single table: one item per video id, public ones listed in GSI2 by date. */
@ApplicationScoped
public class DynamoRemoteVideos implements RemoteVideos {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRemoteVideos(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public void save(RemoteVideo video) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.remoteVideoPk(video.id()), TableLayout.VIDEO_SK));
        if (video.metadata().privacy() == Video.Privacy.PUBLIC) {
            // Unlisted videos are kept (a link may reach them) but never listed.
            item.put(GSI2_PK, s(TableLayout.PUBLIC_REMOTE_VIDEOS));
            item.put(GSI2_SK, s(video.published() + "#" + video.id()));
        }
        item.put(GSI1_PK, s(TableLayout.remoteUuidGsi1(video.uuid())));
        item.put(GSI1_SK, s(video.published() + "#" + video.id()));
        item.put("video", s(Json.write(video)));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    @Override
    public Optional<RemoteVideo> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(TableLayout.remoteVideoPk(id), TableLayout.VIDEO_SK))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(video(item));
    }

    @Override
    public Optional<RemoteVideo> findByUuid(String uuid) {
        return dynamo.query(q -> q.tableName(table).indexName(GSI1).limit(1)
                        .keyConditionExpression("#pk = :uuid")
                        .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                        .expressionAttributeValues(Map.of(":uuid", s(TableLayout.remoteUuidGsi1(uuid)))))
                .items().stream().findFirst().map(DynamoRemoteVideos::video);
    }

    @Override
    public void delete(String id) {
        dynamo.deleteItem(d -> d.tableName(table).key(key(TableLayout.remoteVideoPk(id), TableLayout.VIDEO_SK)));
    }

    @Override
    public Stream<RemoteVideo> publicVideos() {
        // Pages as small as the local list's (DynamoVideoCatalog.PUBLIC_PAGE_ITEMS): the home page shows a dozen.
        return dynamo.queryPaginator(q -> q.tableName(table).indexName(GSI2).scanIndexForward(false)
                        .limit(DynamoVideoCatalog.PUBLIC_PAGE_ITEMS)
                        .keyConditionExpression("#pk = :videos")
                        .expressionAttributeNames(Map.of("#pk", GSI2_PK))
                        .expressionAttributeValues(Map.of(":videos", s(TableLayout.PUBLIC_REMOTE_VIDEOS))))
                .items().stream().map(DynamoRemoteVideos::video);
    }

    private static RemoteVideo video(Map<String, AttributeValue> item) {
        return Json.read(str(item, "video"), RemoteVideo.class);
    }
}
