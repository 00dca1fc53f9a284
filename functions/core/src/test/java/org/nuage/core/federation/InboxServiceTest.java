package org.nuage.core.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nuage.core.queue.WorkQueue;

class InboxServiceTest {

    /** Rejections must leave storage and queues untouched: any call here fails the test. */
    private static final InboxStore UNTOUCHABLE_STORE = new InboxStore() {
        @Override
        public boolean recordIfNew(ReceivedActivity activity) {
            throw new AssertionError("a rejected request reached the store");
        }

        @Override
        public void forget(String activityId) {
            throw new AssertionError("a rejected request reached the store");
        }

        @Override
        public Optional<ReceivedActivity> find(String activityId) {
            throw new AssertionError("a rejected request reached the store");
        }

        @Override
        public void markProcessed(String activityId, Instant at) {
            throw new AssertionError("a rejected request reached the store");
        }
    };
    private static final WorkQueue UNTOUCHABLE_QUEUE = (queue, body) -> {
        throw new AssertionError("a rejected request reached the queue");
    };

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);

    /** Checks that come before the signature never reach the network: loopback is refused here. */
    private final InboxService inbox = new InboxService(UNTOUCHABLE_STORE, UNTOUCHABLE_QUEUE,
            SignedInboxTest.authenticator(false, CLOCK), path -> true, CLOCK);

    private static InboxRequest post(String contentType, String body) {
        return post(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static InboxRequest post(String contentType, byte[] body) {
        return new InboxRequest("POST", "/inbox", Map.of("content-type", contentType, "host", "nuage.example"), body);
    }

    private static final String FOLLOW = """
            {"@context":"https://www.w3.org/ns/activitystreams","id":"https://peer.example/follows/1",
             "type":"Follow","actor":"https://peer.example/accounts/alice","object":"https://nuage.example/accounts/bob"}""";

    @Test
    void rejectsBodyOverOneMegabyteWith413() {
        byte[] body = new byte[InboxService.MAX_BODY_BYTES + 1];
        InboxResponse answer = inbox.receive(post("application/activity+json", body));
        assertEquals(413, answer.status());
        assertTrue(answer.message().contains("exceeds"), answer.message());
    }

    @Test
    void rejectsEmptyBody() {
        assertEquals(400, inbox.receive(post("application/activity+json", "")).status());
    }

    @Test
    void rejectsContentTypeThatIsNotJson() {
        InboxResponse answer = inbox.receive(post("text/html", FOLLOW));
        assertEquals(415, answer.status());
    }

    @Test
    void acceptsLdJsonWithActivityStreamsProfileAsJsonAndThenAsksForASignature() {
        InboxResponse answer = inbox.receive(post("application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"",
                FOLLOW));
        assertEquals(401, answer.status());
        assertTrue(answer.message().contains("Signature"), answer.message());
    }

    @Test
    void rejectsMalformedJsonWithTheParserReason() {
        InboxResponse answer = inbox.receive(post("application/activity+json", "{\"id\": "));
        assertEquals(400, answer.status());
        assertTrue(answer.message().startsWith("malformed JSON"), answer.message());
    }

    @Test
    void rejectsJsonThatIsNotAnObject() {
        assertEquals(400, inbox.receive(post("application/activity+json", "[1,2]")).status());
    }

    @Test
    void rejectsActivityWithoutHttpId() {
        InboxResponse answer = inbox.receive(post("application/activity+json",
                FOLLOW.replace("https://peer.example/follows/1", "urn:uuid:1")));
        assertEquals(400, answer.status());
        assertTrue(answer.message().contains("'id'"), answer.message());
    }

    @Test
    void rejectsActivityWithoutType() {
        assertEquals(400, inbox.receive(post("application/activity+json",
                FOLLOW.replace("\"type\":\"Follow\"", "\"type\":7"))).status());
    }

    @Test
    void rejectsActivityWhoseActorIsNotAnHttpUrl() {
        InboxResponse answer = inbox.receive(post("application/activity+json",
                FOLLOW.replace("\"https://peer.example/accounts/alice\"", "\"file:///etc/passwd\"")));
        assertEquals(400, answer.status());
        assertTrue(answer.message().contains("'actor'"), answer.message());
    }

    @Test
    void readsActorGivenAsEmbeddedObject() {
        var node = org.nuage.core.json.Json.tree("{\"actor\":{\"id\":\"https://peer.example/a\",\"type\":\"Person\"}}");
        assertEquals(Optional.of("https://peer.example/a"), InboxService.actorId(node));
    }
}
