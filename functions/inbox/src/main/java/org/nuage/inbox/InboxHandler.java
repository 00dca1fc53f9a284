package org.nuage.inbox;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nuage.core.federation.InboxRequest;
import org.nuage.core.federation.InboxResponse;
import org.nuage.core.federation.InboxService;
import org.nuage.core.json.Json;

/**
 * The shared inbox and the per-actor inboxes, read straight from API Gateway's HTTP API event
 * (payload 2.0) and answered as RFC 9457 problem details, as PeerTube answers errors.
 */
@Named("inbox")
public class InboxHandler implements RequestStreamHandler {

    private static final Logger LOG = Logger.getLogger(InboxHandler.class.getName());

    /** The routes infra/ gives this function; names are PeerTube's: accounts and channels. */
    private static final Pattern INBOX_PATH = Pattern.compile("/inbox|/(accounts|video-channels)/[^/]+/inbox");

    private final InboxService inbox;

    public InboxHandler(InboxService inbox) {
        this.inbox = inbox;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        String method = event.path("requestContext").path("http").path("method").asText("");
        String path = event.path("rawPath").asText("");
        InboxResponse answer;
        if (!INBOX_PATH.matcher(path).matches()) {
            answer = InboxResponse.reject(404, "no inbox at " + path);
        } else if (!method.equals("POST")) {
            answer = InboxResponse.reject(405, "an inbox takes POST only");
        } else {
            try {
                answer = inbox.receive(new InboxRequest(method, path, headers(event), body(event)));
            } catch (RuntimeException e) {
                // Storage or queue trouble: the sender retries on 5xx, and nothing was kept.
                LOG.log(Level.SEVERE, "inbox " + path + " failed", e);
                answer = InboxResponse.reject(503, "the activity could not be stored; try again later");
            }
        }
        Json.MAPPER.writeValue(output, response(answer));
    }

    private static Map<String, String> headers(JsonNode event) {
        Map<String, String> headers = new HashMap<>();
        // API Gateway lower-cases names and joins repeated headers with commas, as signatures expect.
        event.path("headers").properties().forEach(e ->
                headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
        return headers;
    }

    private static byte[] body(JsonNode event) {
        String body = event.path("body").asText("");
        return event.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode response(InboxResponse answer) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        String contentType;
        if (answer.isAccepted()) {
            body.put("status", answer.status()).put("detail", answer.message());
            contentType = "application/json";
        } else {
            body.put("type", "about:blank").put("title", title(answer.status())).put("status", answer.status())
                    .put("detail", answer.message());
            contentType = "application/problem+json";
        }
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.put("statusCode", answer.status());
        response.putObject("headers").put("content-type", contentType);
        response.put("body", body.toString());
        response.put("isBase64Encoded", false);
        return response;
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }
}
