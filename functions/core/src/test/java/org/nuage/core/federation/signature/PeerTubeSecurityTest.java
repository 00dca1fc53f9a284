package org.nuage.core.federation.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * PeerTube's server-side HTTP-signature test (packages/tests/src/api/activitypub/security.ts)
 * replayed against our verifier: requests signed at run time with {@code keys.json}, carrying
 * PeerTube's Announce template, refused or accepted as PeerTube's server does.
 */
class PeerTubeSecurityTest {

    private static final Clock NOW = Fixtures.clockAt("2026-11-26T10:00:00Z");
    private static final String KEY_ID = "http://127.0.0.1:9002/accounts/peertube";

    private final PrivateKey privateKey = Fixtures.privateKey(Fixtures.PEERTUBE + "keys.json");
    private final PublicKey publicKey = Fixtures.publicKey(Fixtures.PEERTUBE + "keys.json");
    private final SigningKey signingKey = new SigningKey(KEY_ID, privateKey);
    private final RequestSigner signer = new RequestSigner(NOW);
    private final SignatureVerifier verifier = new SignatureVerifier(NOW);

    private static HttpMessage announce() {
        return new HttpMessage("POST", URI.create("http://localhost:9001/inbox"),
                Map.of("content-type", "application/activity+json"),
                Fixtures.bytes(Fixtures.PEERTUBE + "announce-without-context.json"));
    }

    /** The request as it arrives: what the signer added, plus the Host the client sent. */
    private static HttpMessage sent(HttpMessage request, Map<String, String> added) {
        return request.withHeaders(added).withHeader("host", "localhost:9001");
    }

    private VerifiedSignature verify(HttpMessage request, PublicKey key) {
        return verifier.verify(request, keyId -> KEY_ID.equals(keyId) ? Optional.of(key) : Optional.empty());
    }

    @Test
    void publicKeyOfTheFixtureMatchesItsPkcs1PrivateKey() {
        assertEquals(((RSAPublicKey) publicKey).getModulus(), ((RSAPrivateCrtKey) privateKey).getModulus());
    }

    @Test
    void acceptsANormalSignatureOverRequestTargetHostDateDigest() {
        List<String> peerTubeHeaders = List.of("(request-target)", "host", "date", "digest");
        HttpMessage request = announce();
        VerifiedSignature verified = verify(sent(request, signer.signDraftCavage(request, signingKey, peerTubeHeaders)),
                publicKey);
        assertEquals(peerTubeHeaders, verified.components());
        assertEquals(NOW.instant(), verified.signedAt());
    }

    @Test
    void acceptsADraft11SignatureOverCreatedWithoutDateAsPeerTubeSendsIt() {
        HttpMessage request = announce();
        Map<String, String> added = signer.signDraftCavage(request, signingKey,
                List.of("(request-target)", "(created)", "host", "digest"));
        assertEquals(List.of("Digest", "Signature"), List.copyOf(added.keySet()), "no Date is added");
        // Our signer names the algorithm hs2019 as the draft asks; PeerTube's test says rsa-sha256.
        // The name is not signed, so both must pass.
        String hs2019 = added.get("Signature");
        assertTrue(hs2019.contains("algorithm=\"hs2019\",created=" + NOW.instant().getEpochSecond() + ","), hs2019);
        assertEquals(NOW.instant(), verify(sent(request, added), publicKey).signedAt());

        added.put("Signature", hs2019.replace("algorithm=\"hs2019\"", "algorithm=\"rsa-sha256\""));
        VerifiedSignature peerTubeStyle = verify(sent(request, added), publicKey);
        assertEquals(SignatureAlgorithm.RSA_V1_5_SHA256, peerTubeStyle.algorithm());
        assertEquals(List.of("(request-target)", "(created)", "host", "digest"), peerTubeStyle.components());
    }

    @Test
    void refusesADigestThatDoesNotMatchTheBody() {
        // PeerTube's case: a good signature over a Digest of {"hello":"coucou"}, sent with the Announce.
        HttpMessage request = announce().withHeader("digest",
                BodyDigests.digestHeader("{\"hello\":\"coucou\"}".getBytes(StandardCharsets.UTF_8)));
        HttpMessage arriving = sent(request, signer.signDraftCavage(request, signingKey));
        SignatureRefusal refusal = assertThrows(SignatureRefusal.class, () -> verify(arriving, publicKey));
        assertEquals(SignatureRefusal.Reason.DIGEST_MISMATCH, refusal.reason());
    }

    @Test
    void refusesADateOfOctober2015() {
        HttpMessage request = announce().withHeader("date", "Wed, 21 Oct 2015 07:28:00 GMT");
        HttpMessage arriving = sent(request, signer.signDraftCavage(request, signingKey));
        SignatureRefusal refusal = assertThrows(SignatureRefusal.class, () -> verify(arriving, publicKey));
        assertEquals(SignatureRefusal.Reason.OUTSIDE_TIME_WINDOW, refusal.reason());
        assertEquals("Date Wed, 21 Oct 2015 07:28:00 GMT is 4054 days before our clock (2026-11-26T10:00:00Z);"
                + " we accept 12 hours either way", refusal.getMessage());
    }

    @ParameterizedTest(name = "signed over {0}")
    @CsvSource(delimiter = '|', value = {
        "(request-target) date digest | host",
        "host date digest             | (request-target)",
        "(request-target) host digest | date or (created)"})
    void refusesASignatureThatLeavesOutARequiredHeader(String covered, String missing) {
        HttpMessage request = announce();
        HttpMessage arriving = sent(request, signer.signDraftCavage(request, signingKey, List.of(covered.split(" "))));
        SignatureRefusal refusal = assertThrows(SignatureRefusal.class, () -> verify(arriving, publicKey));
        assertEquals(SignatureRefusal.Reason.INSUFFICIENT_COVERAGE, refusal.reason());
        assertEquals("the signature covers " + covered + " but must also cover " + missing, refusal.getMessage());
    }

    @Test
    void refusesAPostWhoseSignatureLeavesOutTheDigest() {
        HttpMessage request = announce();
        HttpMessage arriving = sent(request, signer.signDraftCavage(request, signingKey,
                List.of("(request-target)", "host", "date")));
        SignatureRefusal refusal = assertThrows(SignatureRefusal.class, () -> verify(arriving, publicKey));
        assertEquals(SignatureRefusal.Reason.INSUFFICIENT_COVERAGE, refusal.reason());
        assertTrue(refusal.getMessage().endsWith("digest or content-digest, which a POST with a body needs"),
                refusal.getMessage());
    }

    @Test
    void refusesKeysThatDoNotMatch() {
        PrivateKey invalidPrivate = Fixtures.privateKey(Fixtures.PEERTUBE + "invalid-keys.json");
        PublicKey invalidPublic = Fixtures.publicKey(Fixtures.PEERTUBE + "invalid-keys.json");
        assertEquals(((RSAPrivateCrtKey) privateKey).getPrivateExponent(),
                ((RSAPrivateCrtKey) invalidPrivate).getPrivateExponent(), "the fixture keeps the same private key");

        HttpMessage request = announce();
        HttpMessage arriving = sent(request, signer.signDraftCavage(request, new SigningKey(KEY_ID, invalidPrivate)));
        SignatureRefusal refusal = assertThrows(SignatureRefusal.class, () -> verify(arriving, invalidPublic));
        assertEquals(SignatureRefusal.Reason.BAD_SIGNATURE, refusal.reason());
        assertEquals(401, refusal.status());
        // The same request checks with the matching public key.
        assertEquals(KEY_ID, verify(arriving, publicKey).keyId());
    }

    @Test
    void refusesASignatureWhoseKeyIsUnknown() {
        HttpMessage request = announce();
        HttpMessage arriving = sent(request, signer.signDraftCavage(request,
                new SigningKey("http://127.0.0.1:9002/accounts/someone-else", privateKey)));
        SignatureRefusal refusal = assertThrows(SignatureRefusal.class, () -> verify(arriving, publicKey));
        assertEquals(SignatureRefusal.Reason.UNKNOWN_KEY, refusal.reason());
        assertEquals("no public key is known for key id http://127.0.0.1:9002/accounts/someone-else",
                refusal.getMessage());
    }
}
