package org.nuage.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nuage.core.media.UploadProbeService;
import org.nuage.core.stack.HttpRoutes;
import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.StackDefinition.QueueSpec;
import org.nuage.core.transcode.TranscodeService;
import org.nuage.core.video.ResumableUpload;
import org.nuage.core.video.Video;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The functions, their triggers, their permissions and the HTTP API, in both cold-start variants. */
class NuageFunctionsTest {

    private static final StackDefinition DEFINITION = SynthesizedStacks.DEFINITION;
    private static final String PREFIX = DEFINITION.table().name();

    // --- sizes, runtimes, the layer ---

    @Test
    void everyFunctionHasItsOwnMemoryTimeoutAndTemporaryStorageInBothVariants() {
        for (Template template : List.of(SynthesizedStacks.snapStart(), SynthesizedStacks.customRuntime())) {
            for (NuageFunction function : NuageFunction.values()) {
                template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                        "FunctionName", PREFIX + "-" + function.id(),
                        "Handler", NuageFunctions.QUARKUS_HANDLER,
                        "MemorySize", function.memoryMb(),
                        "Timeout", function.timeoutSeconds(),
                        "EphemeralStorage", Map.of("Size", function.ephemeralStorageMb())));
            }
        }
    }

    @Test
    void theTranscoderGetsLambdasLongestTimeoutAndTenGigabytesOfTemporaryStorage() {
        Map<String, Object> transcoder = function(SynthesizedStacks.snapStart(), NuageFunction.TRANSCODER);
        assertEquals(900, transcoder.get("Timeout"));
        assertEquals(Map.of("Size", 10_240), transcoder.get("EphemeralStorage"));
        assertEquals(DEFINITION.table().name() + "-transcoder", transcoder.get("FunctionName"));
    }

    @Test
    void onlyTheTranscoderHasTheFfmpegLayer() {
        for (Template template : List.of(SynthesizedStacks.snapStart(), SynthesizedStacks.customRuntime())) {
            String layer = onlyLogicalId(template, "AWS::Lambda::LayerVersion", Map.of());
            template.hasResourceProperties("AWS::Lambda::LayerVersion", Map.of(
                    "CompatibleArchitectures", List.of("x86_64"),
                    "CompatibleRuntimes", List.of("java21", "provided.al2023")));
            for (NuageFunction function : NuageFunction.values()) {
                Object layers = function(template, function).get("Layers");
                if (function == NuageFunction.TRANSCODER) {
                    assertEquals(List.of(Map.of("Ref", layer)), layers);
                } else {
                    assertEquals(null, layers, function.id() + " has no layer");
                }
            }
        }
    }

    @Test
    void byDefaultTheJavaFunctionsRunOnTheManagedRuntimeWithSnapStartOnGraviton() {
        Template template = SynthesizedStacks.snapStart();
        for (NuageFunction function : List.of(NuageFunction.API, NuageFunction.INBOX, NuageFunction.DELIVERY)) {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "FunctionName", PREFIX + "-" + function.id(),
                    "Runtime", "java21",
                    "Architectures", List.of("arm64"),
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
                            "JAVA_TOOL_OPTIONS", NuageFunctions.managedJvmOptions(function))))));
        }
        // SnapStart refuses functions with more than 512 MB of /tmp; the layer is x86-64.
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "FunctionName", PREFIX + "-transcoder",
                "Runtime", "java21",
                "Architectures", List.of("x86_64"),
                "SnapStart", Match.absent()));
    }

    @Test
    void deliveryAloneCompilesWithC2ForItsRsaSignatures() {
        Template template = SynthesizedStacks.snapStart();
        for (NuageFunction function : NuageFunction.values()) {
            String options = (String) variables(function(template, function)).get("JAVA_TOOL_OPTIONS");
            assertEquals(function != NuageFunction.DELIVERY, options.contains("TieredStopAtLevel=1"), function.id());
        }
    }

    @Test
    void theCustomRuntimeVariantRunsEveryFunctionOnProvidedAl2023WithoutSnapStart() {
        Template template = SynthesizedStacks.customRuntime();
        for (NuageFunction function : NuageFunction.values()) {
            Map<String, Object> properties = function(template, function);
            assertEquals("provided.al2023", properties.get("Runtime"), function.id());
            assertEquals(List.of("x86_64"), properties.get("Architectures"), function.id());
            assertEquals(null, properties.get("SnapStart"), function.id());
            assertFalse(variables(properties).containsKey("JAVA_TOOL_OPTIONS"),
                    "the bootstrap sets the JVM's flags, not the managed runtime's variable");
        }
    }

    @Test
    void theCustomRuntimeLeavesTheAotCacheToTheBootstrapsDefault() {
        // NUAGE_AOT_MODE=on makes a JVM that cannot use the zip's cache refuse to start: right for
        // CustomRuntimeIT, fatal on Lambda if it unpacked the jars with other times than the zip's.
        Template template = SynthesizedStacks.customRuntime();
        for (NuageFunction function : NuageFunction.values()) {
            assertFalse(variables(function(template, function)).containsKey("NUAGE_AOT_MODE"), function.id());
        }
    }

    @Test
    void aFunctionsCodeIsItsVariantsZip() {
        // Different stand-in zips per variant, so each template must have hashed its own.
        Set<Object> snapStartCode = new HashSet<>();
        Set<Object> customCode = new HashSet<>();
        for (NuageFunction function : NuageFunction.values()) {
            snapStartCode.add(function(SynthesizedStacks.snapStart(), function).get("Code"));
            customCode.add(function(SynthesizedStacks.customRuntime(), function).get("Code"));
        }
        assertEquals(4, snapStartCode.size());
        assertEquals(4, customCode.size());
        snapStartCode.retainAll(customCode);
        assertTrue(snapStartCode.isEmpty(), "the variants deploy different zips");
        assertEquals("function.zip", Deployment.zipName(ColdStart.SNAPSTART));
        assertEquals(java.nio.file.Path.of("repo/functions/transcoder/target/function-al2023.zip"),
                Deployment.fromRepository(java.nio.file.Path.of("repo"), ColdStart.CUSTOM_RUNTIME)
                        .code(NuageFunction.TRANSCODER));
        assertEquals(java.nio.file.Path.of("repo/ffmpeg-layer/target/ffmpeg-layer.zip"),
                Deployment.fromRepository(java.nio.file.Path.of("repo"), ColdStart.SNAPSTART).ffmpegLayer());
    }

    @Test
    void everythingInvokesAFunctionThroughItsLiveAliasOnItsCurrentVersion() {
        Template template = SynthesizedStacks.snapStart();
        for (NuageFunction function : NuageFunction.values()) {
            String functionId = functionLogicalId(template, function);
            String version = onlyLogicalId(template, "AWS::Lambda::Version", Map.of("FunctionName", Map.of("Ref", functionId)));
            template.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                    "FunctionName", Map.of("Ref", functionId),
                    "FunctionVersion", Map.of("Fn::GetAtt", List.of(version, "Version")),
                    "Name", NuageFunctions.ALIAS));
        }
    }

    @Test
    void logsAreKeptAMonth() {
        for (NuageFunction function : NuageFunction.values()) {
            SynthesizedStacks.snapStart().hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                    "LogGroupName", "/aws/lambda/" + PREFIX + "-" + function.id(),
                    "RetentionInDays", 30));
        }
    }

    @Test
    void snapStartFunctionsAreWokenDailyWithAnEventTheyAnswerWithoutWriting() throws Exception {
        Template template = SynthesizedStacks.snapStart();
        List<NuageFunction> snapStarted = List.of(NuageFunction.API, NuageFunction.INBOX, NuageFunction.DELIVERY);
        template.resourceCountIs("AWS::Events::Rule", snapStarted.size());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (NuageFunction function : snapStarted) {
            String alias = onlyLogicalId(template, "AWS::Lambda::Alias",
                    Map.of("FunctionName", Map.of("Ref", functionLogicalId(template, function))));
            Map<String, Object> rule = properties(template.findResources("AWS::Events::Rule", Map.of("Properties",
                    Match.objectLike(Map.of("Name", PREFIX + "-wake-" + function.id())))).values().iterator().next());
            assertEquals("rate(1 day)", rule.get("ScheduleExpression"));
            Map<?, ?> target = (Map<?, ?>) ((List<?>) rule.get("Targets")).getFirst();
            assertEquals(Map.of("Ref", alias), target.get("Arn"), "the snapshot lives on the alias's version");
            assertEquals(json.valueToTree(SnapshotWakeUps.event(function)), json.readTree((String) target.get("Input")));
            template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                    "FunctionName", Map.of("Ref", alias),
                    "Principal", "events.amazonaws.com"));
        }
        assertEquals("GET", ((Map<?, ?>) ((Map<?, ?>) SnapshotWakeUps.event(NuageFunction.INBOX).get("requestContext"))
                .get("http")).get("method"), "the inbox refuses anything but POST before it looks at storage");
        SynthesizedStacks.customRuntime().resourceCountIs("AWS::Events::Rule", 0);
    }

    // --- the HTTP API ---

    @Test
    void theHttpApiHasTheRunnersRoutesAndSendsEverythingElseToTheApi() {
        for (Template template : List.of(SynthesizedStacks.snapStart(), SynthesizedStacks.customRuntime())) {
            template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
            template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP"));
            template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("StageName", "$default", "AutoDeploy", true));
            Map<String, String> expected = new HashMap<>();
            for (HttpRoutes.Route route : HttpRoutes.ROUTES) {
                expected.put(route.method() + " " + route.path(), route.function());
            }
            expected.put("$default", HttpRoutes.DEFAULT_FUNCTION);

            Map<String, String> routed = new HashMap<>();
            for (Map<String, Object> route : resources(template, "AWS::ApiGatewayV2::Route").values()) {
                Map<String, Object> properties = properties(route);
                // "integrations/" joined to the integration's Ref
                List<?> joined = (List<?>) ((List<?>) ((Map<?, ?>) properties.get("Target")).get("Fn::Join")).get(1);
                String integration = ref(joined.get(1));
                Map<String, Object> target = properties(resources(template, "AWS::ApiGatewayV2::Integration").get(integration));
                assertEquals("AWS_PROXY", target.get("IntegrationType"));
                assertEquals("2.0", target.get("PayloadFormatVersion"), "the functions read payload format 2.0");
                routed.put((String) properties.get("RouteKey"), functionOfAlias(template, ref(target.get("IntegrationUri"))));
            }
            assertEquals(expected, routed);
        }
    }

    // --- queues ---

    @Test
    void queuesTriggerTheirConsumersAliasWithPartialBatchResponses() {
        for (Template template : List.of(SynthesizedStacks.snapStart(), SynthesizedStacks.customRuntime())) {
            template.resourceCountIs("AWS::Lambda::EventSourceMapping", 3);
            assertTrigger(template, DEFINITION.inbound(), NuageFunction.DELIVERY, 10);
            assertTrigger(template, DEFINITION.outbound(), NuageFunction.DELIVERY, 10);
            assertTrigger(template, DEFINITION.transcode(), NuageFunction.TRANSCODER, 1);
        }
    }

    @Test
    void everyQueueHidesAReceivedMessageLongerThanItsConsumerMayRun() {
        Template template = SynthesizedStacks.snapStart();
        for (Map<String, Object> mapping : resources(template, "AWS::Lambda::EventSourceMapping").values()) {
            Map<String, Object> properties = properties(mapping);
            String queue = (String) ((List<?>) ((Map<?, ?>) properties.get("EventSourceArn")).get("Fn::GetAtt")).get(0);
            int visibility = (Integer) properties(resources(template, "AWS::SQS::Queue").get(queue)).get("VisibilityTimeout");
            String function = functionOfMapping(template, properties);
            int timeout = (Integer) properties(resources(template, "AWS::Lambda::Function").get(function)).get("Timeout");
            assertTrue(visibility > timeout, queue + ": visibility " + visibility + " s, consumer timeout " + timeout + " s");
        }
    }

    @Test
    void aQueueThatWouldHandAMessageOutTwiceIsRefused() {
        StackDefinition tooShort = StackDefinition.withVisibility("nuage-short", 60, 5437, 3);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new NuageStack(new App(),
                "Short", StackProps.builder().build(), tooShort, SynthesizedStacks.snapStartDeployment()));
        assertTrue(refused.getMessage().contains("nuage-short-inbound"), refused.getMessage());
    }

    // --- environment ---

    @Test
    void eachFunctionIsToldWhereItsResourcesAreAndNothingMore() {
        Template template = SynthesizedStacks.snapStart();
        String table = logicalId(template, "AWS::DynamoDB::Table", Map.of("TableName", DEFINITION.table().name()));
        String originals = logicalId(template, "AWS::S3::Bucket", Map.of("BucketName", DEFINITION.originals().name()));
        String media = logicalId(template, "AWS::S3::Bucket", Map.of("BucketName", DEFINITION.media().name()));
        Map<String, Object> publicUrl = Map.of("Fn::GetAtt", List.of(onlyLogicalId(template, "AWS::ApiGatewayV2::Api", Map.of()),
                "ApiEndpoint"));
        Map<String, Object> buckets = Map.of(
                "NUAGE_STACK_ORIGINALS_BUCKET", Map.of("Ref", originals),
                "NUAGE_STACK_MEDIA_BUCKET", Map.of("Ref", media),
                "NUAGE_STACK_MEDIA_PUBLIC_URL", Map.of("Fn::Join", List.of("", List.of("https://",
                        Map.of("Fn::GetAtt", List.of(media, "RegionalDomainName"))))));
        Map<NuageFunction, Map<String, Object>> expected = Map.of(
                NuageFunction.API, with(buckets, Map.of("NUAGE_STACK_OUTBOUND_QUEUE_URL", queueRef(template, DEFINITION.outbound()))),
                NuageFunction.INBOX, Map.of("NUAGE_STACK_INBOUND_QUEUE_URL", queueRef(template, DEFINITION.inbound())),
                NuageFunction.DELIVERY, Map.of("NUAGE_STACK_OUTBOUND_QUEUE_URL", queueRef(template, DEFINITION.outbound()),
                        "NUAGE_STACK_MEDIA_BUCKET", Map.of("Ref", media),
                        "NUAGE_STACK_MEDIA_PUBLIC_URL", buckets.get("NUAGE_STACK_MEDIA_PUBLIC_URL")),
                NuageFunction.TRANSCODER, with(buckets, Map.of(
                        "NUAGE_STACK_TRANSCODE_QUEUE_URL", queueRef(template, DEFINITION.transcode()),
                        "NUAGE_STACK_OUTBOUND_QUEUE_URL", queueRef(template, DEFINITION.outbound()),
                        "NUAGE_TRANSCODE_MAX_ATTEMPTS", Integer.toString(DEFINITION.transcode().maxReceiveCount()))));
        for (NuageFunction function : NuageFunction.values()) {
            Map<String, Object> all = with(expected.get(function), Map.of(
                    "NUAGE_STACK_TABLE_NAME", Map.of("Ref", table),
                    "NUAGE_INSTANCE_PUBLIC_URL", publicUrl,
                    "JAVA_TOOL_OPTIONS", NuageFunctions.managedJvmOptions(function)));
            assertEquals(all, variables(function(template, function)), function.id());
        }
    }

    @Test
    void aGivenPublicUrlAndNameReachEveryFunction() {
        for (NuageFunction function : NuageFunction.values()) {
            Map<String, Object> variables = variables(function(SynthesizedStacks.customRuntime(), function));
            assertEquals(SynthesizedStacks.PUBLIC_URL.toString(), variables.get("NUAGE_INSTANCE_PUBLIC_URL"),
                    "without the trailing slash: every federated id starts with it");
            assertEquals("Test videos", variables.get("NUAGE_INSTANCE_NAME"));
        }
    }

    // --- IAM ---

    @Test
    void theInboxAndDeliveryCannotTouchAnyBucket() {
        for (NuageFunction function : List.of(NuageFunction.INBOX, NuageFunction.DELIVERY)) {
            List<Map<String, Object>> statements = statements(SynthesizedStacks.snapStart(), function);
            assertFalse(statements.isEmpty());
            for (Map<String, Object> statement : statements) {
                for (String action : actions(statement)) {
                    assertFalse(action.startsWith("s3:"), function.id() + " may " + action);
                }
            }
        }
    }

    @Test
    void onlyTheTranscoderReadsTranscodingWorkAndPublishedMedia() {
        Template template = SynthesizedStacks.snapStart();
        String originals = logicalId(template, "AWS::S3::Bucket", Map.of("BucketName", DEFINITION.originals().name()));
        String media = logicalId(template, "AWS::S3::Bucket", Map.of("BucketName", DEFINITION.media().name()));
        assertEquals(Set.of(originals + "/" + ObjectKeys.UPLOADS + "*", originals + "/" + ObjectKeys.RESUMABLE + "*"),
                objectsAllowed(template, NuageFunction.API, "s3:GetObject"),
                "the api reads held resumable chunks and checks that an original exists, nothing else");
        assertEquals(Set.of(originals + "/" + ObjectKeys.UPLOADS + "*", originals + "/" + ObjectKeys.WORK + "*",
                media + "/" + ObjectKeys.VIDEOS + "*"), objectsAllowed(template, NuageFunction.TRANSCODER, "s3:GetObject"));
        assertEquals(Set.of(originals + "/" + ObjectKeys.WORK + "*", media + "/" + ObjectKeys.VIDEOS + "*"),
                objectsAllowed(template, NuageFunction.TRANSCODER, "s3:PutObject"),
                "the transcoder never writes into uploads it was given");
        assertEquals(Set.of(originals + "/" + ObjectKeys.UPLOADS + "*", originals + "/" + ObjectKeys.RESUMABLE + "*"),
                objectsAllowed(template, NuageFunction.API, "s3:PutObject"), "the api never writes published media");
    }

    @Test
    void noFunctionHasAWildcardActionOrResource() {
        for (Template template : List.of(SynthesizedStacks.snapStart(), SynthesizedStacks.customRuntime())) {
            for (NuageFunction function : NuageFunction.values()) {
                for (Map<String, Object> statement : statements(template, function)) {
                    assertFalse(statement.get("Resource").equals("*") || statement.get("Resource") instanceof List<?> list
                            && list.contains("*"), function.id() + ": " + statement);
                    for (String action : actions(statement)) {
                        assertFalse(action.endsWith(":*") || action.equals("*"), function.id() + ": " + action);
                    }
                }
            }
        }
    }

    @Test
    void eachFunctionSendsOnlyToTheQueuesItsCodeSendsTo() {
        Template template = SynthesizedStacks.snapStart();
        Map<NuageFunction, Set<String>> sends = Map.of(
                NuageFunction.API, Set.of(DEFINITION.outbound().name()),
                NuageFunction.INBOX, Set.of(DEFINITION.inbound().name()),
                NuageFunction.DELIVERY, Set.of(DEFINITION.outbound().name()),
                NuageFunction.TRANSCODER, Set.of(DEFINITION.transcode().name(), DEFINITION.outbound().name()));
        Map<NuageFunction, Set<String>> receives = Map.of(
                NuageFunction.API, Set.of(),
                NuageFunction.INBOX, Set.of(),
                NuageFunction.DELIVERY, Set.of(DEFINITION.inbound().name(), DEFINITION.outbound().name()),
                NuageFunction.TRANSCODER, Set.of(DEFINITION.transcode().name()));
        for (NuageFunction function : NuageFunction.values()) {
            assertEquals(sends.get(function), queuesAllowed(template, function, "sqs:SendMessage"), function.id());
            assertEquals(receives.get(function), queuesAllowed(template, function, "sqs:ReceiveMessage"), function.id());
        }
    }

    @Test
    void theGrantsPrefixesAreTheKeysCoreWrites() {
        assertTrue(Video.originalKey("u").startsWith(ObjectKeys.UPLOADS));
        assertEquals(UploadProbeService.UPLOADS_PREFIX, ObjectKeys.UPLOADS);
        assertEquals(DEFINITION.originals().objectCreated().orElseThrow().keyPrefix(), ObjectKeys.UPLOADS);
        assertEquals(ResumableUpload.HELD_PREFIX, ObjectKeys.RESUMABLE);
        assertTrue(TranscodeService.workPrefix("u").startsWith(ObjectKeys.WORK));
    }

    // --- helpers ---

    private static void assertTrigger(Template template, QueueSpec queue, NuageFunction function, int batchSize) {
        String queueId = logicalId(template, "AWS::SQS::Queue", Map.of("QueueName", queue.name()));
        Map<String, Map<String, Object>> found = template.findResources("AWS::Lambda::EventSourceMapping", Map.of(
                "Properties", Match.objectLike(Map.of("EventSourceArn", Map.of("Fn::GetAtt", List.of(queueId, "Arn"))))));
        assertEquals(1, found.size(), queue.name());
        Map<String, Object> properties = properties(found.values().iterator().next());
        assertEquals(List.of("ReportBatchItemFailures"), properties.get("FunctionResponseTypes"));
        assertEquals(batchSize, properties.get("BatchSize"));
        assertEquals(functionLogicalId(template, function), functionOfMapping(template, properties));
        assertTrue(properties.get("FunctionName").toString().contains(":" + NuageFunctions.ALIAS), "through the alias");
    }

    /** The function whose alias an event source mapping names. */
    private static String functionOfMapping(Template template, Map<String, Object> mapping) {
        String alias = mapping.get("FunctionName").toString().replaceAll(".*\\{Ref=([A-Za-z0-9]+)}.*", "$1");
        return ref(properties(resources(template, "AWS::Lambda::Alias").get(alias)).get("FunctionName"));
    }

    private static String functionOfAlias(Template template, String alias) {
        String function = ref(properties(resources(template, "AWS::Lambda::Alias").get(alias)).get("FunctionName"));
        String name = (String) properties(resources(template, "AWS::Lambda::Function").get(function)).get("FunctionName");
        return name.substring(PREFIX.length() + 1);
    }

    private static Map<String, Object> queueRef(Template template, QueueSpec queue) {
        return Map.of("Ref", logicalId(template, "AWS::SQS::Queue", Map.of("QueueName", queue.name())));
    }

    /** Object ARNs ({@code <bucket id>/<pattern>}) on which the function's role allows {@code action}. */
    private static Set<String> objectsAllowed(Template template, NuageFunction function, String action) {
        Set<String> objects = new HashSet<>();
        for (Map<String, Object> statement : statements(template, function)) {
            if (!actions(statement).contains(action)) {
                continue;
            }
            Object resource = statement.get("Resource");
            for (Object one : resource instanceof List<?> list ? list : List.of(resource)) {
                String text = one.toString();
                String bucket = text.replaceAll(".*Fn::GetAtt=\\[([A-Za-z0-9]+), Arn].*", "$1");
                String pattern = text.replaceAll(".*, (/[^\\]]*)]].*", "$1");
                objects.add(bucket + pattern);
            }
        }
        return objects;
    }

    private static Set<String> queuesAllowed(Template template, NuageFunction function, String action) {
        Map<String, Map<String, Object>> queues = resources(template, "AWS::SQS::Queue");
        Set<String> names = new HashSet<>();
        for (Map<String, Object> statement : statements(template, function)) {
            if (actions(statement).contains(action)) {
                String queue = (String) ((List<?>) ((Map<?, ?>) statement.get("Resource")).get("Fn::GetAtt")).get(0);
                names.add((String) properties(queues.get(queue)).get("QueueName"));
            }
        }
        return names;
    }

    /** Every statement of every policy attached to the function's role. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Template template, NuageFunction function) {
        Object roleArn = function(template, function).get("Role");
        String role = (String) ((List<?>) ((Map<?, ?>) roleArn).get("Fn::GetAtt")).get(0);
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map<String, Object> policy : resources(template, "AWS::IAM::Policy").values()) {
            Map<String, Object> properties = properties(policy);
            if (((List<?>) properties.get("Roles")).contains(Map.of("Ref", role))) {
                statements.addAll((List<Map<String, Object>>) ((Map<String, Object>) properties.get("PolicyDocument"))
                        .get("Statement"));
            }
        }
        return statements;
    }

    private static List<String> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof List<?> list ? list.stream().map(Object::toString).toList() : List.of(action.toString());
    }

    private static Map<String, Object> function(Template template, NuageFunction function) {
        return properties(resources(template, "AWS::Lambda::Function").get(functionLogicalId(template, function)));
    }

    private static String functionLogicalId(Template template, NuageFunction function) {
        return logicalId(template, "AWS::Lambda::Function", Map.of("FunctionName", PREFIX + "-" + function.id()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(Map<String, Object> function) {
        return (Map<String, Object>) ((Map<String, Object>) function.get("Environment")).get("Variables");
    }

    private static Map<String, Object> with(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> both = new HashMap<>(a);
        both.putAll(b);
        return both;
    }

    private static String ref(Object value) {
        return (String) ((Map<?, ?>) value).get("Ref");
    }

    private static Map<String, Map<String, Object>> resources(Template template, String type) {
        return template.findResources(type);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    private static String logicalId(Template template, String type, Map<String, Object> properties) {
        Map<String, Map<String, Object>> found = template.findResources(type,
                Map.of("Properties", Match.objectLike(properties)));
        assertEquals(1, found.size(), () -> "one " + type + " with " + properties + ", found " + found.keySet());
        return found.keySet().iterator().next();
    }

    private static String onlyLogicalId(Template template, String type, Map<String, Object> properties) {
        Map<String, Map<String, Object>> found = properties.isEmpty() ? template.findResources(type)
                : template.findResources(type, Map.of("Properties", Match.objectLike(properties)));
        assertEquals(1, found.size(), () -> type + ": " + found.keySet());
        return found.keySet().iterator().next();
    }
}
