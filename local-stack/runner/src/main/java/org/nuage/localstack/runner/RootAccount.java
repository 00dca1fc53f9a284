package org.nuage.localstack.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Signs in as the administrator through the public API, the way a person's first sign-in would. */
final class RootAccount {

    private RootAccount() {
    }

    /** Returns the access token; fails when the API refuses. */
    static String signIn(URI base, String password) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            JsonNode client = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(base.resolve("/api/v1/oauth-clients/local"))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()).body());
            String form = "client_id=" + enc(client.path("client_id").asText()) + "&client_secret="
                    + enc(client.path("client_secret").asText()) + "&grant_type=password&username=root&password=" + enc(password);
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/users/token"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (token.statusCode() != 200) {
                throw new IllegalStateException("signing in as root failed: " + token.statusCode() + " " + token.body());
            }
            return Json.MAPPER.readTree(token.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("signing in as root failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
