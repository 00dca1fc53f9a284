package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nuage.localstack.runner.LocalNuage;

/**
 * Actors and discovery as other servers see them: WebFinger turns {@code @name@host} into an actor
 * URL, the actor URL answers ActivityStreams JSON to servers and a page to browsers, and every
 * actor publishes a stable RSA-2048 key.
 */
class ActorsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ACTIVITY = "application/activity+json";

    static LocalNuage nuage;
    static String host;
    /** The instance's public URL with one trailing slash. */
    static String base;

    @BeforeAll
    static void start() throws Exception {
        nuage = SharedNuage.get();
        Api.use(nuage);
        host = nuage.url().getHost() + ":" + nuage.url().getPort();
        base = nuage.url().toString().replaceAll("/+$", "") + "/";
    }

    private static HttpResponse<String> get(String pathOrUrl, String accept) throws Exception {
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : nuage.url().resolve(pathOrUrl);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode actor(String url, String accept) throws Exception {
        HttpResponse<String> response = get(url, accept);
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith(ACTIVITY),
                response.headers().toString());
        return Api.JSON.readTree(response.body());
    }

    private static JsonNode webfinger(String resource) throws Exception {
        HttpResponse<String> response = get("/.well-known/webfinger?resource="
                + URLEncoder.encode(resource, StandardCharsets.UTF_8), null);
        assertEquals(200, response.statusCode(), resource + ": " + response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/jrd+json"));
        return Api.JSON.readTree(response.body());
    }

    private static String self(JsonNode jrd) {
        for (JsonNode link : jrd.path("links")) {
            if (link.path("rel").asText().equals("self")) {
                assertEquals(ACTIVITY, link.path("type").asText());
                return link.path("href").asText();
            }
        }
        throw new AssertionError("no self link in " + jrd);
    }

    private static RSAPublicKey key(JsonNode actor) throws Exception {
        JsonNode publicKey = actor.path("publicKey");
        assertEquals(actor.path("id").asText() + "#main-key", publicKey.path("id").asText());
        assertEquals(actor.path("id").asText(), publicKey.path("owner").asText());
        String pem = publicKey.path("publicKeyPem").asText();
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"), pem);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    @Test
    void anAccountAndItsChannelAreFoundByWebFingerAndPublishAStableKey() throws Exception {
        String[] user = Api.newUser();
        String accountUrl = self(webfinger("acct:" + user[0] + "@" + host));
        assertEquals(base + "accounts/" + user[0], accountUrl);
        assertEquals("acct:" + user[0] + "@" + host, webfinger("acct:" + user[0] + "@" + host).path("subject").asText());

        // Mastodon asks with this header; PeerTube with the ld+json profile.
        JsonNode person = actor(accountUrl, ACTIVITY + ", application/ld+json");
        assertEquals("Person", person.path("type").asText());
        assertEquals(user[0], person.path("preferredUsername").asText());
        assertEquals(accountUrl + "/inbox", person.path("inbox").asText());
        assertEquals(base + "inbox", person.path("endpoints").path("sharedInbox").asText());
        RSAPublicKey first = key(person);
        assertEquals(2048, first.getModulus().bitLength());
        JsonNode again = actor(accountUrl, "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"");
        assertEquals(first, key(again), "the key is made once and kept");
        assertTrue(!person.toString().contains("PRIVATE"), "no private key ever leaves the table");

        String channelUrl = self(webfinger("acct:" + user[0] + "_channel@" + host));
        JsonNode group = actor(channelUrl, ACTIVITY);
        assertEquals("Group", group.path("type").asText());
        assertEquals(base + "video-channels/" + user[0] + "_channel", channelUrl);
        assertEquals(accountUrl, group.path("attributedTo").path(0).path("id").asText());
        assertTrue(!key(group).equals(first), "each actor has its own key");
    }

    @Test
    void theInstanceActorIsAnApplicationNamedPeertubeAsPeerTubeInstancesExpect() throws Exception {
        String url = self(webfinger("acct:peertube@" + host));
        JsonNode instance = actor(url, ACTIVITY);
        assertEquals("Application", instance.path("type").asText());
        assertEquals("peertube", instance.path("preferredUsername").asText());
        key(instance);
        JsonNode nodeinfo = Api.JSON.readTree(get("/.well-known/nodeinfo", null).body());
        boolean linked = false;
        for (JsonNode link : nodeinfo.path("links")) {
            linked |= link.path("rel").asText().equals("https://www.w3.org/ns/activitystreams#Application")
                    && link.path("href").asText().equals(url);
        }
        assertTrue(linked, nodeinfo.toString());
    }

    @Test
    void browsersGetAPageAndUnknownNamesOrHostsAreNotFound() throws Exception {
        String[] user = Api.newUser();
        HttpResponse<String> page = get("/accounts/" + user[0], "text/html,application/xhtml+xml");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("@" + user[0]), page.body());

        for (String resource : new String[] {"acct:nobody-here@" + host, "acct:" + user[0] + "@elsewhere.example",
                "acct:" + user[0], "https://elsewhere.example/accounts/" + user[0]}) {
            HttpResponse<String> response = get("/.well-known/webfinger?resource="
                    + URLEncoder.encode(resource, StandardCharsets.UTF_8), null);
            assertEquals(404, response.statusCode(), resource + ": " + response.body());
        }
        assertEquals(400, get("/.well-known/webfinger", null).statusCode());
        assertEquals(404, get("/accounts/nobody-here", ACTIVITY).statusCode());
        assertEquals(404, get("/video-channels/nobody-here", ACTIVITY).statusCode());

        HttpResponse<String> hostMeta = get("/.well-known/host-meta", null);
        assertEquals(200, hostMeta.statusCode());
        assertTrue(hostMeta.body().contains(base + ".well-known/webfinger?resource={uri}"), hostMeta.body());
    }
}
