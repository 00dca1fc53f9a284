package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A REST client of one Nuage instance, as a browser or PeerTube's CLI is: tests that involve two
 * instances hold one each (Api is bound to the shared instance only).
 */
final class Client {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PUBLISH = Duration.ofSeconds(300);

    final URI base;
    private final JsonNode oauthClient;

    Client(URI base) throws Exception {
        this.base = base;
        this.oauthClient = Api.JSON.readTree(send("GET", "/api/v1/oauth-clients/local", null, null, null).body());
    }

    /** This instance's host as other servers name it in handles: host and port. */
    String host() {
        return base.getAuthority();
    }

    HttpResponse<String> send(String method, String path, String token, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> json(String method, String path, String token, Object body) throws Exception {
        return send(method, path, token, "application/json", body == null ? null : Api.JSON.writeValueAsString(body));
    }

    /** GETs a path expecting 200 and returns its JSON; unchecked, so polling lambdas can call it. */
    JsonNode get(String path, String token) {
        try {
            HttpResponse<String> response = send("GET", path, token, null, null);
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            return Api.JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ActivityStreams JSON at {@code url}, fetched as another server would (unsigned). */
    JsonNode activity(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/activity+json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return Api.JSON.readTree(response.body());
    }

    /** {@code POST /api/v1/users/token} as the instance's OAuth client, with {@code form}'s grant. */
    HttpResponse<String> tokenRequest(Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder("client_id=" + enc(oauthClient.path("client_id").asText())
                + "&client_secret=" + enc(oauthClient.path("client_secret").asText()));
        form.forEach((k, v) -> body.append('&').append(k).append('=').append(enc(v)));
        return send("POST", "/api/v1/users/token", null, "application/x-www-form-urlencoded", body.toString());
    }

    /** Registers a fresh user and returns {username, access token, refresh token}. */
    String[] newUser() throws Exception {
        String username = "u" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> registered = json("POST", "/api/v1/users/register", null, Map.of(
                "username", username, "password", "correct horse battery", "email", username + "@example.org"));
        assertEquals(204, registered.statusCode(), registered.body());
        HttpResponse<String> tokens = tokenRequest(Map.of("grant_type", "password", "username", username,
                "password", "correct horse battery"));
        assertEquals(200, tokens.statusCode(), tokens.body());
        JsonNode issued = Api.JSON.readTree(tokens.body());
        return new String[] {username, issued.path("access_token").asText(), issued.path("refresh_token").asText()};
    }

    /**
     * Uploads a clip to the user's default channel with the direct multipart upload, completes it and
     * waits until the video is published; returns the published video's JSON.
     */
    JsonNode publish(String[] user, Path clip, String name) throws Exception {
        return publish(user, clip, name, List.of());
    }

    /** As above, with tags. */
    JsonNode publish(String[] user, Path clip, String name, List<String> tags) throws Exception {
        byte[] bytes = Files.readAllBytes(clip);
        HttpResponse<String> started = json("POST", "/api/v1/videos/uploads", user[1], Map.of("name", name,
                "channel", user[0] + "_channel", "size", bytes.length, "contentType", "video/mp4", "tags", tags));
        assertEquals(200, started.statusCode(), started.body());
        JsonNode ticket = Api.JSON.readTree(started.body());
        String uuid = ticket.path("video").path("uuid").asText();
        int partSize = ticket.path("upload").path("partSize").asInt();
        for (JsonNode part : ticket.path("upload").path("parts")) {
            int from = (part.path("partNumber").asInt() - 1) * partSize;
            byte[] piece = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + partSize));
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(part.path("url").asText()))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(piece)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, put.statusCode(), put.body());
        }
        HttpResponse<String> completed = send("POST", "/api/v1/videos/uploads/" + uuid + "/complete", user[1], null, null);
        assertEquals(200, completed.statusCode(), completed.body());
        return Await.until("video " + uuid + " to be published", PUBLISH, () -> {
            JsonNode video = get("/api/v1/videos/" + uuid, user[1]);
            String state = video.path("state").path("label").asText();
            assertFalse("Transcoding failed".equals(state), "the video failed: " + video);
            return "Published".equals(state) ? Optional.of(video) : Optional.empty();
        });
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
