package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;
import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.aws.dynamodb.Items.str;
import static org.nuage.core.stack.StackDefinition.GSI1;
import static org.nuage.core.stack.StackDefinition.GSI1_PK;
import static org.nuage.core.stack.StackDefinition.GSI1_SK;
import static org.nuage.core.stack.StackDefinition.PK;
import static org.nuage.core.stack.StackDefinition.SK;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.comment.Comment;
import org.nuage.core.comment.Comments;
import org.nuage.core.json.Json;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link Comments} in the single table: one item under the comment's ActivityPub id (which makes
 * a redelivered Note a no-op, and is indexed by author in GSI1) and one in its video's partition,
 * sorted by time, for the threads.
 */
@ApplicationScoped
public class DynamoComments implements Comments {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoComments(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public boolean saveIfNew(Comment comment) {
        String json = Json.write(comment);
        Map<String, AttributeValue> byUrl = new HashMap<>(key(TableLayout.commentPk(comment.url()), TableLayout.COMMENT_SK));
        byUrl.put("comment", s(json));
        byUrl.put(GSI1_PK, s(TableLayout.authorGsi1(comment.author())));
        byUrl.put(GSI1_SK, s(comment.url()));
        if (!Items.putIfAbsent(dynamo, table, byUrl)) {
            return false;
        }
        putInVideo(comment, json);
        return true;
    }

    private void putInVideo(Comment comment, String json) {
        Map<String, AttributeValue> inVideo = new HashMap<>(inVideoKey(comment));
        inVideo.put("comment", s(json));
        dynamo.putItem(p -> p.tableName(table).item(inVideo));
    }

    private static Map<String, AttributeValue> inVideoKey(Comment comment) {
        return key(TableLayout.videoPk(comment.videoUuid()),
                TableLayout.COMMENT_SK_PREFIX + comment.published() + "#" + comment.id());
    }

    @Override
    public void update(Comment comment) {
        String json = Json.write(comment);
        // Only a comment that is stored is replaced: an edit never creates one.
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(TableLayout.commentPk(comment.url()), TableLayout.COMMENT_SK))
                    .updateExpression("SET #comment = :comment").conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#comment", "comment", "#pk", PK))
                    .expressionAttributeValues(Map.of(":comment", s(json))));
        } catch (ConditionalCheckFailedException e) {
            return;
        }
        try {
            dynamo.updateItem(u -> u.tableName(table).key(inVideoKey(comment))
                    .updateExpression("SET #comment = :comment").conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#comment", "comment", "#pk", PK))
                    .expressionAttributeValues(Map.of(":comment", s(json))));
        } catch (ConditionalCheckFailedException e) {
            // Already out of its thread (a deleted comment without replies): nothing to show there.
        }
    }

    @Override
    public void removeFromThreads(Comment comment) {
        dynamo.deleteItem(d -> d.tableName(table).key(inVideoKey(comment)));
    }

    @Override
    public List<Comment> byAuthor(String actor) {
        return dynamo.queryPaginator(q -> q.tableName(table).indexName(GSI1)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                        .expressionAttributeValues(Map.of(":pk", s(TableLayout.authorGsi1(actor)))))
                .items().stream().map(item -> Json.read(str(item, "comment"), Comment.class)).toList();
    }

    @Override
    public Optional<Comment> byUrl(String url) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(TableLayout.commentPk(url), TableLayout.COMMENT_SK))).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(Json.read(str(item, "comment"), Comment.class));
    }

    @Override
    public List<Comment> of(String videoUuid) {
        return dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :comments)")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(":pk", s(TableLayout.videoPk(videoUuid)),
                                ":comments", s(TableLayout.COMMENT_SK_PREFIX))))
                .items().stream().map(item -> Json.read(str(item, "comment"), Comment.class)).toList();
    }
}
