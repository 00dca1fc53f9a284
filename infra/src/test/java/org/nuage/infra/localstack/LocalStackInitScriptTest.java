package org.nuage.infra.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.StackDefinition.BucketSpec;
import org.nuage.core.stack.StackDefinition.CorsRule;
import org.nuage.core.stack.StackDefinition.IndexSpec;
import org.nuage.core.stack.StackDefinition.QueueSpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class LocalStackInitScriptTest {

    private static final StackDefinition DEFINITION = StackDefinition.standard(LocalStackInitScript.PREFIX);
    private static final String SCRIPT = LocalStackInitScript.render(DEFINITION);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The shell splice the script uses where a queue ARN goes into a single-quoted JSON argument. */
    private static final String ARN_SPLICE = "'\"$arn\"'";

    @Test
    void committedScriptIsWhatTheGeneratorRendersNow() throws IOException {
        Path committed = repositoryRoot().resolve(LocalStackInitScript.COMMITTED_PATH);
        String stale = LocalStackInitScript.COMMITTED_PATH + " differs from what "
                + LocalStackInitScript.class.getSimpleName() + " renders from the StackDefinition;"
                + " regenerate it, from the repository root, with: " + LocalStackInitScript.REGENERATE_COMMAND;
        assertTrue(Files.exists(committed), stale);
        assertEquals(SCRIPT, Files.readString(committed), stale);
        assertTrue(Files.isExecutable(committed), LocalStackInitScript.COMMITTED_PATH
                + " must be executable, or LocalStack skips it: chmod +x it");
    }

    @Test
    void scriptIsValidBash() throws IOException, InterruptedException {
        Path file = Files.createTempFile("nuage-init", ".sh");
        try {
            Files.writeString(file, SCRIPT);
            Process bash = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
            assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
            String output = new String(bash.getInputStream().readAllBytes());
            assertEquals(0, bash.exitValue(), output);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void tableHasTheDefinitionsKeysIndexesAndTtl() throws IOException {
        var table = DEFINITION.table();
        JsonNode keySchema = argument(line("--key-schema"), "--key-schema");
        assertEquals(table.partitionKey(), keySchema.get(0).get("AttributeName").asText());
        assertEquals("HASH", keySchema.get(0).get("KeyType").asText());
        assertEquals(table.sortKey(), keySchema.get(1).get("AttributeName").asText());
        assertEquals("RANGE", keySchema.get(1).get("KeyType").asText());

        JsonNode indexes = argument(line("--global-secondary-indexes"), "--global-secondary-indexes");
        assertEquals(table.indexes().size(), indexes.size());
        for (int i = 0; i < indexes.size(); i++) {
            IndexSpec expected = table.indexes().get(i);
            JsonNode index = indexes.get(i);
            assertEquals(expected.name(), index.get("IndexName").asText());
            assertEquals(expected.partitionKey(), index.get("KeySchema").get(0).get("AttributeName").asText());
            assertEquals(expected.sortKey(), index.get("KeySchema").get(1).get("AttributeName").asText());
            assertEquals("ALL", index.get("Projection").get("ProjectionType").asText());
        }
        JsonNode attributes = argument(line("--attribute-definitions"), "--attribute-definitions");
        for (JsonNode attribute : attributes) {
            assertEquals("S", attribute.get("AttributeType").asText(), attribute.toString());
        }
        assertEquals(2 + 2 * table.indexes().size(), attributes.size());

        JsonNode ttl = argument(line("update-time-to-live"), "--time-to-live-specification");
        assertEquals(table.ttlAttribute(), ttl.get("AttributeName").asText());
        assertTrue(ttl.get("Enabled").asBoolean());
    }

    @Test
    void everyQueueIsCreatedAfterItsDeadLetterQueueAndRedrivesToIt() throws IOException {
        for (QueueSpec queue : DEFINITION.queues()) {
            int deadLetters = SCRIPT.indexOf("create_queue " + queue.deadLetterQueue() + " ");
            int arn = SCRIPT.indexOf("arn=$(queue_arn " + queue.deadLetterQueue() + ")");
            int created = SCRIPT.indexOf("create_queue " + queue.name() + " ");
            assertTrue(deadLetters >= 0 && deadLetters < arn && arn < created, queue.name());

            JsonNode dlqAttributes = JSON.readTree(unquote(words(line("create_queue " + queue.deadLetterQueue() + " ")).get(2)));
            assertEquals(String.valueOf(StackDefinition.DLQ_RETENTION_SECONDS),
                    dlqAttributes.get("MessageRetentionPeriod").asText());

            JsonNode attributes = JSON.readTree(unquote(words(line("create_queue " + queue.name() + " ")).get(2)));
            assertEquals(String.valueOf(queue.visibilityTimeoutSeconds()), attributes.get("VisibilityTimeout").asText());
            assertEquals(String.valueOf(queue.retentionSeconds()), attributes.get("MessageRetentionPeriod").asText());
            JsonNode redrive = JSON.readTree(attributes.get("RedrivePolicy").asText());
            assertEquals("$arn", redrive.get("deadLetterTargetArn").asText());
            assertEquals(String.valueOf(queue.maxReceiveCount()), redrive.get("maxReceiveCount").asText());
        }
    }

    @Test
    void uploadsNotifyTheTranscodeQueueOnceItExists() throws IOException {
        BucketSpec originals = DEFINITION.originals();
        var notification = originals.objectCreated().orElseThrow();
        String put = line("put-bucket-notification-configuration --bucket " + originals.name() + " ");
        assertTrue(SCRIPT.indexOf("create_queue " + notification.queue() + " ") < SCRIPT.indexOf(put));
        int arn = SCRIPT.lastIndexOf("arn=$(queue_arn ", SCRIPT.indexOf(put));
        assertTrue(SCRIPT.startsWith("arn=$(queue_arn " + notification.queue() + ")", arn));

        JsonNode toQueue = argument(put, "--notification-configuration").get("QueueConfigurations").get(0);
        assertEquals("$arn", toQueue.get("QueueArn").asText());
        assertEquals("s3:ObjectCreated:*", toQueue.get("Events").get(0).asText());
        JsonNode rule = toQueue.get("Filter").get("Key").get("FilterRules").get(0);
        assertEquals("prefix", rule.get("Name").asText());
        assertEquals(notification.keyPrefix(), rule.get("Value").asText());
    }

    @Test
    void mediaBucketGetsTheDefinitionsCorsRulesAndAPublicReadPolicy() throws IOException {
        BucketSpec media = DEFINITION.media();
        JsonNode rules = argument(line("put-bucket-cors --bucket " + media.name() + " "), "--cors-configuration")
                .get("CORSRules");
        assertEquals(media.cors().size(), rules.size());
        CorsRule expected = media.cors().getFirst();
        assertEquals(expected.allowedOrigins(), strings(rules.get(0).get("AllowedOrigins")));
        assertEquals(expected.allowedMethods(), strings(rules.get(0).get("AllowedMethods")));
        assertEquals(expected.allowedHeaders(), strings(rules.get(0).get("AllowedHeaders")));
        assertEquals(expected.exposedHeaders(), strings(rules.get(0).get("ExposeHeaders")));
        assertEquals(expected.maxAgeSeconds(), rules.get(0).get("MaxAgeSeconds").asInt());

        JsonNode statement = argument(line("put-bucket-policy --bucket " + media.name() + " "), "--policy")
                .get("Statement").get(0);
        assertEquals("s3:GetObject", statement.get("Action").asText());
        assertEquals("*", statement.get("Principal").get("AWS").asText());
        assertEquals("arn:aws:s3:::" + media.name() + "/*", statement.get("Resource").asText());
    }

    @Test
    void onlyPublicBucketsGetAPolicyAndOnlyBucketsWithRulesGetCors() {
        for (BucketSpec bucket : DEFINITION.buckets()) {
            assertEquals(bucket.publicRead(), SCRIPT.contains("put-bucket-policy --bucket " + bucket.name() + " "));
            assertEquals(!bucket.cors().isEmpty(), SCRIPT.contains("put-bucket-cors --bucket " + bucket.name() + " "));
            assertTrue(SCRIPT.contains("create_bucket " + bucket.name() + "\n"));
        }
    }

    @Test
    void quotingSurvivesSingleQuotesInValues() {
        assertEquals("'it'\\''s'", LocalStackInitScript.quoted("it's"));
    }

    /** The one line of the script that contains {@code fragment}. */
    private static String line(String fragment) {
        List<String> found = SCRIPT.lines().filter(line -> line.contains(fragment)).toList();
        assertEquals(1, found.size(), () -> "lines with " + fragment + ": " + found);
        return found.getFirst();
    }

    /** The JSON argument that follows {@code flag} on {@code line}. */
    private static JsonNode argument(String line, String flag) throws IOException {
        List<String> words = words(line);
        int at = words.indexOf(flag);
        assertTrue(at >= 0 && at + 1 < words.size(), () -> flag + " in " + line);
        return JSON.readTree(unquote(words.get(at + 1)));
    }

    private static final Pattern WORD = Pattern.compile("(?:'[^']*'|\"\\$arn\"|[^\\s'\"])+");

    /** The shell words of a line, good enough for the script's own quoting. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(line.strip());
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    /** Undoes single quotes, leaving {@code $arn} where the script splices the ARN in. */
    private static String unquote(String word) {
        String spliced = word.replace(ARN_SPLICE, "$arn");
        assertTrue(spliced.startsWith("'") && spliced.endsWith("'"), word);
        return spliced.substring(1, spliced.length() - 1);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Path repositoryRoot() {
        // Surefire sets basedir to the infra module.
        Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        return module.getParent();
    }
}
