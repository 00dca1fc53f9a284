package org.nuage.core.federation.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nuage.core.json.Json;

/** Real actors captured from Mastodon, PeerTube and a PeerTube instance actor (see activitypub/README.md). */
class RemoteActorTest {

    static String resource(String path) {
        try (InputStream in = RemoteActorTest.class.getResourceAsStream("/activitypub/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("missing fixture " + path, e);
        }
    }

    /** The body of a raw HTTP response fixture: what follows the first blank line. */
    static JsonNode body(String rawResponse) {
        return Json.tree(rawResponse.substring(rawResponse.indexOf("\n\n") + 2));
    }

    private static RemoteActor parse(JsonNode document) {
        return RemoteActor.parse(document, URI.create(document.path("id").asText()));
    }

    @Test
    void aMastodonAccountFromItsRawResponse() {
        RemoteActor actor = parse(body(resource("mastodon/requests/activitypub-actor.txt")));
        assertEquals("https://ap.example.com/users/foo", actor.id());
        assertEquals("Person", actor.type());
        assertEquals("https://ap.example.com/users/foo/inbox", actor.inbox());
        assertEquals(Optional.of("https://ap.example.com/inbox"), actor.sharedInbox());
        assertEquals("https://ap.example.com/inbox", actor.deliveryInbox());
        assertEquals("https://ap.example.com/users/foo#main-key", actor.keyId());
        assertTrue(actor.publicKeyPem().startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    @Test
    void anActorSurvivesTheCache() {
        RemoteActor actor = parse(body(resource("mastodon/requests/activitypub-actor.txt")));
        assertEquals(actor, Json.read(Json.write(actor), RemoteActor.class));
    }

    @Test
    void aTypeArrayIsReadForItsActorType() {
        assertEquals("Person", parse(body(resource("mastodon/requests/activitypub-actor-individual.txt"))).type());
    }

    @Test
    void anActorWithoutInboxIsRefusedAsMastodonDoes() {
        RemoteActor.InvalidActor refused = assertThrows(RemoteActor.InvalidActor.class,
                () -> parse(body(resource("mastodon/requests/activitypub-actor-noinbox.txt"))));
        assertTrue(refused.getMessage().contains("no inbox"), refused.getMessage());
    }

    @Test
    void peerTubeAccountsChannelsAndInstanceActorsAndARecentMastodonAccount() {
        assertEquals("Person", parse(Json.tree(resource("lemmy/assets/peertube/objects/person.json"))).type());
        RemoteActor channel = parse(Json.tree(resource("lemmy/assets/peertube/objects/group.json")));
        assertEquals("Group", channel.type());
        assertEquals(Optional.of("https://tilvids.com/inbox"), channel.sharedInbox());
        RemoteActor instance = parse(Json.tree(resource("esup-pod/fixtures/application_actor.json")));
        assertEquals("Application", instance.type());
        assertEquals("peertube", instance.preferredUsername());
        assertEquals("Person", parse(Json.tree(resource("lemmy/assets/mastodon/objects/person.json"))).type());
    }

    @Test
    void anActorServedByAnotherHostOrWithSomeoneElsesKeyIsRefused() {
        JsonNode person = Json.tree(resource("lemmy/assets/peertube/objects/person.json"));
        assertThrows(RemoteActor.InvalidActor.class,
                () -> RemoteActor.parse(person, URI.create("https://evil.example/accounts/thelinuxexperiment")));
        ObjectNode stolenKey = person.deepCopy();
        ((ObjectNode) stolenKey.path("publicKey")).put("owner", "https://tilvids.com/accounts/someone-else");
        assertThrows(RemoteActor.InvalidActor.class, () -> parse(stolenKey));
        ObjectNode foreignKey = person.deepCopy();
        ((ObjectNode) foreignKey.path("publicKey")).put("id", "https://evil.example/keys/1");
        assertThrows(RemoteActor.InvalidActor.class, () -> parse(foreignKey));
        ObjectNode notAnActor = person.deepCopy();
        notAnActor.put("type", "Note");
        assertThrows(RemoteActor.InvalidActor.class, () -> parse(notAnActor));
        ObjectNode badInbox = person.deepCopy();
        badInbox.put("inbox", "file:///etc/passwd");
        assertThrows(RemoteActor.InvalidActor.class, () -> parse(badInbox));
        assertThrows(RemoteActor.InvalidActor.class, () -> parse(Json.tree("[1,2]")));
    }
}
