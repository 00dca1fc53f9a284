package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.nuage.localstack.runner.LocalNuage;
import org.nuage.localstack.runner.LoopbackPeer;

/** The REST client of the shared instance, for tests that talk to it alone (see {@link Client}). */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalNuage nuage;
    private static Client client;

    private Api() {
    }

    static synchronized void use(LocalNuage instance) throws Exception {
        if (nuage != instance) {
            nuage = instance;
            client = new Client(instance.url());
        }
    }

    static HttpResponse<String> send(String method, String path, String token, String contentType, String body)
            throws Exception {
        return client.send(method, path, token, contentType, body);
    }

    static HttpResponse<String> json(String method, String path, String token, Object body) throws Exception {
        return client.json(method, path, token, body);
    }

    static HttpResponse<String> tokenRequest(Map<String, String> form) throws Exception {
        return client.tokenRequest(form);
    }

    /** Registers a fresh user and returns {username, access token, refresh token}. */
    static String[] newUser() throws Exception {
        return client.newUser();
    }

    /** GETs {@code path} of the shared instance's API, expecting 200, and reads the JSON. */
    static JsonNode getJson(String path, String token) throws Exception {
        HttpResponse<String> response = send("GET", path, token, null, null);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** GETs {@code url} as ActivityStreams JSON, expecting {@code status}; the JSON when 200, else null. */
    static JsonNode activityJson(String url, int status) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/activity+json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), url + ": " + response.body());
        return status == 200 ? JSON.readTree(response.body()) : null;
    }

    /** POSTs {@code body} to the shared instance's shared inbox, signed by {@code peer}'s actor {@code actor}. */
    static HttpResponse<String> postToInbox(LoopbackPeer peer, String actor, String body) throws Exception {
        URI inbox = URI.create(nuage.url().toString().replaceAll("/+$", "") + "/inbox");
        HttpRequest.Builder request = HttpRequest.newBuilder(inbox).POST(HttpRequest.BodyPublishers.ofString(body));
        peer.signPost(actor, inbox, body.getBytes(StandardCharsets.UTF_8)).forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads a 2-second clip for {@code user} and waits until it is published; returns its uuid. */
    static String publishClip(String[] user, java.nio.file.Path tmp) throws Exception {
        return client.publish(user, Media.clip(tmp, 2), "Waves", java.util.List.of("sea")).path("uuid").asText();
    }
}
