package org.nuage.core.federation.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * RFC 9421: our signer and verifier together, and the verifier against the RFC's own examples
 * (appendix B.2, signed with {@code test-key-rsa-pss} of appendix B.1.2).
 */
class Rfc9421Test {

    private static final Clock NOW = Fixtures.clockAt("2026-11-05T08:09:10Z");
    private static final String KEY_ID = "https://nuage.example/accounts/alice#main-key";

    private final SigningKey key = new SigningKey(KEY_ID, Fixtures.privateKey(Fixtures.PEERTUBE + "keys.json"));
    private final PublicKey publicKey = Fixtures.publicKey(Fixtures.PEERTUBE + "keys.json");

    private static final byte[] NOTE = "{\"type\":\"Create\",\"id\":\"https://nuage.example/c/1\"}"
            .getBytes(StandardCharsets.UTF_8);

    private static HttpMessage post() {
        return new HttpMessage("POST", URI.create("https://peer.example/users/bob/inbox"),
                Map.of("content-type", "application/activity+json"), NOTE);
    }

    private VerifiedSignature verify(HttpMessage request, PublicKey with) {
        return new SignatureVerifier(NOW).verify(request, keyId -> KEY_ID.equals(keyId) ? Optional.of(with) : Optional.empty());
    }

    private static SignatureRefusal refusal(Clock clock, HttpMessage request) {
        return assertThrows(SignatureRefusal.class, () -> new SignatureVerifier(clock).read(request));
    }

    // --- our signer, our verifier

    @Test
    void signsAPostWithContentDigestAndVerifiesIt() {
        Map<String, String> added = new RequestSigner(NOW).signRfc9421(post(), key);
        assertEquals(List.of("Content-Digest", "Signature-Input", "Signature"), List.copyOf(added.keySet()));
        assertEquals("sha-256=:" + Base64.getEncoder().encodeToString(sha256(NOTE)) + ":", added.get("Content-Digest"));
        assertEquals("sig1=(\"@method\" \"@target-uri\" \"content-digest\" \"content-type\");created="
                + NOW.instant().getEpochSecond() + ";keyid=\"" + KEY_ID + "\";alg=\"rsa-v1_5-sha256\"",
                added.get("Signature-Input"));
        assertTrue(added.get("Signature").matches("sig1=:[A-Za-z0-9+/]{342}==:"), added.get("Signature"));

        VerifiedSignature verified = verify(post().withHeaders(added), publicKey);
        assertEquals(SignatureScheme.RFC_9421, verified.scheme());
        assertEquals(SignatureAlgorithm.RSA_V1_5_SHA256, verified.algorithm());
        assertEquals(List.of("@method", "@target-uri", "content-digest", "content-type"), verified.components());
        assertEquals(NOW.instant(), verified.signedAt());
    }

    @Test
    void signatureBaseOfOurSignatureIsTheRfcsLineFormat() {
        HttpMessage signed = post().withHeaders(new RequestSigner(NOW).signRfc9421(post(), key));
        assertEquals("\"@method\": POST\n"
                + "\"@target-uri\": https://peer.example/users/bob/inbox\n"
                + "\"content-digest\": " + signed.header("content-digest").orElseThrow() + "\n"
                + "\"content-type\": application/activity+json\n"
                + "\"@signature-params\": " + signed.header("signature-input").orElseThrow().substring("sig1=".length()),
                new SignatureVerifier(NOW).read(signed).signedText());
    }

    @Test
    void signsAFetchWithoutABody() {
        HttpMessage get = new HttpMessage("GET", URI.create("https://peer.example:8443/users/bob?page=1"),
                Map.of("accept", "application/activity+json"), null);
        Map<String, String> added = new RequestSigner(NOW).signRfc9421(get, key);
        assertEquals(List.of("Signature-Input", "Signature"), List.copyOf(added.keySet()));
        VerifiedSignature verified = verify(get.withHeaders(added), publicKey);
        assertEquals(List.of("@method", "@target-uri"), verified.components());
    }

    @Test
    void refusesOurSignatureWithTheInvalidKeysPublicKey() {
        HttpMessage signed = post().withHeaders(new RequestSigner(NOW).signRfc9421(post(), key));
        SignatureRefusal refusal = assertThrows(SignatureRefusal.class,
                () -> verify(signed, Fixtures.publicKey(Fixtures.PEERTUBE + "invalid-keys.json")));
        assertEquals(SignatureRefusal.Reason.BAD_SIGNATURE, refusal.reason());
    }

    @Test
    void refusesOurSignatureOnAnotherTargetOrWithAnotherBody() {
        HttpMessage signed = post().withHeaders(new RequestSigner(NOW).signRfc9421(post(), key));
        HttpMessage elsewhere = new HttpMessage("POST", URI.create("https://peer.example/inbox"), signed.headers(), NOTE);
        assertEquals(SignatureRefusal.Reason.BAD_SIGNATURE,
                assertThrows(SignatureRefusal.class, () -> verify(elsewhere, publicKey)).reason());
        HttpMessage otherBody = signed.withBody("{}".getBytes(StandardCharsets.UTF_8));
        SignatureRefusal digest = assertThrows(SignatureRefusal.class, () -> verify(otherBody, publicKey));
        assertEquals(SignatureRefusal.Reason.DIGEST_MISMATCH, digest.reason());
        assertTrue(digest.getMessage().startsWith("Content-Digest sha-256 does not match the body"), digest.getMessage());
    }

    // --- the RFC's examples

    /** RFC 9421 appendix B.1.2, test-key-rsa-pss, public half. */
    static final String TEST_KEY_RSA_PSS = """
            -----BEGIN PUBLIC KEY-----
            MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAr4tmm3r20Wd/PbqvP1s2
            +QEtvpuRaV8Yq40gjUR8y2Rjxa6dpG2GXHbPfvMs8ct+Lh1GH45x28Rw3Ry53mm+
            oAXjyQ86OnDkZ5N8lYbggD4O3w6M6pAvLkhk95AndTrifbIFPNU8PPMO7OyrFAHq
            gDsznjPFmTOtCEcN2Z1FpWgchwuYLPL+Wokqltd11nqqzi+bJ9cvSKADYdUAAN5W
            Utzdpiy6LbTgSxP7ociU4Tn0g5I6aDZJ7A8Lzo0KSyZYoA485mqcO0GVAdVw9lq4
            aOT9v6d+nb4bnNkQVklLQ3fVAvJm+xdDOp9LCNCN48V2pnDOkFV6+U9nV5oyc6XI
            2wIDAQAB
            -----END PUBLIC KEY-----""";

    /** When the appendix B.2 signatures were made (created=1618884473), plus two seconds, as the request's Date. */
    static final Clock RFC_TIME = Fixtures.clockAt("2021-04-20T02:07:55Z");

    static final String B23_INPUT = "sig-b23=(\"date\" \"@method\" \"@path\" \"@query\" \"@authority\" \"content-type\" "
            + "\"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\"";
    static final String B23_SIGNATURE = "sig-b23=:bbN8oArOxYoyylQQUU6QYwrTuaxLwjAC9fbY2F6SVWvh0yBiMIRGOnMYwZ/5MR6fb0"
            + "Kh1rIRASVxFkeGt683+qRpRRU5p2voTp768ZrCUb38K0fUxN0O0iC59DzYx8DFll5GmydPxSmme9v6ULbMFkl+V5B1TP/yPViV7KsL"
            + "NmvKiLJH1pFkh/aYA2HXXZzNBXmIkoQoLd7YfW91kE9o/CCoC1xMy7JA1ipwvKvfrs65ldmlu9bpG6A9BmzhuzF8Eim5f8ui9eH8LZH"
            + "896+QIF61ka39VBrohr9iyMUJpvRX2Zbhl5ZJzSRxpJyoEZAFL2FUo5fTIztsDZKEgM4cUA==:";

    /** RFC 9421 appendix B.2, the test request, with a signature's two fields added. */
    static HttpMessage testRequest(String signatureInput, String signature) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "example.com");
        headers.put("Date", "Tue, 20 Apr 2021 02:07:55 GMT");
        headers.put("Content-Type", "application/json");
        headers.put("Content-Digest", "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLv"
                + "RwEmTHWXvJwew==:");
        headers.put("Content-Length", "18");
        headers.put("Signature-Input", signatureInput);
        headers.put("Signature", signature);
        return HttpMessage.received("POST", "https", "/foo?param=Value&Pet=dog", headers,
                "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void verifiesAppendixB23FullCoverageWithRsaPss() {
        RequestSignature read = new SignatureVerifier(RFC_TIME).read(testRequest(B23_INPUT, B23_SIGNATURE));
        assertEquals("""
                "date": Tue, 20 Apr 2021 02:07:55 GMT
                "@method": POST
                "@path": /foo
                "@query": ?param=Value&Pet=dog
                "@authority": example.com
                "content-type": application/json
                "content-digest": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:
                "content-length": 18
                "@signature-params": ("date" "@method" "@path" "@query" "@authority" "content-type" "content-digest" \
                "content-length");created=1618884473;keyid="test-key-rsa-pss\"""", read.signedText());
        assertEquals("test-key-rsa-pss", read.keyId());

        VerifiedSignature verified = read.verify(RsaKeys.readPublicKey(TEST_KEY_RSA_PSS));
        // No alg parameter: rsa-v1_5-sha256 is tried first and fails, then rsa-pss-sha512 verifies.
        assertEquals(SignatureAlgorithm.RSA_PSS_SHA512, verified.algorithm());
        assertEquals(RFC_TIME.instant().minusSeconds(2), verified.signedAt());
    }

    @Test
    void refusesAppendixB23WithAnotherBodyByItsSha512ContentDigest() {
        HttpMessage changed = testRequest(B23_INPUT, B23_SIGNATURE)
                .withBody("{\"hello\": \"World\"}".getBytes(StandardCharsets.UTF_8));
        SignatureRefusal refusal = refusal(RFC_TIME, changed);
        assertEquals(SignatureRefusal.Reason.DIGEST_MISMATCH, refusal.reason());
        assertTrue(refusal.getMessage().startsWith("Content-Digest sha-512 does not match"), refusal.getMessage());
    }

    @Test
    void refusesAppendixB23WhenItsAlgIsNamedOtherwise() {
        HttpMessage relabelled = testRequest(B23_INPUT + ";alg=\"rsa-v1_5-sha256\"", B23_SIGNATURE);
        RequestSignature read = new SignatureVerifier(RFC_TIME).read(relabelled);
        SignatureRefusal refusal = assertThrows(SignatureRefusal.class,
                () -> read.verify(RsaKeys.readPublicKey(TEST_KEY_RSA_PSS)));
        assertEquals(SignatureRefusal.Reason.BAD_SIGNATURE, refusal.reason());
        assertTrue(refusal.getMessage().endsWith("(tried rsa-v1_5-sha256)"), refusal.getMessage());
    }

    @Test
    void refusesAppendixB23ADayLater() {
        SignatureRefusal refusal = refusal(Fixtures.clockAt("2021-04-21T02:07:55Z"), testRequest(B23_INPUT, B23_SIGNATURE));
        assertEquals(SignatureRefusal.Reason.OUTSIDE_TIME_WINDOW, refusal.reason());
    }

    @Test
    void appendixB21MinimalSignatureVerifiesButCoversTooLittle() throws Exception {
        String input = "sig-b21=();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"";
        String signature = "sig-b21=:d2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopemLJcWDy/lkbbHAve4cRAtx31Iq786U7it++wgG"
                + "xbtRxf8Udx7zFZsckzXaJMkA7ChG52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx2VjBqJzsP"
                + "LMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrogUvA4HELjVKWmAvtl6UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++v6d4s8m0gCw"
                + "1fV5/SITLq9mhho8K3+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==:";
        HttpMessage request = testRequest(input, signature);
        MessageSignature parsed = MessageSignature.parse(input, signature);
        String base = parsed.signatureBase(request);
        assertEquals("\"@signature-params\": ();created=1618884473;keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"",
                base);
        assertTrue(SignatureAlgorithm.RSA_PSS_SHA512.verify(RsaKeys.readPublicKey(TEST_KEY_RSA_PSS),
                base.getBytes(StandardCharsets.UTF_8), parsed.signature));

        SignatureRefusal refusal = refusal(RFC_TIME, request);
        assertEquals(SignatureRefusal.Reason.INSUFFICIENT_COVERAGE, refusal.reason());
        assertEquals("the signature covers nothing but must also cover @method and the target (@target-uri, @request-target, "
                + "or @path with @query)", refusal.getMessage());
    }

    @Test
    void appendixB22IsRefusedForItsQueryParamComponent() {
        String input = "sig-b22=(\"@authority\" \"content-digest\" \"@query-param\";name=\"Pet\");created=1618884473"
                + ";keyid=\"test-key-rsa-pss\";tag=\"header-example\"";
        SignatureRefusal refusal = refusal(RFC_TIME, testRequest(input, "sig-b22=:AAAA:"));
        assertEquals(SignatureRefusal.Reason.UNSUPPORTED_COMPONENT, refusal.reason());
        assertEquals("component \"@query-param\" has parameters (name), which we do not support", refusal.getMessage());
    }

    @Test
    void acceptsPathWithoutQueryOnlyWhenTheQueryIsCoveredToo() {
        String input = "sig1=(\"@method\" \"@path\" \"@authority\" \"content-digest\");created=1618884473;keyid=\"k\"";
        SignatureRefusal refusal = refusal(RFC_TIME, testRequest(input, "sig1=:AAAA:"));
        assertEquals(SignatureRefusal.Reason.INSUFFICIENT_COVERAGE, refusal.reason());
    }

    private static byte[] sha256(byte[] body) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
