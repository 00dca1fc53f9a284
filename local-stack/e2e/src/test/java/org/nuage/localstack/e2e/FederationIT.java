package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.localstack.emulator.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Two Nuage instances federate over HTTP only, each with its own storage, queues and keys: a user of
 * the peer subscribes to a channel of the origin, sees its new video arrive, comments on it from the
 * peer, whose inbox gets the origin's answer, and sees the video go when it is deleted. Every activity
 * between them is signed by its sender and verified by the receiver's inbox.
 */
class FederationIT {

    private static final Duration ASYNC = Duration.ofSeconds(90);

    static Client origin;
    static Client peer;

    @BeforeAll
    static void start() throws Exception {
        origin = new Client(SharedNuage.get().url());
        peer = new Client(PeerNuage.get().url());
    }

    @Test
    void aPeerUserFollowsAChannelSeesItsVideoCommentsGetsTheAnswerAndSeesTheDeletion(@TempDir Path tmp)
            throws Exception {
        String[] alice = origin.newUser();
        String[] bob = peer.newUser();
        String channelHandle = alice[0] + "_channel@" + origin.host();
        String channelUrl = origin.base.resolve("/video-channels/" + alice[0] + "_channel").toString();

        // Bob subscribes from the peer: WebFinger, a signed Follow, the origin's signed Accept.
        assertEquals(204, peer.json("POST", "/api/v1/users/me/subscriptions", bob[1], Map.of("uri", channelHandle))
                .statusCode());
        Await.until("the origin to count bob among the channel's followers", ASYNC, () -> probe(() ->
                origin.activity(channelUrl + "/followers").path("totalItems").asInt() == 1));
        Await.until("the peer to record the subscription as accepted", ASYNC, () -> probe(() -> {
            JsonNode subscriptions = peer.get("/api/v1/users/me/subscriptions", bob[1]);
            return subscriptions.path("total").asInt() == 1
                    && channelUrl.equals(subscriptions.path("data").path(0).path("url").asText());
        }));

        // Alice publishes: the origin sends Create and Announce, the peer verifies them and indexes the video.
        JsonNode published = origin.publish(alice, Media.clip(tmp, 2), "Tide pools");
        String uuid = published.path("uuid").asText();
        String videoUrl = origin.base.resolve("/videos/watch/" + uuid).toString();
        JsonNode remote = Await.until("the video in the peer's remote index", ASYNC, () -> find(
                peer.get("/api/v1/videos?isLocal=false&count=100", null), v -> videoUrl.equals(v.path("url").asText())));
        assertEquals("Tide pools", remote.path("name").asText());
        assertEquals(false, remote.path("isLocal").asBoolean(true));
        assertEquals(origin.host(), remote.path("channel").path("host").asText());

        // Bob comments on the peer; the origin shows it under the video.
        String remoteId = remote.path("uuid").asText();
        assertEquals(200, peer.json("POST", "/api/v1/videos/" + remoteId + "/comment-threads", bob[1],
                Map.of("text", "Lovely anemones")).statusCode());
        JsonNode thread = Await.until("bob's comment on the origin", ASYNC, () -> find(
                origin.get("/api/v1/videos/" + uuid + "/comment-threads", null),
                c -> c.path("text").asText().contains("Lovely anemones")));
        assertEquals(bob[0], thread.path("account").path("name").asText());
        assertEquals(peer.host(), thread.path("account").path("host").asText());

        // Alice answers on the origin; the answer reaches the peer, whose inbox verifies and keeps it.
        HttpResponse<String> answered = origin.json("POST", "/api/v1/videos/" + uuid + "/comments/"
                + thread.path("id").asText(), alice[1], Map.of("text", "Thank you, Bob"));
        assertEquals(200, answered.statusCode(), answered.body());
        String answerActivity = Api.JSON.readTree(answered.body()).path("comment").path("url").asText() + "/activity";
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(PeerNuage.get().endpoints())) {
            Map<String, AttributeValue> received = Await.until("the answer in the peer's inbox", ASYNC, () -> {
                Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(SharedNuage.STACK.table().name())
                        .consistentRead(true).key(Map.of("PK", AttributeValue.fromS("ACTIVITY#" + answerActivity),
                                "SK", AttributeValue.fromS("ACTIVITY")))).item();
                return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
            });
            assertEquals("Create", received.get("activityType").s());
            assertEquals(origin.base.resolve("/accounts/" + alice[0]).toString(), received.get("actor").s(),
                    "signed by alice, as the peer's inbox verified");
            assertEquals("/accounts/" + bob[0] + "/inbox", received.get("inboxPath").s());
        }

        // Alice deletes the video; the peer's index forgets it.
        assertEquals(204, origin.send("DELETE", "/api/v1/videos/" + uuid, alice[1], null, null).statusCode());
        Await.until("the video to leave the peer's index", ASYNC, () -> probe(() -> find(
                peer.get("/api/v1/videos?isLocal=false&count=100", null), v -> videoUrl.equals(v.path("url").asText()))
                .isEmpty()));
    }

    private static Optional<JsonNode> find(JsonNode page, Predicate<JsonNode> match) {
        for (JsonNode item : page.path("data")) {
            if (match.test(item)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    /** A condition for {@link Await#until}: present when true. */
    private static Optional<Boolean> probe(Check check) {
        try {
            return check.holds() ? Optional.of(true) : Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }
}
