package org.nuage.core.federation.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What our outgoing draft-cavage signatures look like, and that our verifier and the draft agree on them. */
class RequestSignerTest {

    private static final Clock NOW = Fixtures.clockAt("2026-11-05T08:09:10Z");
    private static final String KEY_ID = "https://nuage.example/accounts/alice#main-key";

    private final SigningKey key = new SigningKey(KEY_ID, Fixtures.privateKey(Fixtures.PEERTUBE + "keys.json"));
    private final PublicKey publicKey = Fixtures.publicKey(Fixtures.PEERTUBE + "keys.json");
    private final RequestSigner signer = new RequestSigner(NOW);

    private static final Pattern SIGNATURE = Pattern.compile(
            "keyId=\"([^\"]+)\",algorithm=\"rsa-sha256\",headers=\"([^\"]+)\",signature=\"([A-Za-z0-9+/=]+)\"");

    private static final byte[] FOLLOW = """
            {"@context":"https://www.w3.org/ns/activitystreams","id":"https://nuage.example/follows/1",\
            "type":"Follow","actor":"https://nuage.example/accounts/alice","object":"https://peer.example/users/bob"}"""
            .getBytes(StandardCharsets.UTF_8);

    private VerifiedSignature verifyAsReceived(HttpMessage request, Map<String, String> added, String host) {
        HttpMessage arriving = request.withHeaders(added).withHeader("host", host);
        return new SignatureVerifier(NOW).verify(arriving,
                keyId -> KEY_ID.equals(keyId) ? Optional.of(publicKey) : Optional.empty());
    }

    @Test
    void signsADeliveryOverRequestTargetHostDateDigestAndContentType() throws Exception {
        HttpMessage post = new HttpMessage("POST", URI.create("https://peer.example/users/bob/inbox"),
                Map.of("Content-Type", "application/activity+json"), FOLLOW);
        Map<String, String> added = signer.signDraftCavage(post, key);

        assertEquals(List.of("Date", "Digest", "Signature"), List.copyOf(added.keySet()));
        assertEquals("Thu, 05 Nov 2026 08:09:10 GMT", added.get("Date"));
        assertEquals("SHA-256=" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(FOLLOW)),
                added.get("Digest"));
        Matcher signature = SIGNATURE.matcher(added.get("Signature"));
        assertTrue(signature.matches(), added.get("Signature"));
        assertEquals(KEY_ID, signature.group(1));
        assertEquals("(request-target) host date digest content-type", signature.group(2));
        assertEquals(256, Base64.getDecoder().decode(signature.group(3)).length);

        VerifiedSignature verified = verifyAsReceived(post, added, "peer.example");
        assertEquals(List.of("(request-target)", "host", "date", "digest", "content-type"), verified.components());
    }

    @Test
    void signsAFetchOverRequestTargetHostAndDateWithTheQuery() {
        HttpMessage get = new HttpMessage("GET", URI.create("https://peer.example/users/bob/outbox?page=2"),
                Map.of("Accept", "application/activity+json"), null);
        Map<String, String> added = signer.signDraftCavage(get, key);

        assertEquals(List.of("Date", "Signature"), List.copyOf(added.keySet()));
        assertTrue(added.get("Signature").contains("headers=\"(request-target) host date\""), added.get("Signature"));
        RequestSignature read = new SignatureVerifier(NOW).read(get.withHeaders(added).withHeader("host", "peer.example"));
        assertTrue(read.signedText().startsWith("(request-target): get /users/bob/outbox?page=2\nhost: peer.example\n"),
                read.signedText());
        assertEquals(KEY_ID, read.verify(publicKey).keyId());
    }

    @Test
    void signsTheHostAsTheClientSendsIt() {
        HttpMessage custom = new HttpMessage("GET", URI.create("https://Peer.Example:8443/users/bob"), Map.of(), null);
        verifyAsReceived(custom, signer.signDraftCavage(custom, key), "Peer.Example:8443");
        HttpMessage defaultPort = new HttpMessage("GET", URI.create("https://peer.example:443/users/bob"), Map.of(), null);
        verifyAsReceived(defaultPort, signer.signDraftCavage(defaultPort, key), "peer.example");
        SignatureRefusal withPort = assertThrows(SignatureRefusal.class,
                () -> verifyAsReceived(defaultPort, signer.signDraftCavage(defaultPort, key), "peer.example:443"));
        assertEquals(SignatureRefusal.Reason.BAD_SIGNATURE, withPort.reason());
    }

    @Test
    void keepsADateOrDigestTheCallerAlreadySet() {
        HttpMessage post = new HttpMessage("POST", URI.create("https://peer.example/inbox"),
                Map.of("date", "Thu, 05 Nov 2026 08:00:00 GMT", "digest", BodyDigests.digestHeader(FOLLOW)), FOLLOW);
        Map<String, String> added = signer.signDraftCavage(post, key);
        assertEquals(List.of("Signature"), List.copyOf(added.keySet()));
        assertEquals(NOW.instant().minusSeconds(550), verifyAsReceived(post, added, "peer.example").signedAt());
    }

    @Test
    void refusesToSignExpiresOrAnAbsentHeaderOrWithAKeyIdThatWouldBreakTheQuotedString() {
        HttpMessage get = new HttpMessage("GET", URI.create("https://peer.example/"), Map.of(), null);
        assertThrows(IllegalArgumentException.class,
                () -> signer.signDraftCavage(get, key, List.of("(request-target)", "host", "(created)", "(expires)")));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> signer.signDraftCavage(get, key, List.of("(request-target)", "host", "date", "content-type")));
        assertEquals("cannot sign over [(request-target), host, date, content-type]: Signature covers 'content-type' "
                + "but the request has no such header", missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SigningKey("https://x/\"a", key.privateKey()));
        assertThrows(IllegalArgumentException.class, () -> new SigningKey("https://x/\na", key.privateKey()));
    }

    /**
     * draft-cavage-http-signatures-12 appendix C.2: the "Test" key (RSA-1024) signs
     * {@code (request-target) host date} of {@code POST /foo?param=value&pet=dog}.
     */
    @Test
    void draftCavageAppendixC2VerifiesButIsRefusedForLeavingOutTheDigestOfItsBody() {
        PublicKey draftTestKey = RsaKeys.readPublicKey("""
                -----BEGIN PUBLIC KEY-----
                MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDCFENGw33yGihy92pDjZQhl0C3
                6rPJj+CvfSC8+q28hxA161QFNUd13wuCTUcq0Qd2qsBe/2hFyc2DCJJg0h1L78+6
                Z4UMR7EOcpfdUE9Hf3m/hs+FUR45uBJeDK1HSFHD8bHKD6kv8FPGfJTotc+2xjJw
                oYi+1hqp1fIekaxsyQIDAQAB
                -----END PUBLIC KEY-----""");
        String header = "keyId=\"Test\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date\","
                + "signature=\"qdx+H7PHHDZgy4y/Ahn9Tny9V3GP6YgBPyUXMmoxWtLbHpUnXS2mg2+SbrQDMCJypxBLSPQR2aAjn7ndmw2"
                + "iicw3HMbe8VfEdKFYRqzic+efkb3nndiv/x1xSHDJWeSWkx3ButlYSuBskLu6kd9Fswtemr3lgdDEmn04swr2Os0=\"";
        HttpMessage request = new HttpMessage("POST", URI.create("https://example.com/foo?param=value&pet=dog"),
                Map.of("host", "example.com", "date", "Sun, 05 Jan 2014 21:31:40 GMT",
                        "content-type", "application/json",
                        "digest", "SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=",
                        "content-length", "18", "signature", header),
                "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8));

        CavageSignature parsed = CavageSignature.parse(header);
        String signingString = parsed.signingString(request);
        assertEquals("""
                (request-target): post /foo?param=value&pet=dog
                host: example.com
                date: Sun, 05 Jan 2014 21:31:40 GMT""", signingString);
        assertTrue(verifies(draftTestKey, signingString, parsed.signature));

        SignatureRefusal refusal = assertThrows(SignatureRefusal.class,
                () -> new SignatureVerifier(Fixtures.clockAt("2014-01-05T21:31:40Z")).read(request));
        assertEquals(SignatureRefusal.Reason.INSUFFICIENT_COVERAGE, refusal.reason());
        // And its digest header is right for the body, so a signature covering it would pass.
        BodyDigests.checkDigest(request.header("digest").orElseThrow(), request.body());
    }

    private static boolean verifies(PublicKey key, String text, byte[] signature) {
        try {
            return SignatureAlgorithm.RSA_V1_5_SHA256.verify(key, text.getBytes(StandardCharsets.UTF_8), signature);
        } catch (java.security.InvalidKeyException e) {
            throw new AssertionError(e);
        }
    }
}
