package org.nuage.core.federation.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nuage.core.json.Json;

/**
 * A real inbox POST made by Mastodon 2.5.0 (PeerTube's fixture {@code http-signature.json}), checked
 * as the fixtures' README says it must be: good with {@code public-key.json} at the time it was
 * sent, refused today, with the altered key, with the altered signature, and with another body.
 */
class MastodonHttpSignatureTest {

    private static final Clock WHEN_SENT = Fixtures.clockAt("2018-10-22T13:34:30Z");
    private static final String KEY_ID = "http://localhost:3000/users/ronan2#main-key";

    private final PublicKey mastodonKey = Fixtures.publicKey(Fixtures.MASTODON + "public-key.json");

    /**
     * The fixture keeps the body as a pretty-printed object. Mastodon (Rails) sent it compact, in
     * key order, with '/' and non-ASCII left alone and '<' and '>' escaped as \u003c and \u003e.
     */
    static byte[] bodyAsSent(JsonNode fixture) {
        String compact = Json.write(fixture.get("body"));
        return compact.replace("<", "\\u003c").replace(">", "\\u003e").getBytes(StandardCharsets.UTF_8);
    }

    static HttpMessage inboxPost(String fixture, byte[] body) {
        JsonNode json = Fixtures.json(Fixtures.MASTODON + fixture);
        Map<String, String> headers = new LinkedHashMap<>();
        json.get("headers").properties().forEach(field -> headers.put(field.getKey(), field.getValue().asText()));
        // The method and path are not stored; PeerTube's own test uses these.
        return HttpMessage.received("POST", "http", "/accounts/ronan/inbox", headers, body);
    }

    static HttpMessage inboxPost(String fixture) {
        return inboxPost(fixture, bodyAsSent(Fixtures.json(Fixtures.MASTODON + fixture)));
    }

    @Test
    void rebuiltBodyHasTheLengthAndDigestMastodonSent() throws Exception {
        HttpMessage request = inboxPost("http-signature.json");
        assertEquals(2815, request.body().length);
        assertEquals("2815", request.header("content-length").orElseThrow());
        String digest = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(request.body()));
        assertEquals("SHA-256=" + digest, request.header("digest").orElseThrow());
        assertEquals("SHA-256=FEr5j2WSSfdEMcG3NTOXuGU0lUchfTJx4+BtUlWOwDk=", "SHA-256=" + digest);
    }

    @Test
    void verifiesMastodonInboxPostWithItsPublishedKeyAtTheTimeItWasSent() {
        HttpMessage request = inboxPost("http-signature.json");
        RequestSignature signature = new SignatureVerifier(WHEN_SENT).read(request);
        assertEquals(KEY_ID, signature.keyId());
        assertEquals("""
                (request-target): post /accounts/ronan/inbox
                host: localhost
                date: Mon, 22 Oct 2018 13:34:22 GMT
                digest: SHA-256=FEr5j2WSSfdEMcG3NTOXuGU0lUchfTJx4+BtUlWOwDk=
                content-type: application/activity+json""", signature.signedText());

        VerifiedSignature verified = signature.verify(mastodonKey);
        assertEquals(KEY_ID, verified.keyId());
        assertEquals(SignatureScheme.DRAFT_CAVAGE, verified.scheme());
        assertEquals(SignatureAlgorithm.RSA_V1_5_SHA256, verified.algorithm());
        assertEquals(List.of("(request-target)", "host", "date", "digest", "content-type"), verified.components());
        assertEquals(Instant.parse("2018-10-22T13:34:22Z"), verified.signedAt());
    }

    @Test
    void verifiesThroughTheKeyLookupPort() {
        VerifiedSignature verified = new SignatureVerifier(WHEN_SENT).verify(inboxPost("http-signature.json"),
                keyId -> KEY_ID.equals(keyId) ? Optional.of(mastodonKey) : Optional.empty());
        assertEquals(KEY_ID, verified.keyId());
    }

    @Test
    void refusesTheSameRequestUnderTodaysClockAsTooOld() {
        SignatureRefusal refusal = assertThrows(SignatureRefusal.class,
                () -> new SignatureVerifier(Clock.systemUTC()).verify(inboxPost("http-signature.json"), Fixtures.untouchable()));
        assertEquals(SignatureRefusal.Reason.OUTSIDE_TIME_WINDOW, refusal.reason());
        assertEquals(401, refusal.status());
        assertTrue(refusal.getMessage().startsWith("Date Mon, 22 Oct 2018 13:34:22 GMT is "), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("days before our clock"), refusal.getMessage());
    }

    @Test
    void refusesTheSignatureWithTheAlteredPublicKeyAsAMismatchNotAParseError() {
        PublicKey altered = Fixtures.publicKey(Fixtures.MASTODON + "bad-public-key.json");
        assertEquals(2048, ((RSAPublicKey) altered).getModulus().bitLength());
        assertNotEquals(mastodonKey, altered);

        RequestSignature signature = new SignatureVerifier(WHEN_SENT).read(inboxPost("http-signature.json"));
        SignatureRefusal refusal = assertThrows(SignatureRefusal.class, () -> signature.verify(altered));
        assertEquals(SignatureRefusal.Reason.BAD_SIGNATURE, refusal.reason());
        assertEquals("the signature does not verify with the key of " + KEY_ID + " (tried rsa-v1_5-sha256)",
                refusal.getMessage());
    }

    @Test
    void refusesTheAlteredSignature() {
        RequestSignature signature = new SignatureVerifier(WHEN_SENT).read(inboxPost("bad-http-signature.json"));
        SignatureRefusal refusal = assertThrows(SignatureRefusal.class, () -> signature.verify(mastodonKey));
        assertEquals(SignatureRefusal.Reason.BAD_SIGNATURE, refusal.reason());
    }

    @Test
    void refusesActivityWhoseBodyDoesNotMatchTheSignedDigest() {
        byte[] changed = bodyAsSent(Fixtures.json(Fixtures.MASTODON + "http-signature.json"));
        int at = new String(changed, StandardCharsets.UTF_8).indexOf("ronan2");
        changed[at] = 'R';
        SignatureRefusal refusal = assertThrows(SignatureRefusal.class, () -> new SignatureVerifier(WHEN_SENT)
                .verify(inboxPost("http-signature.json", changed), Fixtures.untouchable()));
        assertEquals(SignatureRefusal.Reason.DIGEST_MISMATCH, refusal.reason());
        assertTrue(refusal.getMessage().startsWith("Digest sha-256 does not match the body: computed "),
                refusal.getMessage());
        assertTrue(refusal.getMessage().endsWith("given FEr5j2WSSfdEMcG3NTOXuGU0lUchfTJx4+BtUlWOwDk="),
                refusal.getMessage());
    }

    @Test
    void refusesTheSameActivityReserialisedBecauseDigestsCoverTheBytesReceived() {
        byte[] plain = Json.write(Fixtures.json(Fixtures.MASTODON + "http-signature.json").get("body"))
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(2655, plain.length);
        SignatureRefusal refusal = assertThrows(SignatureRefusal.class, () -> new SignatureVerifier(WHEN_SENT)
                .read(inboxPost("http-signature.json", plain)));
        assertEquals(SignatureRefusal.Reason.DIGEST_MISMATCH, refusal.reason());
    }

    @Test
    void refusesTheSignatureForAnotherInbox() {
        JsonNode json = Fixtures.json(Fixtures.MASTODON + "http-signature.json");
        Map<String, String> headers = new LinkedHashMap<>();
        json.get("headers").properties().forEach(field -> headers.put(field.getKey(), field.getValue().asText()));
        HttpMessage elsewhere = HttpMessage.received("POST", "http", "/inbox", headers, bodyAsSent(json));
        RequestSignature signature = new SignatureVerifier(WHEN_SENT).read(elsewhere);
        assertEquals(SignatureRefusal.Reason.BAD_SIGNATURE,
                assertThrows(SignatureRefusal.class, () -> signature.verify(mastodonKey)).reason());
    }

    @Test
    void signatureBytesOfTheTwoFixturesDifferInOneCharacterOnly() {
        String good = inboxPost("http-signature.json").header("signature").orElseThrow();
        String bad = inboxPost("bad-http-signature.json").header("signature").orElseThrow();
        assertEquals(good.length(), bad.length());
        int differences = 0;
        for (int i = 0; i < good.length(); i++) {
            differences += good.charAt(i) == bad.charAt(i) ? 0 : 1;
        }
        assertEquals(1, differences);
        assertArrayEquals(inboxPost("http-signature.json").body(), inboxPost("bad-http-signature.json").body());
    }
}
