package org.nuage.localstack.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What one invocation returned: the function's response bytes, or the error document Lambda would hand the caller.
 *
 * @param requestId the Lambda request id the runtime saw
 * @param instance  the number of the instance that ran it, 0 when none did (e.g. the function could not start)
 * @param payload   the response bytes, or on failure the error JSON ({@code errorType}, {@code errorMessage}, ...)
 * @param failed    true when Lambda would report a function error (X-Amz-Function-Error: Unhandled)
 * @param duration  from hand-over to the runtime until the answer, zero when it never reached a runtime
 */
public record InvocationResult(String requestId, int instance, byte[] payload, boolean failed, Duration duration) {

    static InvocationResult success(String requestId, int instance, byte[] payload, Duration duration) {
        return new InvocationResult(requestId, instance, payload, false, duration);
    }

    static InvocationResult failure(String requestId, int instance, byte[] errorJson, Duration duration) {
        return new InvocationResult(requestId, instance, errorJson, true, duration);
    }

    static InvocationResult failure(String requestId, int instance, String errorType, String errorMessage,
            Duration duration) {
        var error = Json.MAPPER.createObjectNode().put("errorType", errorType).put("errorMessage", errorMessage);
        return failure(requestId, instance, Json.bytes(error), duration);
    }

    /** The error's type, e.g. {@code Sandbox.Timedout}, or null on success or when the runtime gave none. */
    public String errorType() {
        return failed ? errorField("errorType") : null;
    }

    /** The error's message, or null on success. */
    public String errorMessage() {
        return failed ? errorField("errorMessage") : null;
    }

    /** The payload as UTF-8 text. */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    private String errorField(String field) {
        JsonNode error = Json.parseOrNull(payload);
        return error != null && error.hasNonNull(field) ? error.get(field).asText() : null;
    }
}
