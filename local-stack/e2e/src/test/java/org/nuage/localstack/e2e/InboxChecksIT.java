package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nuage.core.federation.signature.HttpMessage;
import org.nuage.core.federation.signature.LdSignature;
import org.nuage.core.federation.signature.RequestSigner;
import org.nuage.core.federation.signature.SigningKey;
import org.nuage.core.stack.StackDefinition;
import org.nuage.core.stack.TableLayout;
import org.nuage.localstack.emulator.AwsClients;
import org.nuage.localstack.runner.FunctionSpec;
import org.nuage.localstack.runner.HttpGateway;
import org.nuage.localstack.runner.InvocationResult;
import org.nuage.localstack.runner.LambdaFunction;
import org.nuage.localstack.runner.LocalNuage;
import org.nuage.localstack.runner.LoopbackPeer;
import org.nuage.localstack.runner.RouteTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Bad inbox requests, each answered with a precise 4xx and its reason, and each leaving nothing
 * stored: the whole table is the same before and after, no item exists for the activity, its
 * signer or a follower, and the inbound queue holds no message.
 *
 * <p>The inbox function runs packaged, behind the runner's gateway, on the local stack's
 * emulators, with a {@link LoopbackPeer} as the remote server. Unlike {@link SharedNuage}, no
 * delivery worker polls the inbound queue, so its message count is exact; and a second inbox
 * function on the same storage runs with loopback fetches refused, as in the cloud.
 */
class InboxChecksIT {

    private static final String TYPE = "application/activity+json";
    private static final List<String> CAVAGE = List.of("(request-target)", "host", "date", "digest", "content-type");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final String MASTODON_FIXTURE = "/activitypub/peertube/ap-json/mastodon/http-signature.json";

    static LocalNuage storage;
    static LambdaFunction inbox;
    static LambdaFunction guardedInbox;
    /** Only for the forwarded activity that must be applied; the bad requests never reach it. */
    static LambdaFunction delivery;
    static HttpGateway gateway;
    static HttpGateway guardedGateway;
    static LoopbackPeer peer;
    static DynamoDbClient dynamo;
    static SqsClient sqs;
    static String table;
    static String inboundQueue;
    static String base;
    static String guardedBase;
    /** A local actor that always exists: the instance actor, whom PeerTube instances follow. */
    static String followed;

    static final AtomicInteger refused = new AtomicInteger();
    static final AtomicInteger dropped = new AtomicInteger();
    private static final AtomicInteger names = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path home = Path.of(System.getProperty("nuage.home", "../..")).toAbsolutePath().normalize();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        storage = LocalNuage.startStorageOnly(new LocalNuage.Settings(home, address, URI.create("http://127.0.0.1:" + port),
                null, true, Optional.empty(), 2, StackDefinition.withVisibility("nuage", 10, 10, 2), LocalNuage.Aot.USE,
                Optional.empty()), System.out::println);
        FunctionSpec spec = storage.spec("inbox");
        inbox = new LambdaFunction(spec, System.out::println);
        Map<String, String> guarded = new HashMap<>(spec.environment());
        guarded.put("NUAGE_FEDERATION_ALLOW_LOOPBACK", "false");
        guardedInbox = new LambdaFunction(new FunctionSpec("inbox-guarded", spec.classpath(), spec.handler(), guarded,
                spec.memoryMb(), spec.timeout(), spec.maxConcurrency(), spec.jvmOptions(), spec.workDir()),
                System.out::println);
        // Only the inbox function: every path goes to it, as the HTTP API routes inbox POSTs.
        gateway = HttpGateway.start(address, RouteTable.defaultTo("inbox"), List.of(inbox),
                HttpGateway.DEFAULT_INTEGRATION_TIMEOUT, System.out::println);
        guardedGateway = HttpGateway.start(new InetSocketAddress("127.0.0.1", 0), RouteTable.defaultTo("inbox-guarded"),
                List.of(guardedInbox), HttpGateway.DEFAULT_INTEGRATION_TIMEOUT, System.out::println);
        base = "http://127.0.0.1:" + port;
        guardedBase = "http://127.0.0.1:" + guardedGateway.address().getPort();
        followed = base + "/accounts/peertube";
        dynamo = AwsClients.dynamoDb(storage.endpoints());
        sqs = AwsClients.sqs(storage.endpoints());
        table = storage.resources().table();
        inboundQueue = storage.resources().queueUrl(storage.settings().stack().inbound().name());
        peer = LoopbackPeer.start();

        // A good Follow goes through: the assertions below can see what an accepted request leaves.
        // It also makes the instance actor's key, which signs key fetches, before any case runs.
        for (String target : List.of(base, guardedBase)) {
            Draft draft = Draft.fresh();
            HttpResponse<String> answer = send(draft.request(target, "/inbox", draft.headers(target, "/inbox", draft.key())));
            if (target.equals(base)) {
                assertEquals(202, answer.statusCode(), answer.body());
                assertTrue(item(TableLayout.activityPk(draft.id()), TableLayout.ACTIVITY_SK).isPresent(),
                        "the activity is stored");
                assertTrue(item(TableLayout.remoteActorPk(peer.actorUrl(draft.actor())), TableLayout.REMOTE_ACTOR_SK)
                        .isPresent(), "the signer's key is cached");
                assertEquals(1, drainInbound(), "one envelope queued");
            } else {
                // Loopback is refused there: the peer's key cannot be fetched.
                assertEquals(401, answer.statusCode(), answer.body());
            }
        }
    }

    @AfterAll
    static void stop() {
        System.out.println("[InboxChecksIT] bad inbox requests: " + refused.get() + " refused with a 4xx, "
                + dropped.get() + " accepted with 202 and dropped (a replayed id); nothing stored for any of them");
        if (peer != null) {
            peer.close();
        }
        for (AutoCloseable closeable : new AutoCloseable[] {guardedGateway, gateway, guardedInbox, inbox, delivery, sqs, dynamo,
                storage}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
    }

    // --- the cases

    /** One bad request: what is sent, where, and the answer expected. */
    record Case(String name, int status, String reason, Request request) {
    }

    /** A request to send, and what it concerns: the activity id, the signer and the followed actor. */
    record Request(String target, String path, Map<String, String> headers, byte[] body, String activityId,
            String signer, boolean raw) {

        Request(String target, String path, Map<String, String> headers, byte[] body, String activityId, String signer) {
            this(target, path, headers, body, activityId, signer, false);
        }
    }

    @TestFactory
    Stream<DynamicTest> eachBadRequestIsRefusedWithItsReasonAndLeavesNothingStored() throws Exception {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 30, "at least 30 cases, not " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Set<Map<String, AttributeValue>> before = scan();
            HttpResponse<String> answer = send(c.request());
            assertEquals(c.status(), answer.statusCode(), c.name() + ": " + answer.body());
            JsonNode problem = Api.JSON.readTree(answer.body());
            String detail = problem.path("detail").asText();
            assertTrue(detail.contains(c.reason()), c.name() + ": the reason should say '" + c.reason() + "': " + detail);
            assertNothingStored(c.request(), before);
            refused.incrementAndGet();
            System.out.println("[InboxChecksIT] " + c.name() + " -> " + answer.statusCode() + " " + detail);
        }));
    }

    @Test
    void aReplayedActivityIdIsAnsweredAcceptedAndDropped() throws Exception {
        Draft draft = Draft.fresh();
        assertEquals(202, send(draft.request(base, "/inbox", draft.headers(base, "/inbox", draft.key()))).statusCode());
        assertEquals(1, drainInbound());
        Set<Map<String, AttributeValue>> before = scan();
        // The same activity sent again, freshly signed as a sender's retry is.
        HttpResponse<String> answer = send(draft.request(base, "/inbox", draft.headers(base, "/inbox", draft.key())));
        assertEquals(202, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("duplicate activity " + draft.id()), answer.body());
        assertEquals(before, scan(), "the table is unchanged");
        assertEquals(0, inboundCount(), "nothing new queued");
        dropped.incrementAndGet();
        System.out.println("[InboxChecksIT] replayed activity id -> 202 " + answer.body() + " (dropped)");
    }

    @Test
    void aForwardedActivityWithItsActorsLdSignatureIsAcceptedAndApplied() throws Exception {
        Draft draft = Draft.fresh();
        String relay = newActor();
        String author = peer.actorUrl(draft.actor());
        HttpResponse<String> answer = send(forwarded(draft, relay, ldSigned(draft.body(), draft.key())));

        assertEquals(202, answer.statusCode(), answer.body());
        assertTrue(item(TableLayout.activityPk(draft.id()), TableLayout.ACTIVITY_SK).isPresent(), "the activity is stored");
        for (String actor : List.of(author, peer.actorUrl(relay))) {
            assertTrue(item(TableLayout.remoteActorPk(actor), TableLayout.REMOTE_ACTOR_SK).isPresent(),
                    actor + " is cached: the relay signed the request, the author the activity");
        }
        // The delivery worker applies it as the author's own Follow.
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(inboundQueue).maxNumberOfMessages(10)
                .waitTimeSeconds(5)).messages();
        assertEquals(1, messages.size());
        JsonNode envelope = Api.JSON.readTree(messages.get(0).body());
        assertEquals(author, envelope.path("actor").asText(), "the envelope names the author, not the relay");
        InvocationResult applied = delivery().invoke(sqsEvent(messages.get(0),
                storage.settings().stack().inbound().name())).get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(!applied.failed() && applied.payloadText().contains("\"batchItemFailures\":[]"),
                applied.payloadText());
        sqs.deleteMessage(d -> d.queueUrl(inboundQueue).receiptHandle(messages.get(0).receiptHandle()));
        assertTrue(item(TableLayout.followersPk(followed), TableLayout.FOLLOWER_SK_PREFIX + author).isPresent(),
                "the author follows the instance actor");
        System.out.println("[InboxChecksIT] forwarded Follow by " + relay + " with the author's LD signature -> 202 "
                + answer.body() + ", applied: " + author + " follows " + followed);
    }

    /** The packaged delivery function on the same storage, started the first time a test needs it. */
    private static synchronized LambdaFunction delivery() {
        if (delivery == null) {
            delivery = new LambdaFunction(storage.spec("delivery"), System.out::println);
        }
        return delivery;
    }

    /** {@code message} as Lambda's SQS event source hands it to a function: one record from {@code queue}. */
    private static byte[] sqsEvent(Message message, String queue) throws Exception {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("messageId", message.messageId());
        record.put("receiptHandle", message.receiptHandle());
        record.put("body", message.body());
        record.put("attributes", Map.of("ApproximateReceiveCount", "1"));
        record.put("messageAttributes", Map.of());
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", "arn:aws:sqs:" + delivery().region() + ":" + LambdaFunction.ACCOUNT_ID + ":" + queue);
        return Api.JSON.writeValueAsBytes(Map.of("Records", List.of(record)));
    }

    /** {@code body} with an RsaSignature2017 made with {@code key}, as the actor's server sends it. */
    private static byte[] ldSigned(byte[] body, SigningKey key) throws Exception {
        return Api.JSON.writeValueAsBytes(new LdSignature().sign(Api.JSON.readTree(body), key, Instant.now()));
    }

    /** {@code draft}'s activity with {@code body}, POSTed and HTTP-signed by {@code relay}, not by its actor. */
    private static Request forwarded(Draft draft, String relay, byte[] body) {
        return new Request(base, "/inbox", signed(base, "/inbox", peer.signingKey(relay), body, CAVAGE, Map.of(),
                Clock.systemUTC()), body, draft.id(), draft.actor());
    }

    private static List<Case> cases() throws Exception {
        List<Case> cases = new ArrayList<>();
        Clock now = Clock.systemUTC();

        // Body, type and shape.
        cases.add(bodyCase("body over 1 MB", 413, "exceeds the 1048576-byte limit",
                big(InboxChecksIT.class.getSimpleName()), TYPE));
        cases.add(bodyCase("empty body", 400, "empty body", new byte[0], TYPE));
        cases.add(bodyCase("invalid JSON", 400, "malformed JSON", "{\"type\":\"Follow\",".getBytes(StandardCharsets.UTF_8),
                TYPE));
        cases.add(bodyCase("a JSON array", 400, "must be a JSON object", ("[" + new String(Draft.fresh().body(),
                StandardCharsets.UTF_8) + "]").getBytes(StandardCharsets.UTF_8), TYPE));
        cases.add(shapeCase("no id", 400, "'id'", a -> a.remove("id")));
        cases.add(shapeCase("no type", 400, "'type'", a -> a.remove("type")));
        cases.add(shapeCase("no actor", 400, "'actor'", a -> a.remove("actor")));
        cases.add(shapeCase("an id that is not http(s)", 400, "'id' must be an absolute http(s) URL",
                a -> a.put("id", "urn:uuid:" + UUID.randomUUID())));
        cases.add(shapeCase("an actor that is not http(s)", 400, "'actor' must be an http(s) URL",
                a -> a.put("actor", "acct:alice@peer.example")));
        cases.add(bodyCase("content type text/plain", 415, "is not application/activity+json", Draft.fresh().body(),
                "text/plain"));

        // Signatures that are missing, forged or altered.
        Draft unsigned = Draft.fresh();
        cases.add(new Case("unsigned", 401, "not signed", unsigned.request(base, "/inbox", Map.of("Content-Type", TYPE,
                "Date", HTTP_DATE.format(Instant.now()), "Digest", digest(unsigned.body())))));
        Draft forged = Draft.fresh();
        cases.add(new Case("forged: signed by another key under the actor's key id", 401, "does not verify",
                forged.signed(new SigningKey(forged.key().keyId(), Draft.fresh().key().privateKey()), CAVAGE, Map.of())));
        Draft altered = Draft.fresh();
        Map<String, String> alteredHeaders = altered.headers(altered.key(), CAVAGE, Map.of(), now);
        alteredHeaders.put("Signature", alterSignature(alteredHeaders.get("Signature")));
        cases.add(new Case("signature value altered", 401, "does not verify",
                altered.request(base, "/inbox", alteredHeaders)));
        Draft otherDigest = Draft.fresh();
        cases.add(new Case("Digest of another body", 401, "Digest sha-256 does not match the body",
                otherDigest.signed(otherDigest.key(), CAVAGE, Map.of("Digest", digest("{}".getBytes(StandardCharsets.UTF_8))))));
        Draft changed = Draft.fresh();
        cases.add(new Case("body changed after signing", 401, "does not match the body",
                new Request(base, "/inbox", changed.headers(changed.key(), CAVAGE, Map.of(), now),
                        follow(changed.id(), peer.actorUrl(changed.actor()), base + "/accounts/root"), changed.id(),
                        changed.actor())));
        Draft noDigest = Draft.fresh();
        Map<String, String> noDigestHeaders = noDigest.headers(noDigest.key(), CAVAGE, Map.of(), now);
        noDigestHeaders.remove("Digest");
        cases.add(new Case("Digest signed but not sent", 400, "covers 'digest' but the request has no such header",
                noDigest.request(base, "/inbox", noDigestHeaders)));
        Draft unsignedDigest = Draft.fresh();
        cases.add(new Case("Digest sent but not signed", 401, "must also cover digest or content-digest",
                unsignedDigest.signed(unsignedDigest.key(), List.of("(request-target)", "host", "date", "content-type"),
                        Map.of("Digest", digest(unsignedDigest.body())))));
        cases.add(coverageCase("(request-target) not signed", "must also cover (request-target)",
                List.of("host", "date", "digest")));
        cases.add(coverageCase("host not signed", "must also cover host", List.of("(request-target)", "date", "digest")));
        cases.add(coverageCase("neither date nor (created) signed", "must also cover date or (created)",
                List.of("(request-target)", "host", "digest")));
        cases.add(rewrittenCase("an algorithm we do not verify", 401, "'ed25519' is not supported",
                signature -> signature.replace("rsa-sha256", "ed25519")));
        cases.add(rewrittenCase("a Signature header that does not parse", 400, "Signature header cannot be parsed",
                signature -> signature.replace("headers=\"", "headers=\"\"\"")));
        Draft md5 = Draft.fresh();
        cases.add(new Case("Digest with only an algorithm we do not compute", 401, "we check SHA-256 or SHA-512",
                md5.signed(md5.key(), CAVAGE, Map.of("Digest", "MD5=" + Base64.getEncoder().encodeToString(
                        MessageDigest.getInstance("MD5").digest(md5.body()))))));

        // Time.
        cases.add(dateCase("Date 13 hours old", 401, "before our clock", HTTP_DATE.format(Instant.now().minusSeconds(13 * 3600))));
        cases.add(dateCase("Date 13 hours ahead", 401, "after our clock", HTTP_DATE.format(Instant.now().plusSeconds(13 * 3600))));
        cases.add(dateCase("a Date that is not a date", 400, "is not an HTTP date", "yesterday at noon"));
        Draft created = Draft.fresh();
        cases.add(new Case("hs2019 with (created) 13 hours old", 401, "before our clock", created.request(base, "/inbox",
                created.headers(created.key(), List.of("(request-target)", "host", "(created)", "digest"), Map.of(),
                        Clock.offset(now, Duration.ofHours(-13))))));
        Draft expired = Draft.fresh();
        cases.add(new Case("hs2019 whose (expires) passed 2 hours ago", 401, "the signature expired",
                expired.request(base, "/inbox", signedWithExpiry(base, "/inbox", expired.key(), expired.body(),
                        Instant.now().minusSeconds(3 * 3600).getEpochSecond(),
                        Instant.now().minusSeconds(2 * 3600).getEpochSecond()))));
        cases.add(mastodonFixtureAsIs());

        // RFC 9421.
        Draft contentDigest = Draft.fresh();
        Map<String, String> contentDigestHeaders = new LinkedHashMap<>(Map.of("Content-Type", TYPE, "Content-Digest",
                "sha-256=:" + Base64.getEncoder().encodeToString(sha256("{}".getBytes(StandardCharsets.UTF_8))) + ":"));
        contentDigestHeaders.putAll(new RequestSigner(now).signRfc9421(message(base, "/inbox", contentDigestHeaders,
                contentDigest.body()), contentDigest.key()));
        cases.add(new Case("RFC 9421 with a Content-Digest of another body", 401,
                "Content-Digest sha-256 does not match the body", contentDigest.request(base, "/inbox", contentDigestHeaders)));
        Draft noMethod = Draft.fresh();
        Map<String, String> noMethodHeaders = new LinkedHashMap<>(Map.of("Content-Type", TYPE));
        noMethodHeaders.putAll(new RequestSigner(now).signRfc9421(message(base, "/inbox", noMethodHeaders, noMethod.body()),
                noMethod.key()));
        noMethodHeaders.put("Signature-Input", noMethodHeaders.get("Signature-Input").replace("\"@method\" ", ""));
        cases.add(new Case("RFC 9421 without @method", 401, "must also cover @method and the target",
                noMethod.request(base, "/inbox", noMethodHeaders)));

        // Keys.
        Draft ghost = Draft.fresh();
        cases.add(new Case("a key id the peer answers 404 for", 401, "answered HTTP 404", ghost.signed(new SigningKey(
                peer.actorUrl("ghost-" + UUID.randomUUID()) + "#main-key", ghost.key().privateKey()), CAVAGE, Map.of())));
        Draft someoneElse = Draft.fresh();
        String signer = newActor();
        cases.add(new Case("signed by someone other than the activity's actor", 403, "signed by " + peer.actorUrl(signer)
                + " but the activity's actor is " + peer.actorUrl(someoneElse.actor()), new Request(base, "/inbox",
                someoneElse.headers(peer.signingKey(signer), CAVAGE, Map.of(), now), someoneElse.body(), someoneElse.id(),
                signer)));
        // Forwarded: signed by a relay, with an RsaSignature2017 that does not prove the actor wrote it.
        String relay = newActor();
        Draft byOther = Draft.fresh();
        cases.add(new Case("forwarded, LD-signed by someone other than its actor", 403, "its LD signature was made by "
                + peer.actorUrl(relay) + "#main-key, not by that actor",
                forwarded(byOther, relay, ldSigned(byOther.body(), peer.signingKey(relay)))));
        Draft forgedLd = Draft.fresh();
        cases.add(new Case("forwarded, LD-signed by another key under the actor's key id", 403, "does not verify",
                forwarded(forgedLd, relay, ldSigned(forgedLd.body(), new SigningKey(forgedLd.key().keyId(),
                        peer.signingKey(relay).privateKey())))));
        Draft tampered = Draft.fresh();
        cases.add(new Case("forwarded, changed after the actor LD-signed it", 403,
                "was changed after it was signed", forwarded(tampered, relay, new String(ldSigned(tampered.body(),
                        tampered.key()), StandardCharsets.UTF_8).replace(followed, base + "/accounts/root")
                        .getBytes(StandardCharsets.UTF_8))));
        Draft unknownContext = Draft.fresh();
        cases.add(new Case("forwarded, LD-signed over a context we do not hold", 403,
                "https://peer.invalid/context.jsonld is not one we hold", forwarded(unknownContext, relay,
                        new String(ldSigned(unknownContext.body(), unknownContext.key()), StandardCharsets.UTF_8)
                                .replace("\"@context\":\"https://www.w3.org/ns/activitystreams\"",
                                        "\"@context\":[\"https://www.w3.org/ns/activitystreams\",\"https://peer.invalid/context.jsonld\"]")
                                .getBytes(StandardCharsets.UTF_8))));
        // The audit's forgery: the signed type and object moved to aliases by an inline context (the
        // graph, and so the signature, unchanged), and a raw Update carrying the relay's key as the actor's.
        Draft aliased = Draft.fresh();
        var forgery = (com.fasterxml.jackson.databind.node.ObjectNode) Api.JSON.readTree(ldSigned(aliased.body(),
                aliased.key()));
        forgery.set("@context", Api.JSON.readTree("[\"https://www.w3.org/ns/activitystreams\", {\"kind\": \"@type\","
                + " \"thing\": {\"@id\": \"as:object\", \"@type\": \"@id\"}, \"type\": null, \"object\": null}]"));
        forgery.put("kind", "Follow");
        forgery.set("thing", forgery.get("object"));
        forgery.put("type", "Update");
        String author = peer.actorUrl(aliased.actor());
        forgery.set("object", Api.JSON.valueToTree(Map.of("id", author, "type", "Person", "inbox", author + "/inbox",
                "publicKey", Map.of("id", author + "#main-key", "owner", author, "publicKeyPem", peer.publicKeyPem(relay)))));
        cases.add(new Case("forwarded, its signed terms re-mapped through an inline context", 403,
                "an inline @context makes 'kind' an alias of the keyword @type",
                forwarded(aliased, relay, Api.JSON.writeValueAsBytes(forgery))));
        Draft replayed = Draft.fresh();
        cases.add(new Case("forwarded, LD-signed 31 days ago", 403, "more than 30 days ago: a replay is refused",
                forwarded(replayed, relay, Api.JSON.writeValueAsBytes(new LdSignature().sign(Api.JSON.readTree(
                        replayed.body()), replayed.key(), Instant.now().minus(Duration.ofDays(31)))))));

        // Ids on another server than their actor's.
        cases.add(shapeCase("an activity id on another server", 400, "is on another host (victim.example:443) than its actor",
                a -> a.put("id", "https://victim.example/activities/" + UUID.randomUUID())));
        String victimNote = "https://victim.example/comments/" + UUID.randomUUID();
        cases.add(shapeCase("a created Note whose id is on another server", 400,
                "object id " + victimNote + " is on another host", a -> {
                    a.put("type", "Create");
                    a.set("object", Api.JSON.valueToTree(Map.of("id", victimNote, "type", "Note",
                            "attributedTo", a.path("actor").asText(), "content", "<p>hi</p>", "inReplyTo", followed)));
                }));

        // Pathological JSON in a forwarded activity: a 4xx with its reason, never a 5xx that senders retry.
        Draft huge = Draft.fresh();
        cases.add(new Case("forwarded, with the number 1e400", 403, "is beyond a double's range", forwarded(huge, relay,
                new String(ldSigned(huge.body(), huge.key()), StandardCharsets.UTF_8).replaceFirst("\\{", "{\"width\":1e400,")
                        .getBytes(StandardCharsets.UTF_8))));
        Draft longInteger = Draft.fresh();
        cases.add(new Case("forwarded, with a 64-digit integer", 403, "does not verify", forwarded(longInteger, relay,
                new String(ldSigned(longInteger.body(), longInteger.key()), StandardCharsets.UTF_8)
                        .replaceFirst("\\{", "{\"width\":" + "9".repeat(64) + ",").getBytes(StandardCharsets.UTF_8))));
        Draft nested = Draft.fresh();
        cases.add(new Case("forwarded, with arrays nested 900 deep", 403, "does not verify", forwarded(nested, relay,
                new String(ldSigned(nested.body(), nested.key()), StandardCharsets.UTF_8).replaceFirst("\\{",
                        "{\"to\":" + "[".repeat(900) + "\"https://www.w3.org/ns/activitystreams#Public\"" + "]".repeat(900)
                                + ",").getBytes(StandardCharsets.UTF_8))));
        Draft tooDeep = Draft.fresh();
        cases.add(new Case("forwarded, with arrays nested 5000 deep", 400, "malformed JSON", forwarded(tooDeep, relay,
                new String(ldSigned(tooDeep.body(), tooDeep.key()), StandardCharsets.UTF_8).replaceFirst("\\{",
                        "{\"to\":" + "[".repeat(5000) + "\"https://www.w3.org/ns/activitystreams#Public\"" + "]".repeat(5000)
                                + ",").getBytes(StandardCharsets.UTF_8))));
        Draft ftp = Draft.fresh();
        cases.add(new Case("a key id with the ftp scheme", 401, "only http and https URLs are fetched", ftp.signed(
                new SigningKey(ftp.key().keyId().replace("http://", "ftp://"), ftp.key().privateKey()), CAVAGE, Map.of())));
        String garbled = "garbled-" + names.incrementAndGet();
        peer.addActorPublishing(garbled, "-----BEGIN PUBLIC KEY-----\nthis is not a key at all\n-----END PUBLIC KEY-----\n");
        Draft garbage = Draft.of(garbled);
        cases.add(new Case("a key document whose publicKeyPem is garbage", 401, "cannot be read", garbage.signed(
                new SigningKey(peer.actorUrl(garbled) + "#main-key", Draft.fresh().key().privateKey()), CAVAGE, Map.of())));
        Draft metadata = Draft.fresh();
        SigningKey metadataKey = new SigningKey("http://169.254.169.254/latest/meta-data#main-key",
                metadata.key().privateKey());
        cases.add(new Case("a key id at 169.254.169.254, loopback allowed", 401, "link-local",
                metadata.signed(metadataKey, CAVAGE, Map.of())));
        cases.add(new Case("a key id at 169.254.169.254, loopback refused", 401, "link-local",
                metadata.request(guardedBase, "/inbox", metadata.headers(guardedBase, "/inbox", metadataKey))));
        Draft loopback = Draft.fresh();
        cases.add(new Case("a key id on 127.0.0.1, loopback refused", 401, "a loopback address",
                loopback.request(guardedBase, "/inbox", loopback.headers(guardedBase, "/inbox", loopback.key()))));

        // Inboxes that are not ours.
        for (String path : List.of("/accounts/nobody/inbox", "/video-channels/nobody/inbox")) {
            Draft draft = Draft.fresh();
            cases.add(new Case("the inbox " + path, 404, "no actor here has the inbox " + path,
                    draft.request(base, path, draft.headers(base, path, draft.key()))));
        }
        return cases;
    }

    /**
     * A Follow of ours by a sender on the peer, with a new id, before it is signed and sent; the
     * sender is fresh, so its key is not cached and each case shows whether it gets cached.
     */
    record Draft(String actor, String id, byte[] body) {

        static Draft fresh() {
            return of(newActor());
        }

        static Draft of(String actor) {
            String id = activityId();
            return new Draft(actor, id, follow(id, peer.actorUrl(actor)));
        }

        SigningKey key() {
            return peer.signingKey(actor);
        }

        /** The headers of a draft-cavage signature by {@code key} over {@code covered}, for the main inbox. */
        Map<String, String> headers(SigningKey key, List<String> covered, Map<String, String> preset, Clock clock) {
            return InboxChecksIT.signed(base, "/inbox", key, body, covered, preset, clock);
        }

        /** The headers of the usual signature by {@code key}, for {@code path} at {@code target}. */
        Map<String, String> headers(String target, String path, SigningKey key) {
            return InboxChecksIT.signed(target, path, key, body, CAVAGE, Map.of(), Clock.systemUTC());
        }

        Request request(String target, String path, Map<String, String> headers) {
            return new Request(target, path, headers, body, id, actor);
        }

        /** To the main shared inbox, signed now by {@code key} over {@code covered}, {@code preset} headers kept. */
        Request signed(SigningKey key, List<String> covered, Map<String, String> preset) {
            return request(base, "/inbox", headers(key, covered, preset, Clock.systemUTC()));
        }
    }

    /** A well-signed Follow whose Signature header is then rewritten by {@code rewrite}. */
    private static Case rewrittenCase(String name, int status, String reason,
            java.util.function.UnaryOperator<String> rewrite) {
        Draft draft = Draft.fresh();
        Map<String, String> headers = draft.headers(draft.key(), CAVAGE, Map.of(), Clock.systemUTC());
        headers.put("Signature", rewrite.apply(headers.get("Signature")));
        return new Case(name, status, reason, draft.request(base, "/inbox", headers));
    }

    /** A well-signed request whose body is {@code body}, sent with {@code contentType}. */
    private static Case bodyCase(String name, int status, String reason, byte[] body, String contentType) {
        String actor = newActor();
        Map<String, String> headers = signed(base, "/inbox", peer.signingKey(actor), body,
                List.of("(request-target)", "host", "date", "digest"), Map.of(), Clock.systemUTC());
        headers.put("Content-Type", contentType);
        return new Case(name, status, reason, new Request(base, "/inbox", headers, body, null, actor));
    }

    /** A well-signed Follow, changed by {@code change} before it is signed. */
    private static Case shapeCase(String name, int status, String reason,
            java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> change) throws Exception {
        Draft draft = Draft.fresh();
        var activity = (com.fasterxml.jackson.databind.node.ObjectNode) Api.JSON.readTree(draft.body());
        change.accept(activity);
        byte[] body = Api.JSON.writeValueAsBytes(activity);
        return new Case(name, status, reason, new Request(base, "/inbox", signed(base, "/inbox", draft.key(), body, CAVAGE,
                Map.of(), Clock.systemUTC()), body, draft.id(), draft.actor()));
    }

    private static Case coverageCase(String name, String reason, List<String> covered) {
        Draft draft = Draft.fresh();
        return new Case(name, 401, reason, draft.signed(draft.key(), covered, Map.of()));
    }

    private static Case dateCase(String name, int status, String reason, String date) {
        Draft draft = Draft.fresh();
        return new Case(name, status, reason, draft.signed(draft.key(), CAVAGE, Map.of("Date", date)));
    }

    /**
     * Mastodon's real POST of 2018, headers and bytes as it sent them (Host {@code localhost}):
     * refused for its Date, 8 years old. It goes to our shared inbox, since the account it was
     * sent to ({@code /accounts/ronan}) does not exist here and would be refused first (404).
     */
    private static Case mastodonFixtureAsIs() throws Exception {
        JsonNode fixture;
        try (InputStream in = InboxChecksIT.class.getResourceAsStream(MASTODON_FIXTURE)) {
            fixture = Api.JSON.readTree(in);
        }
        // The body as Mastodon sent it: compact, in its key order, with Rails' escaping of < and >.
        byte[] body = Api.JSON.writeValueAsString(fixture.path("body")).replace("<", "\\u003c").replace(">", "\\u003e")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        fixture.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        assertEquals(headers.get("digest"), digest(body), "the fixture's body is rebuilt byte for byte");
        headers.remove("content-length");
        JsonNode activity = fixture.path("body");
        return new Case("Mastodon's signed POST of 2018, headers and body as-is", 401,
                "Date Mon, 22 Oct 2018 13:34:22 GMT is", new Request(base, "/inbox", headers, body,
                        activity.path("id").asText(), activity.path("actor").asText(), true));
    }

    // --- requests

    private static String newActor() {
        String name = "sender-" + names.incrementAndGet();
        peer.addActor(name);
        return name;
    }

    private static String activityId() {
        return peer.base() + "/activities/" + UUID.randomUUID();
    }

    private static byte[] follow(String id, String actor) {
        return follow(id, actor, followed);
    }

    private static byte[] follow(String id, String actor, String object) {
        return ("{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + id + "\",\"type\":\"Follow\","
                + "\"actor\":\"" + actor + "\",\"object\":\"" + object + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] big(String filler) {
        StringBuilder text = new StringBuilder("{\"type\":\"Note\",\"content\":\"");
        while (text.length() <= 1024 * 1024) {
            text.append(filler);
        }
        return text.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static HttpMessage message(String target, String path, Map<String, String> headers, byte[] body) {
        return new HttpMessage("POST", URI.create(target + path), headers, body);
    }

    /**
     * The headers of a draft-cavage signature over {@code covered}, with {@code preset} headers
     * (a Date, a Digest) signed as they are instead of made.
     */
    private static Map<String, String> signed(String target, String path, SigningKey key, byte[] body,
            List<String> covered, Map<String, String> preset, Clock clock) {
        Map<String, String> headers = new LinkedHashMap<>(preset);
        headers.put("Content-Type", TYPE);
        headers.putAll(new RequestSigner(clock).signDraftCavage(message(target, path, headers, body), key, covered));
        return headers;
    }

    /** hs2019 over {@code (created)} and {@code (expires)}, which RequestSigner does not offer: built here. */
    private static Map<String, String> signedWithExpiry(String target, String path, SigningKey key, byte[] body,
            long created, long expires) throws Exception {
        String digest = digest(body);
        String signingString = "(request-target): post " + path + "\nhost: " + URI.create(target).getAuthority()
                + "\n(created): " + created + "\n(expires): " + expires + "\ndigest: " + digest;
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key.privateKey());
        rsa.update(signingString.getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", TYPE);
        headers.put("Digest", digest);
        headers.put("Signature", "keyId=\"" + key.keyId() + "\",algorithm=\"hs2019\",created=" + created + ",expires="
                + expires + ",headers=\"(request-target) host (created) (expires) digest\",signature=\""
                + Base64.getEncoder().encodeToString(rsa.sign()) + "\"");
        return headers;
    }

    private static String alterSignature(String header) {
        int at = header.indexOf("signature=\"") + "signature=\"".length() + 10;
        char c = header.charAt(at);
        return header.substring(0, at) + (c == 'A' ? 'B' : 'A') + header.substring(at + 1);
    }

    private static String digest(byte[] body) {
        return "SHA-256=" + Base64.getEncoder().encodeToString(sha256(body));
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(Request request) throws Exception {
        if (request.raw()) {
            return RawPost.send(URI.create(request.target()), request.path(), request.headers(), request.body());
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.target() + request.path()))
                .timeout(Duration.ofSeconds(90)).POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        // A connection of its own: once a megabyte POST was left unread on a kept-alive connection to
        // the gateway after a pause between tests, and the case waited forever. No case should
        // depend on what the one before left on a connection.
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    // --- what is stored

    private static void assertNothingStored(Request request, Set<Map<String, AttributeValue>> before) {
        assertEquals(before, scan(), "the table is unchanged");
        if (request.activityId() != null) {
            assertTrue(item(TableLayout.activityPk(request.activityId()), TableLayout.ACTIVITY_SK).isEmpty(),
                    "no activity item");
        }
        if (request.signer() != null) {
            String actor = request.signer().startsWith("http") ? request.signer() : peer.actorUrl(request.signer());
            assertTrue(item(TableLayout.remoteActorPk(actor), TableLayout.REMOTE_ACTOR_SK).isEmpty(), "no remote actor");
            assertTrue(item(TableLayout.followersPk(followed), TableLayout.FOLLOWER_SK_PREFIX + actor).isEmpty(),
                    "no follower");
        }
        assertEquals(0, inboundCount(), "no message on the inbound queue");
    }

    private static Set<Map<String, AttributeValue>> scan() {
        Set<Map<String, AttributeValue>> items = new HashSet<>();
        dynamo.scanPaginator(s -> s.tableName(table).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    private static Optional<Map<String, AttributeValue>> item(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true).key(Map.of(
                StackDefinition.PK, AttributeValue.fromS(pk), StackDefinition.SK, AttributeValue.fromS(sk)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Visible, in flight and delayed: every message the queue holds. */
    private static int inboundCount() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(g -> g.queueUrl(inboundQueue).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** Receives and deletes what the inbound queue holds; returns how many messages there were. */
    private static int drainInbound() {
        int drained = 0;
        while (true) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(inboundQueue).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            if (messages.isEmpty()) {
                return drained;
            }
            for (Message message : messages) {
                sqs.deleteMessage(d -> d.queueUrl(inboundQueue).receiptHandle(message.receiptHandle()));
                drained++;
            }
        }
    }

    /**
     * A POST written on a socket, for the one request Java's HTTP client will not send: one whose
     * Host header is not the server's address.
     */
    private static final class RawPost {

        static HttpResponse<String> send(URI server, String path, Map<String, String> headers, byte[] body)
                throws IOException {
            try (Socket socket = new Socket(server.getHost(), server.getPort())) {
                socket.setSoTimeout(30_000);
                StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\n");
                headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
                head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
                OutputStream out = socket.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int status = Integer.parseInt(response.split(" ", 3)[1]);
                String responseHead = response.substring(0, response.indexOf("\r\n\r\n"));
                String responseBody = response.substring(response.indexOf("\r\n\r\n") + 4);
                if (responseHead.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                    responseBody = unchunk(responseBody);
                }
                return new RawResponse(status, responseBody, server.resolve(path));
            }
        }

        private static String unchunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }
    }

    /** The answer read off the socket, in the client's shape. */
    private record RawResponse(int statusCode, String body, URI uri) implements HttpResponse<String> {

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(uri).build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        @Override
        public Optional<javax.net.ssl.SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
