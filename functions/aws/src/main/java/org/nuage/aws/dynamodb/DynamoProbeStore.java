package org.nuage.aws.dynamodb;

import static org.nuage.aws.dynamodb.Items.s;
import static org.nuage.core.stack.StackDefinition.PK;
import static org.nuage.core.stack.StackDefinition.SK;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.media.ProbeReport;
import org.nuage.core.media.ProbeStore;
import org.nuage.core.stack.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link ProbeStore} in the single table. */
@ApplicationScoped
public class DynamoProbeStore implements ProbeStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoProbeStore(DynamoDbClient dynamo, StackConfig stack) {
        this.dynamo = dynamo;
        this.table = stack.tableName();
    }

    @Override
    public void saveProbe(String uploadId, ProbeReport report) {
        Map<String, AttributeValue> item = new HashMap<>(key(uploadId));
        item.put("status", s(report.status().name()));
        report.reason().ifPresent(r -> item.put("reason", s(r)));
        item.put("durationSeconds", AttributeValue.fromN(Double.toString(report.durationSeconds())));
        item.put("sizeBytes", AttributeValue.fromN(Long.toString(report.sizeBytes())));
        item.put("container", s(report.container()));
        report.videoCodec().ifPresent(c -> item.put("videoCodec", s(c)));
        report.audioCodec().ifPresent(c -> item.put("audioCodec", s(c)));
        item.put("width", AttributeValue.fromN(Integer.toString(report.width())));
        item.put("height", AttributeValue.fromN(Integer.toString(report.height())));
        item.put("fps", AttributeValue.fromN(Double.toString(report.fps())));
        item.put("rotationDegrees", AttributeValue.fromN(Integer.toString(report.rotationDegrees())));
        // A plain put: the report is a pure function of the object, so a rerun writes the same item.
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    @Override
    public Optional<ProbeReport> findProbe(String uploadId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key(uploadId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProbeReport(ProbeReport.Status.valueOf(item.get("status").s()),
                str(item, "reason"), Double.parseDouble(item.get("durationSeconds").n()),
                Long.parseLong(item.get("sizeBytes").n()), item.get("container").s(), str(item, "videoCodec"),
                Integer.parseInt(item.get("width").n()), Integer.parseInt(item.get("height").n()),
                Double.parseDouble(item.get("fps").n()), str(item, "audioCodec"),
                item.containsKey("rotationDegrees") ? Integer.parseInt(item.get("rotationDegrees").n()) : 0));
    }

    private static Optional<String> str(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
    }

    private static Map<String, AttributeValue> key(String uploadId) {
        return Map.of(PK, s(TableLayout.uploadPk(uploadId)), SK, s(TableLayout.PROBE_SK));
    }
}
