package org.nuage.localstack.runner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Turns an HTTP request into the event an API Gateway HTTP API sends with payload format 2.0 on its
 * {@code $default} route and stage.
 */
final class RequestToApiGatewayEvent {

    /** The API id in the event's requestContext; a real one is ten lower-case letters and digits. */
    static final String API_ID = "local";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** Media types whose bodies are passed as text; API Gateway base64-encodes everything else. */
    private static final Pattern TEXT_TYPES = Pattern.compile(
            "text/.*|application/(json|xml|javascript|[^;]*\\+json|[^;]*\\+xml)");

    private RequestToApiGatewayEvent() {
    }

    static ObjectNode convert(HttpExchange exchange, byte[] body, String requestId, Instant now) {
        var uri = exchange.getRequestURI();
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();

        var headers = new LinkedHashMap<String, String>();
        List<String> cookies = List.of();
        for (var entry : exchange.getRequestHeaders().entrySet()) {
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                // Format 2.0 moves cookies out of the headers into their own array.
                cookies = entry.getValue().stream().flatMap(v -> List.of(v.split(";")).stream())
                        .map(String::trim).filter(c -> !c.isEmpty()).toList();
            } else {
                headers.merge(name, String.join(",", entry.getValue()), (a, b) -> a + "," + b);
            }
        }
        // API Gateway tells the function where the request came from, as a proxy does.
        headers.merge("x-forwarded-for", sourceIp, (earlier, ip) -> earlier + ", " + ip);
        headers.put("x-forwarded-port", Integer.toString(exchange.getLocalAddress().getPort()));
        headers.put("x-forwarded-proto", "http");
        headers.putIfAbsent("x-amzn-trace-id", "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-"
                + HexFormat.of().formatHex(random(12)));
        String host = headers.getOrDefault("host", "localhost");
        String domainName = host.replaceFirst(":\\d+$", "");

        var event = Json.MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", uri.getRawPath());
        event.put("rawQueryString", rawQuery);
        if (!cookies.isEmpty()) {
            cookies.forEach(event.putArray("cookies")::add);
        }
        headers.forEach(event.putObject("headers")::put);
        Map<String, String> query = queryParameters(rawQuery);
        if (!query.isEmpty()) {
            query.forEach(event.putObject("queryStringParameters")::put);
        }
        var context = event.putObject("requestContext");
        context.put("accountId", LambdaFunction.ACCOUNT_ID);
        context.put("apiId", API_ID);
        context.put("domainName", domainName);
        context.put("domainPrefix", domainName.split("\\.", 2)[0]);
        var http = context.putObject("http");
        http.put("method", exchange.getRequestMethod());
        http.put("path", uri.getPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", sourceIp);
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", requestId);
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (body.length > 0) {
            String text = isText(headers.get("content-type")) ? utf8OrNull(body) : null;
            event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", text == null);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** Decoded query parameters; a repeated name gets its values joined with commas, as format 2.0 does. */
    static Map<String, String> queryParameters(String rawQuery) {
        var parameters = new LinkedHashMap<String, String>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return TEXT_TYPES.matcher(mediaType).matches();
    }

    static byte[] random(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }

    /** The body as text, or null when it is not valid UTF-8 and must travel as base64 to stay intact. */
    private static String utf8OrNull(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
