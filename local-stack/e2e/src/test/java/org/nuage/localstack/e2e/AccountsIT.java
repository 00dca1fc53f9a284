package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nuage.localstack.emulator.AwsClients;
import org.nuage.localstack.runner.LocalNuage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Users, tokens and channels through the packaged api function, in PeerTube's API shapes. */
class AccountsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalNuage nuage;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() throws Exception {
        nuage = SharedNuage.get();
        dynamo = AwsClients.dynamoDb(nuage.endpoints());
        Api.use(nuage);
    }

    @AfterAll
    static void closeClients() {
        dynamo.close();
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        return dynamo.getItem(g -> g.tableName(SharedNuage.STACK.table().name()).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk)))).item();
    }

    @Test
    void aNewUserRegistersSignsInAndSeesTheirAccountAndFirstChannel() throws Exception {
        String[] user = Api.newUser();
        HttpResponse<String> me = Api.send("GET", "/api/v1/users/me", user[1], null, null);
        assertEquals(200, me.statusCode(), me.body());
        JsonNode body = JSON.readTree(me.body());
        assertEquals(user[0], body.path("username").asText());
        assertEquals("User", body.path("role").path("label").asText());
        assertEquals(10_737_418_240L, body.path("videoQuota").asLong());
        assertEquals(user[0] + "_channel", body.path("videoChannels").path(0).path("name").asText());
        assertEquals(nuage.url() + "/accounts/" + user[0], body.path("account").path("url").asText());
    }

    @Test
    void rootIsAnAdministratorFromTheFirstStart() throws Exception {
        HttpResponse<String> token = Api.tokenRequest(Map.of("grant_type", "password", "username", "root",
                "password", SharedNuage.ROOT_PASSWORD));
        assertEquals(200, token.statusCode(), token.body());
        JsonNode me = JSON.readTree(Api.send("GET", "/api/v1/users/me",
                JSON.readTree(token.body()).path("access_token").asText(), null, null).body());
        assertEquals("Administrator", me.path("role").path("label").asText());
        assertEquals(200, Api.send("GET", "/api/v1/accounts/root", null, null, null).statusCode());
    }

    @Test
    void passwordsAndTokensAreStoredOnlyAsHashesAndTokensExpire() throws Exception {
        String[] user = Api.newUser();
        String hash = item("ACCOUNT#" + user[0], "PROFILE").get("passwordHash").s();
        assertTrue(hash.startsWith("$2b$12$"), "bcrypt with cost 12: " + hash);
        assertFalse(hash.contains("correct horse"));

        assertTrue(item("TOKEN#" + user[1], "TOKEN").isEmpty(), "the raw token must not be a key");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(user[1].getBytes(StandardCharsets.UTF_8)));
        Map<String, AttributeValue> stored = item("TOKEN#" + sha, "TOKEN");
        long expires = Long.parseLong(stored.get("expiresAt").n());
        long inADay = Instant.now().plus(Duration.ofDays(1)).getEpochSecond();
        assertTrue(Math.abs(expires - inADay) < 120, "access tokens last a day");
    }

    @Test
    void aRefreshTokenWorksOnceAndRetiresTheOldPair() throws Exception {
        String[] user = Api.newUser();
        HttpResponse<String> refreshed = Api.tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", user[2]));
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        String newAccess = JSON.readTree(refreshed.body()).path("access_token").asText();
        assertNotEquals(user[1], newAccess);
        assertEquals(200, Api.send("GET", "/api/v1/users/me", newAccess, null, null).statusCode());
        assertEquals(401, Api.send("GET", "/api/v1/users/me", user[1], null, null).statusCode());
        HttpResponse<String> replay = Api.tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", user[2]));
        assertEquals(400, replay.statusCode());
        assertEquals("invalid_grant", JSON.readTree(replay.body()).path("error").asText());
    }

    @Test
    void signingOutRevokesTheToken() throws Exception {
        String[] user = Api.newUser();
        assertEquals(200, Api.send("POST", "/api/v1/users/revoke-token", user[1], null, null).statusCode());
        assertEquals(401, Api.send("GET", "/api/v1/users/me", user[1], null, null).statusCode());
    }

    @Test
    void passwordGuessesAreLimitedPerAccountAndPerAddress() throws Exception {
        String[] user = Api.newUser();
        for (int i = 0; i < 10; i++) {
            assertEquals(400, Api.tokenRequest(Map.of("grant_type", "password", "username", user[0], "password", "guess-" + i))
                    .statusCode());
        }
        // Even the right password waits now: the account had ten failures in a row.
        HttpResponse<String> limited = Api.tokenRequest(Map.of("grant_type", "password", "username", user[0],
                "password", "correct horse battery"));
        assertEquals(429, limited.statusCode(), limited.body());
        assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()) > 0);

        // One address trying many accounts is stopped too, whatever names it tries.
        JsonNode client = Api.getJson("/api/v1/oauth-clients/local", null);
        java.net.http.HttpClient from = java.net.http.HttpClient.newBuilder()
                .localAddress(java.net.InetAddress.getByName("127.0.0.77")).build();
        int status = 0;
        for (int i = 0; i < 60 && status != 429; i++) {
            String form = "client_id=" + client.path("client_id").asText() + "&client_secret=" + client.path("client_secret").asText()
                    + "&grant_type=password&username=nobody" + i + "&password=whatever1";
            status = from.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(nuage.url().toString().replaceAll("/+$", "")
                            + "/api/v1/users/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        }
        assertEquals(429, status, "sixty failed sign-ins from one address");
    }

    @Test
    void wrongPasswordUnknownUserAndUnknownClientAreRefused() throws Exception {
        String[] user = Api.newUser();
        HttpResponse<String> wrong = Api.tokenRequest(Map.of("grant_type", "password", "username", user[0], "password", "nope-nope"));
        assertEquals(400, wrong.statusCode());
        assertEquals("invalid_grant", JSON.readTree(wrong.body()).path("error").asText());
        HttpResponse<String> unknown = Api.tokenRequest(Map.of("grant_type", "password", "username", "nobody_here", "password", "whatever1"));
        assertEquals(wrong.body(), unknown.body(), "an unknown user looks exactly like a wrong password");
        HttpResponse<String> forged = Api.send("POST", "/api/v1/users/token", null, "application/x-www-form-urlencoded",
                "client_id=x&client_secret=y&grant_type=password&username=root&password=" + SharedNuage.ROOT_PASSWORD);
        assertEquals("invalid_client", JSON.readTree(forged.body()).path("error").asText());
        assertEquals(401, Api.send("GET", "/api/v1/users/me", null, null, null).statusCode());
        assertEquals(401, Api.send("GET", "/api/v1/users/me", "made-up-token", null, null).statusCode());
    }

    @Test
    void accountAndChannelNamesShareOneNamespace() throws Exception {
        String[] alice = Api.newUser();
        String[] bob = Api.newUser();
        HttpResponse<String> clash = Api.json("POST", "/api/v1/video-channels", bob[1], Map.of("name", alice[0]));
        assertEquals(409, clash.statusCode(), clash.body());
        HttpResponse<String> again = Api.json("POST", "/api/v1/users/register", null, Map.of(
                "username", bob[0] + "_channel", "password", "secret-enough", "email", UUID.randomUUID() + "@example.org"));
        assertEquals(409, again.statusCode(), again.body());
        HttpResponse<String> sameEmail = Api.json("POST", "/api/v1/users/register", null, Map.of(
                "username", "x" + UUID.randomUUID().toString().substring(0, 8), "password", "secret-enough",
                "email", alice[0] + "@example.org"));
        assertEquals(409, sameEmail.statusCode(), sameEmail.body());
        assertEquals(404, Api.send("GET", "/api/v1/accounts/" + "x" + alice[0], null, null, null).statusCode(),
                "a refused registration leaves nothing behind");
    }

    @Test
    void onlyTheOwnerEditsOrDeletesAChannel() throws Exception {
        String[] alice = Api.newUser();
        String[] bob = Api.newUser();
        String channel = alice[0] + "_music";
        HttpResponse<String> created = Api.json("POST", "/api/v1/video-channels", alice[1],
                Map.of("name", channel, "displayName", "Music", "description", "Songs"));
        assertEquals(200, created.statusCode(), created.body());
        String path = "/api/v1/video-channels/" + channel;

        assertEquals(401, Api.json("PUT", path, null, Map.of("displayName", "Hijacked")).statusCode());
        assertEquals(403, Api.json("PUT", path, bob[1], Map.of("displayName", "Hijacked")).statusCode());
        assertEquals(403, Api.send("DELETE", path, bob[1], null, null).statusCode());
        assertEquals("Music", JSON.readTree(Api.send("GET", path, null, null, null).body()).path("displayName").asText());

        assertEquals(204, Api.json("PUT", path, alice[1], Map.of("displayName", "Music & more")).statusCode());
        assertEquals("Music & more", JSON.readTree(Api.send("GET", path, null, null, null).body()).path("displayName").asText());
        JsonNode list = JSON.readTree(Api.send("GET", "/api/v1/accounts/" + alice[0] + "/video-channels", null, null, null).body());
        assertEquals(2, list.path("total").asInt());

        assertEquals(204, Api.send("DELETE", path, alice[1], null, null).statusCode());
        assertEquals(404, Api.send("GET", path, null, null, null).statusCode());
        HttpResponse<String> last = Api.send("DELETE", "/api/v1/video-channels/" + alice[0] + "_channel", alice[1], null, null);
        assertEquals(409, last.statusCode(), "the last channel stays: " + last.body());
    }

    @Test
    void hostileNamesAndOversizedFieldsAreRefusedWithAReason() throws Exception {
        for (String name : new String[] {"../x", "a/b", "bell\u0007", "UPPER", "", "x".repeat(51), "..", "root"}) {
            HttpResponse<String> refused = Api.json("POST", "/api/v1/users/register", null, Map.of(
                    "username", name, "password", "secret-enough", "email", UUID.randomUUID() + "@example.org"));
            assertTrue(refused.statusCode() == 400 || refused.statusCode() == 409, name + ": " + refused.body());
            assertTrue(JSON.readTree(refused.body()).path("detail").asText().length() > 10, refused.body());
        }
        String[] user = Api.newUser();
        HttpResponse<String> longName = Api.json("POST", "/api/v1/video-channels", user[1],
                Map.of("name", user[0] + "_long", "displayName", "d".repeat(121)));
        assertEquals(400, longName.statusCode(), longName.body());
        HttpResponse<String> control = Api.json("POST", "/api/v1/video-channels", user[1],
                Map.of("name", user[0] + "_ctl", "description", "hidden\u0000text"));
        assertEquals(400, control.statusCode(), control.body());
        HttpResponse<String> shortPassword = Api.json("POST", "/api/v1/users/register", null, Map.of(
                "username", "y" + UUID.randomUUID().toString().substring(0, 8), "password", "123", "email", "a@b.cd"));
        assertEquals(400, shortPassword.statusCode());
        assertEquals(400, Api.send("POST", "/api/v1/users/register", null, "application/json", "{not json").statusCode());
    }
}
