package org.nuage.localstack.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads a function's answer the way an HTTP API with payload format 2.0 does, into the HTTP response to send. */
final class LambdaResponseToHttp {

    /** Set by the gateway's HTTP server itself; a function's own value would be wrong or duplicated. */
    private static final Set<String> SERVER_HEADERS = Set.of("content-length", "transfer-encoding", "connection", "date");

    /**
     * The response to send.
     *
     * @param headers lower-case names to values; Set-Cookie may hold several
     */
    record HttpResponse(int status, Map<String, List<String>> headers, byte[] body) {

        static HttpResponse json(int status, String json) {
            var headers = new LinkedHashMap<String, List<String>>();
            headers.put("content-type", List.of("application/json"));
            return new HttpResponse(status, headers, json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private LambdaResponseToHttp() {
    }

    /** The HTTP response for a successful invocation, or null when API Gateway would call it malformed. */
    static HttpResponse convert(byte[] payload) {
        JsonNode answer = Json.parseOrNull(payload);
        if (answer == null) {
            return null;
        }
        if (!answer.isObject() || !answer.has("statusCode")) {
            // Format 2.0 infers a response from any JSON without a statusCode: 200, JSON, the answer as the body.
            byte[] body = answer.isTextual() ? answer.asText().getBytes(StandardCharsets.UTF_8) : payload;
            return new HttpResponse(200, Map.of("content-type", List.of("application/json")), body);
        }
        if (!answer.get("statusCode").canConvertToInt()) {
            return null;
        }
        var headers = new LinkedHashMap<String, List<String>>();
        answer.path("headers").properties().forEach(h -> add(headers, h.getKey(), h.getValue().asText()));
        answer.path("multiValueHeaders").properties()
                .forEach(h -> h.getValue().forEach(v -> add(headers, h.getKey(), v.asText())));
        answer.path("cookies").forEach(cookie -> add(headers, "set-cookie", cookie.asText()));
        String body = answer.path("body").asText("");
        byte[] bytes;
        try {
            bytes = answer.path("isBase64Encoded").asBoolean(false)
                    ? Base64.getDecoder().decode(body)
                    : body.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        return new HttpResponse(answer.get("statusCode").asInt(), headers, bytes);
    }

    private static void add(Map<String, List<String>> headers, String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        if (!SERVER_HEADERS.contains(key)) {
            headers.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
    }
}
