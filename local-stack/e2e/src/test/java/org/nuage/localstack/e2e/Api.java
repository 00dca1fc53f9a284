package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.nuage.localstack.runner.LocalNuage;

/** Calls the REST API the way a client does: the OAuth client, tokens, JSON bodies. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalNuage nuage;
    private static JsonNode client;

    private Api() {
    }

    static synchronized void use(LocalNuage instance) throws Exception {
        if (nuage != instance) {
            nuage = instance;
            client = JSON.readTree(send("GET", "/api/v1/oauth-clients/local", null, null, null).body());
        }
    }

    static HttpResponse<String> send(String method, String path, String token, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(nuage.url().resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> json(String method, String path, String token, Object body) throws Exception {
        return send(method, path, token, "application/json", body == null ? null : JSON.writeValueAsString(body));
    }

    static HttpResponse<String> tokenRequest(Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder("client_id=" + enc(client.path("client_id").asText())
                + "&client_secret=" + enc(client.path("client_secret").asText()));
        form.forEach((k, v) -> body.append('&').append(k).append('=').append(enc(v)));
        return send("POST", "/api/v1/users/token", null, "application/x-www-form-urlencoded", body.toString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Registers a fresh user and returns {username, access token, refresh token}. */
    static String[] newUser() throws Exception {
        String username = "u" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> registered = json("POST", "/api/v1/users/register", null, Map.of(
                "username", username, "password", "correct horse battery", "email", username + "@example.org"));
        assertEquals(204, registered.statusCode(), registered.body());
        JsonNode tokens = JSON.readTree(tokenRequest(Map.of("grant_type", "password", "username", username,
                "password", "correct horse battery")).body());
        return new String[] {username, tokens.path("access_token").asText(), tokens.path("refresh_token").asText()};
    }

    /** Uploads a 2-second clip for {@code user} and waits until it is published; returns its uuid. */
    static String publishClip(String[] user, java.nio.file.Path tmp) throws Exception {
        byte[] clip = java.nio.file.Files.readAllBytes(Media.clip(tmp, 2));
        JsonNode ticket = JSON.readTree(json("POST", "/api/v1/videos/uploads", user[1], Map.of(
                "name", "Waves", "channel", user[0] + "_channel", "size", clip.length, "tags", java.util.List.of("sea")))
                .body());
        String uuid = ticket.path("video").path("uuid").asText();
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(java.net.URI.create(ticket.path("upload").path("parts").path(0)
                .path("url").asText())).PUT(HttpRequest.BodyPublishers.ofByteArray(clip)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, send("POST", "/api/v1/videos/uploads/" + uuid + "/complete", user[1], null, null).statusCode());
        Await.until("the video to be published", Duration.ofSeconds(180), () -> {
            try {
                JsonNode v = JSON.readTree(send("GET", "/api/v1/videos/" + uuid, user[1], null, null).body());
                return "Published".equals(v.path("state").path("label").asText()) ? java.util.Optional.of(v)
                        : java.util.Optional.empty();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        return uuid;
    }
}
