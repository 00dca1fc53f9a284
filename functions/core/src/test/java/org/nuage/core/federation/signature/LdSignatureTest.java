package org.nuage.core.federation.signature;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nuage.core.json.Json;

/**
 * RsaSignature2017 on the captured fixtures, as their README says: Mastodon's signed Create{Note}
 * verifies with its key and fails with the altered key or an altered signature value; PeerTube's
 * Announce template, given the standard context and signed with PeerTube's test key, verifies,
 * and fails with the mismatched public key or once its actor is changed.
 */
class LdSignatureTest {

    private static final String PEERTUBE_CONTEXT_ANNOUNCE = Fixtures.PEERTUBE + "announce-without-context.json";
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final LdSignature ld = new LdSignature();

    @Test
    void verifiesMastodonsSignedCreateWithItsKey() {
        JsonNode create = Fixtures.json(Fixtures.MASTODON + "create.json");
        assertDoesNotThrow(() -> ld.verify(create, actor(create), Fixtures.publicKey(Fixtures.MASTODON + "public-key.json")));
    }

    @Test
    void verifiesTheLdSignatureInsideMastodonsSignedPost() {
        JsonNode body = Fixtures.json(Fixtures.MASTODON + "http-signature.json").get("body");
        assertDoesNotThrow(() -> ld.verify(body, actor(body), Fixtures.publicKey(Fixtures.MASTODON + "public-key.json")));
    }

    @Test
    void refusesMastodonsCreateWithTheAlteredKey() {
        JsonNode create = Fixtures.json(Fixtures.MASTODON + "create.json");
        LdSignature.Invalid refused = assertThrows(LdSignature.Invalid.class,
                () -> ld.verify(create, actor(create), Fixtures.publicKey(Fixtures.MASTODON + "bad-public-key.json")));
        assertTrue(refused.getMessage().contains("does not verify"), refused.getMessage());
    }

    @Test
    void refusesAnAlteredSignatureValueWithEitherKey() {
        JsonNode create = Fixtures.json(Fixtures.MASTODON + "create-bad-signature.json");
        for (String key : List.of("public-key.json", "bad-public-key.json")) {
            LdSignature.Invalid refused = assertThrows(LdSignature.Invalid.class,
                    () -> ld.verify(create, actor(create), Fixtures.publicKey(Fixtures.MASTODON + key)));
            assertTrue(refused.getMessage().contains("does not verify"), key + ": " + refused.getMessage());
        }
    }

    @Test
    void refusesMastodonsCreateOnceItsContentIsChanged() {
        ObjectNode create = (ObjectNode) Fixtures.json(Fixtures.MASTODON + "create.json");
        ((ObjectNode) create.get("object")).put("content", "<p>words the author never wrote</p>");
        assertThrows(LdSignature.Invalid.class,
                () -> ld.verify(create, actor(create), Fixtures.publicKey(Fixtures.MASTODON + "public-key.json")));
    }

    @Test
    void peerTubesAnnounceSignedWithItsTestKeyVerifies() {
        ObjectNode signed = ld.sign(peerTubeAnnounce(), peerTubeKey(), NOW);
        assertDoesNotThrow(() -> ld.verify(signed, actor(signed), Fixtures.publicKey(Fixtures.PEERTUBE + "keys.json")));
    }

    @Test
    void peerTubesAnnounceFailsWithTheMismatchedPublicKey() {
        ObjectNode signed = ld.sign(peerTubeAnnounce(), peerTubeKey(), NOW);
        assertThrows(LdSignature.Invalid.class,
                () -> ld.verify(signed, actor(signed), Fixtures.publicKey(Fixtures.PEERTUBE + "invalid-keys.json")));
    }

    @Test
    void peerTubesAnnounceFailsWhenItsActorIsChangedAfterSigning() {
        ObjectNode signed = ld.sign(peerTubeAnnounce(), peerTubeKey(), NOW);
        signed.put("actor", "http://127.0.0.1:9002/accounts/root");
        LdSignature.Invalid refused = assertThrows(LdSignature.Invalid.class,
                () -> ld.verify(signed, actor(signed), Fixtures.publicKey(Fixtures.PEERTUBE + "keys.json")));
        assertTrue(refused.getMessage().contains("does not verify"), refused.getMessage());
    }

    @Test
    void aDocumentWithoutContextIsAnEmptyGraphAndItsSignatureProvesNothing() {
        // Without @context every member is dropped, and a signature over the empty graph would hold
        // for any actor and object: we neither make nor accept one.
        JsonNode bare = Fixtures.json(PEERTUBE_CONTEXT_ANNOUNCE);
        LdSignature.Invalid unsigned = assertThrows(LdSignature.Invalid.class, () -> ld.sign(bare, peerTubeKey(), NOW));
        assertTrue(unsigned.getMessage().contains("does not state that"), unsigned.getMessage());
        ObjectNode signed = ld.sign(peerTubeAnnounce(), peerTubeKey(), NOW);
        signed.remove("@context");
        LdSignature.Invalid refused = assertThrows(LdSignature.Invalid.class,
                () -> ld.verify(signed, actor(signed), Fixtures.publicKey(Fixtures.PEERTUBE + "keys.json")));
        assertTrue(refused.getMessage().contains("does not state that"), refused.getMessage());
    }

    @Test
    void aContextWeDoNotHoldIsNeitherFetchedNorSigned() {
        ObjectNode announce = peerTubeAnnounce();
        announce.set("@context", Json.MAPPER.valueToTree(List.of(LdContexts.ACTIVITY_STREAMS,
                "http://169.254.169.254/latest/meta-data/context.jsonld")));
        LdSignature.Invalid refused = assertThrows(LdSignature.Invalid.class, () -> ld.sign(announce, peerTubeKey(), NOW));
        assertTrue(refused.getMessage().contains("http://169.254.169.254/latest/meta-data/context.jsonld is not one we hold"),
                refused.getMessage());
        ObjectNode signedElsewhere = ld.sign(peerTubeAnnounce(), peerTubeKey(), NOW);
        signedElsewhere.set("@context", announce.get("@context"));
        LdSignature.Invalid unverifiable = assertThrows(LdSignature.Invalid.class,
                () -> ld.verify(signedElsewhere, actor(signedElsewhere), Fixtures.publicKey(Fixtures.PEERTUBE + "keys.json")));
        assertTrue(unverifiable.getMessage().contains("is not one we hold"), unverifiable.getMessage());
    }

    @Test
    void verifiesFedifysSignatureOnItsFollowWhoseContextNamesDataIntegrityDidAndMultikey() {
        JsonNode follow = Fixtures.json(Fixtures.FEDIFY + "follow.json");
        assertTrue(follow.get("@context").toString().contains(LdContexts.DATA_INTEGRITY_V1), follow.toString());
        assertDoesNotThrow(() -> ld.verify(follow, actor(follow), fedifyKey()));
    }

    @Test
    void refusesFedifysFollowOnceItsObjectIsChanged() {
        ObjectNode follow = (ObjectNode) Fixtures.json(Fixtures.FEDIFY + "follow.json");
        follow.put("object", "http://127.0.0.1:18801/accounts/mallory");
        LdSignature.Invalid refused = assertThrows(LdSignature.Invalid.class,
                () -> ld.verify(follow, actor(follow), fedifyKey()));
        assertTrue(refused.getMessage().contains("does not verify"), refused.getMessage());
    }

    @Test
    void signsAndVerifiesAnActivityNamingEachBundledContext() {
        KeyPair pair = RsaKeys.generate();
        String actor = "https://akkoma.example/users/zoe";
        for (String context : List.of(LdContexts.SECURITY_V1, LdContexts.DATA_INTEGRITY_V1,
                "https://w3id.org/security/data-integrity/v2", "https://www.w3.org/ns/did/v1",
                "https://w3id.org/security/multikey/v1", "https://purl.archive.org/socialweb/webfinger",
                "https://gotosocial.org/ns", "https://purl.archive.org/miscellany", "http://joinmastodon.org/ns",
                "https://w3id.org/fep/5711", "https://w3id.org/fep/7aa9", "https://w3id.org/fep/ef61",
                "https://join-lemmy.org/context.json", "https://akkoma.example/schemas/litepub-0.1.jsonld")) {
            ObjectNode create = Json.MAPPER.createObjectNode();
            create.set("@context", Json.MAPPER.valueToTree(List.of(LdContexts.ACTIVITY_STREAMS, context)));
            create.put("id", actor + "/activities/1");
            create.put("type", "Create");
            create.put("actor", actor);
            create.set("object", Json.MAPPER.valueToTree(Map.of("id", actor + "/notes/1", "type", "Note",
                    "content", "salut", "conversation", "https://akkoma.example/contexts/1")));
            ObjectNode signed = ld.sign(create, new SigningKey(actor + "#main-key", pair.getPrivate()), NOW);
            assertDoesNotThrow(() -> ld.verify(signed, actor, pair.getPublic()), context);
        }
    }

    @Test
    void litePubsConversationOfAPleromaPostIsCoveredByItsSignature() {
        KeyPair pair = RsaKeys.generate();
        String actor = "https://pleroma.example/users/zoe";
        ObjectNode create = Json.MAPPER.createObjectNode();
        create.set("@context", Json.MAPPER.valueToTree(List.of(LdContexts.ACTIVITY_STREAMS,
                "https://pleroma.example/schemas/litepub-0.1.jsonld", Map.of("@language", "und"))));
        create.put("id", actor + "/activities/1");
        create.put("type", "Create");
        create.put("actor", actor);
        create.set("object", Json.MAPPER.valueToTree(Map.of("id", actor + "/objects/1", "type", "Note",
                "content", "salut", "conversation", "https://pleroma.example/contexts/1")));
        ObjectNode signed = ld.sign(create, new SigningKey(actor + "#main-key", pair.getPrivate()), NOW);
        assertDoesNotThrow(() -> ld.verify(signed, actor, pair.getPublic()));
        ((ObjectNode) signed.get("object")).put("conversation", "https://pleroma.example/contexts/2");
        assertThrows(LdSignature.Invalid.class, () -> ld.verify(signed, actor, pair.getPublic()));
    }

    @Test
    void theLitePubContextIsKnownByItsPathOnWebHostsOnly() {
        ObjectNode announce = peerTubeAnnounce();
        for (String context : List.of("ftp://pleroma.example/schemas/litepub-0.1.jsonld",
                "https://pleroma.example/schemas/litepub-0.1.jsonld?v=2")) {
            announce.set("@context", Json.MAPPER.valueToTree(List.of(LdContexts.ACTIVITY_STREAMS, context)));
            LdSignature.Invalid refused = assertThrows(LdSignature.Invalid.class, () -> ld.sign(announce, peerTubeKey(), NOW));
            assertTrue(refused.getMessage().contains("is not one we hold"), refused.getMessage());
        }
    }

    @Test
    void ourCreateOfANoteVerifiesWithOurVerifierAndWithTheReadmesAlgorithm() throws Exception {
        KeyPair pair = RsaKeys.generate();
        String actor = "https://nuage.example/accounts/alice";
        Map<String, Object> note = Map.of("id", "https://nuage.example/videos/watch/u/comments/1", "type", "Note",
                "attributedTo", actor, "inReplyTo", "https://peertube.example/videos/watch/v",
                "content", "<p>Bonjour &amp; merci</p>", "mediaType", "text/html", "published", "2026-11-26T11:59:00Z",
                "to", List.of("https://www.w3.org/ns/activitystreams#Public"), "cc", List.of(actor + "/followers"),
                "tag", List.of(Map.of("type", "Mention", "href", "https://peertube.example/accounts/bob", "name", "@bob")));
        Map<String, Object> create = new java.util.LinkedHashMap<>();
        create.put("@context", LdContexts.ACTIVITY_STREAMS);
        create.put("id", "https://nuage.example/videos/watch/u/comments/1/activity");
        create.put("type", "Create");
        create.put("actor", actor);
        create.put("object", note);
        ObjectNode signed = ld.sign(Json.MAPPER.valueToTree(create), new SigningKey(actor + "#main-key", pair.getPrivate()),
                NOW);

        assertEquals(actor + "#main-key", signed.at("/signature/creator").asText());
        assertEquals("2026-11-26T12:00:00Z", signed.at("/signature/created").asText());
        assertDoesNotThrow(() -> ld.verify(signed, actor, pair.getPublic()));
        // The same bytes another server receives, checked without our verifier.
        assertTrue(ReadmeAlgorithm.verifies(Json.write(signed), pair.getPublic()));
        assertTrue(ReadmeAlgorithm.verifies(new String(Fixtures.bytes(Fixtures.MASTODON + "create.json"),
                java.nio.charset.StandardCharsets.UTF_8), Fixtures.publicKey(Fixtures.MASTODON + "public-key.json")),
                "the README's algorithm, as written in the test, checks Mastodon's fixture too");
    }

    @Test
    void aSignatureThatIsNotAnObjectOrLacksItsValueIsRefusedWithItsReason() {
        ObjectNode create = (ObjectNode) Fixtures.json(Fixtures.MASTODON + "create.json");
        PublicKey key = Fixtures.publicKey(Fixtures.MASTODON + "public-key.json");
        ((ObjectNode) create.get("signature")).remove("signatureValue");
        assertTrue(assertThrows(LdSignature.Invalid.class, () -> ld.verify(create, actor(create), key)).getMessage()
                .contains("no 'signatureValue'"));
        create.put("signature", "yes");
        assertTrue(assertThrows(LdSignature.Invalid.class, () -> ld.verify(create, actor(create), key)).getMessage()
                .contains("not an object"));
        create.remove("signature");
        assertTrue(assertThrows(LdSignature.Invalid.class, () -> ld.verify(create, actor(create), key)).getMessage()
                .contains("carries no LD signature"));
    }

    @Test
    void theBundledContextsDefineEveryTermOfMastodonsCachedCopiesTheSameWay() throws Exception {
        for (Map.Entry<String, String> entry : Map.of("activitystreams", "activitystreams.jsonld",
                "security", "security-v1.jsonld", "identity", "identity-v1.jsonld").entrySet()) {
            String cached = new String(Fixtures.bytes("/activitypub/mastodon/requests/json-ld." + entry.getKey() + ".txt"),
                    java.nio.charset.StandardCharsets.UTF_8);
            var theirs = Json.MAPPER.readTree(cached.substring(cached.indexOf("\n\n") + 2)).path("@context");
            var ours = Json.MAPPER.readTree(Fixtures.bytes("/org/nuage/core/federation/signature/contexts/"
                    + entry.getValue())).path("@context");
            theirs.fieldNames().forEachRemaining(term -> assertEquals(theirs.get(term), ours.get(term),
                    entry.getValue() + " defines " + term + " as Mastodon's copy does"));
        }
    }

    /** PeerTube's Announce template with the context its tests add before signing. */
    private static ObjectNode peerTubeAnnounce() {
        ObjectNode announce = Json.MAPPER.createObjectNode();
        announce.set("@context", Json.MAPPER.valueToTree(List.of(LdContexts.ACTIVITY_STREAMS, LdContexts.SECURITY_V1,
                Map.of("RsaSignature2017", "https://w3id.org/security#RsaSignature2017"))));
        announce.setAll((ObjectNode) Fixtures.json(PEERTUBE_CONTEXT_ANNOUNCE));
        return announce;
    }

    private static SigningKey peerTubeKey() {
        return new SigningKey("http://127.0.0.1:9002/accounts/peertube#main-key",
                Fixtures.privateKey(Fixtures.PEERTUBE + "keys.json"));
    }

    private static PublicKey fedifyKey() {
        return RsaKeys.readPublicKey(Fixtures.json(Fixtures.FEDIFY + "actor.json").at("/publicKey/publicKeyPem").asText());
    }

    private static String actor(JsonNode activity) {
        return activity.path("actor").asText();
    }
}
