package org.nuage.infra;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * Invokes each SnapStart function once a day with a harmless event, so its snapshot stays active.
 *
 * <p>Lambda marks a SnapStart version inactive when nobody invoked it for 14 days and then fails the
 * next invocation with SnapStartNotReadyException while it makes a new snapshot (AWS's "Troubleshooting
 * SnapStart errors"). A quiet instance is exactly that case: its first visitor, or the first
 * server to deliver to its inbox, would get an error. Thirty invocations a month per function are
 * free (docs/cost.md).
 */
public final class SnapshotWakeUps extends Construct {

    /** Well inside the 14 days, and cheap enough to not think about. */
    public static final Duration EVERY = Duration.days(1);

    public SnapshotWakeUps(Construct scope, String id, String prefix, Map<NuageFunction, IFunction> targets) {
        super(scope, id);
        for (Map.Entry<NuageFunction, IFunction> target : targets.entrySet()) {
            NuageFunction function = target.getKey();
            Rule.Builder.create(this, function.id())
                    .ruleName(prefix + "-wake-" + function.id())
                    .description("Keeps the " + function.id() + " function's SnapStart snapshot active")
                    .schedule(Schedule.rate(EVERY))
                    .targets(List.of(LambdaFunction.Builder.create(target.getValue())
                            .event(RuleTargetInput.fromObject(event(function)))
                            .retryAttempts(0)
                            .build()))
                    .build();
        }
    }

    /**
     * An event the function answers without writing anything: the api a GET of its configuration,
     * the inbox a GET (which it refuses with 405), delivery an empty batch.
     */
    public static Map<String, Object> event(NuageFunction function) {
        return switch (function) {
            case API -> httpGet("/api/v1/config");
            case INBOX -> httpGet("/inbox");
            case DELIVERY -> Map.of("Records", List.of());
            case TRANSCODER -> throw new IllegalArgumentException("the transcoder never uses SnapStart");
        };
    }

    /** A GET as API Gateway's HTTP API hands it over (payload format 2.0). */
    private static Map<String, Object> httpGet(String path) {
        return Map.of(
                "version", "2.0",
                "routeKey", "$default",
                "rawPath", path,
                "rawQueryString", "",
                "headers", Map.of("accept", "application/json", "user-agent", "nuage-snapshot-wake-up"),
                "requestContext", Map.of(
                        "http", Map.of("method", "GET", "path", path, "protocol", "HTTP/1.1",
                                "sourceIp", "127.0.0.1", "userAgent", "nuage-snapshot-wake-up"),
                        "routeKey", "$default",
                        "stage", "$default",
                        "requestId", "snapshot-wake-up"),
                "isBase64Encoded", false);
    }
}
