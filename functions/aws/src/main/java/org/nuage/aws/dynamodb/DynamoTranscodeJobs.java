package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.key;
import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.aws.dynamodb.Items.str;
import static org.nuage.core.stack.StackDefinition.PK;
import static org.nuage.core.stack.StackDefinition.SK;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.json.Json;
import org.nuage.core.stack.TableLayout;
import org.nuage.core.transcode.RenditionOutput;
import org.nuage.core.transcode.TranscodeJob;
import org.nuage.core.transcode.TranscodeJobs;
import org.nuage.core.transcode.TranscodePlan;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link TranscodeJobs} in the single table, beside the video's own item: the job's done set is a
 * string set that tasks ADD to, so parallel invocations never overwrite each other's progress.
 */
@ApplicationScoped
public class DynamoTranscodeJobs implements TranscodeJobs {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoTranscodeJobs(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public boolean create(TranscodePlan plan, double sourceSeconds, Instant startedAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.videoPk(plan.videoUuid()), TableLayout.JOB_SK));
        item.put("plan", s(Json.write(plan)));
        item.put("sourceSeconds", AttributeValue.fromN(Double.toString(sourceSeconds)));
        item.put("startedAt", s(startedAt.toString()));
        return Items.putIfAbsent(dynamo, table, item);
    }

    @Override
    public Optional<TranscodeJob> find(String videoUuid) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(key(TableLayout.videoPk(videoUuid), TableLayout.JOB_SK))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(job(item));
    }

    private static TranscodeJob job(Map<String, AttributeValue> item) {
        return new TranscodeJob(Json.read(str(item, "plan"), TranscodePlan.class),
                Double.parseDouble(item.get("sourceSeconds").n()), done(item), Instant.parse(str(item, "startedAt")));
    }

    @Override
    public Map<String, TranscodeJob> findAll(Collection<String> videoUuids) {
        Map<String, TranscodeJob> jobs = new HashMap<>();
        for (Map<String, AttributeValue> item : Items.batchGet(dynamo, table,
                videoUuids.stream().map(uuid -> key(TableLayout.videoPk(uuid), TableLayout.JOB_SK)).toList(), true)) {
            jobs.put(TableLayout.uuidOfVideoPk(str(item, PK)), job(item));
        }
        return jobs;
    }

    @Override
    public Set<String> markDone(String videoUuid, String outcome) {
        var updated = dynamo.updateItem(u -> u.tableName(table)
                .key(key(TableLayout.videoPk(videoUuid), TableLayout.JOB_SK))
                // Only an existing job: a task finishing after its video was deleted must not recreate it.
                .conditionExpression("attribute_exists(#pk)")
                .updateExpression("ADD done :outcome")
                .expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(Map.of(":outcome", AttributeValue.fromSs(List.of(outcome))))
                .returnValues(ReturnValue.ALL_NEW));
        return done(updated.attributes());
    }

    @Override
    public void saveOutput(String videoUuid, RenditionOutput output) {
        Map<String, AttributeValue> item = new HashMap<>(key(TableLayout.videoPk(videoUuid),
                TableLayout.OUTPUT_SK_PREFIX + output.name()));
        item.put("output", s(Json.write(output)));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    @Override
    public List<RenditionOutput> outputs(String videoUuid) {
        return dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :outputs)")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(":pk", s(TableLayout.videoPk(videoUuid)),
                                ":outputs", s(TableLayout.OUTPUT_SK_PREFIX))))
                .items().stream().map(item -> Json.read(str(item, "output"), RenditionOutput.class)).toList();
    }

    @Override
    public void delete(String videoUuid) {
        for (RenditionOutput output : outputs(videoUuid)) {
            dynamo.deleteItem(d -> d.tableName(table)
                    .key(key(TableLayout.videoPk(videoUuid), TableLayout.OUTPUT_SK_PREFIX + output.name())));
        }
        dynamo.deleteItem(d -> d.tableName(table).key(key(TableLayout.videoPk(videoUuid), TableLayout.JOB_SK)));
    }

    private static Set<String> done(Map<String, AttributeValue> item) {
        AttributeValue done = item.get("done");
        return done == null || !done.hasSs() ? Set.of() : Set.copyOf(done.ss());
    }
}
