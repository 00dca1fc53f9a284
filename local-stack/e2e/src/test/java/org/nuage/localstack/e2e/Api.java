package org.nuage.localstack.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Map;
import org.nuage.localstack.runner.LocalNuage;

/** The REST client of the shared instance, for tests that talk to it alone (see {@link Client}). */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
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

    /** Uploads a 2-second clip for {@code user} and waits until it is published; returns its uuid. */
    static String publishClip(String[] user, java.nio.file.Path tmp) throws Exception {
        return client.publish(user, Media.clip(tmp, 2), "Waves", java.util.List.of("sea")).path("uuid").asText();
    }
}
