package org.nuage.core.stack;

/**
 * The keys of Nuage's single DynamoDB table, one method per item kind, with the access pattern
 * each serves. Adapters build every key here so the layout is read in one place.
 *
 * <pre>
 * item                 PK                      SK          access pattern
 * received activity    ACTIVITY#{activity id}  ACTIVITY    inbox dedupe (conditional put), worker reads body
 * upload probe         UPLOAD#{upload id}      PROBE       transcoder records, API reads progress
 * instance counters    INSTANCE                STATS       NodeInfo usage (ADD counters)
 * </pre>
 *
 * Uniqueness is a conditional put on the key ({@code attribute_not_exists(PK)}), since the local
 * emulator has no transactions; expiring items carry {@link StackDefinition#TTL} and readers
 * ignore expired ones, because DynamoDB deletes them only eventually.
 */
public final class TableLayout {

    public static final String ACTIVITY_SK = "ACTIVITY";
    public static final String PROBE_SK = "PROBE";
    public static final String INSTANCE_PK = "INSTANCE";
    public static final String STATS_SK = "STATS";

    private TableLayout() {
    }

    public static String activityPk(String activityId) {
        return "ACTIVITY#" + activityId;
    }

    public static String uploadPk(String uploadId) {
        return "UPLOAD#" + uploadId;
    }
}
