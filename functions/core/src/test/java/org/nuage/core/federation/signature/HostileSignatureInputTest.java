package org.nuage.core.federation.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nuage.core.federation.signature.SignatureRefusal.Reason;

/**
 * Requests made to break the verifier: every one must end in a {@link SignatureRefusal} with a
 * precise reason and status, never another exception, and never a key lookup.
 */
class HostileSignatureInputTest {

    private static final Instant NOW = Instant.parse("2026-11-05T08:09:10Z");
    private static final Clock CLOCK = Fixtures.clockAt(NOW.toString());
    private static final byte[] BODY = "{\"type\":\"Follow\"}".getBytes(StandardCharsets.UTF_8);
    private static final String KEY_ID = "https://peer.example/users/mallory#main-key";
    private static final String GOOD = "keyId=\"" + KEY_ID + "\",algorithm=\"rsa-sha256\","
            + "headers=\"(request-target) host date digest\",signature=\"AAAA\"";

    private final PrivateKey privateKey = Fixtures.privateKey(Fixtures.PEERTUBE + "keys.json");
    private final PublicKey publicKey = Fixtures.publicKey(Fixtures.PEERTUBE + "keys.json");

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "nuage.example");
        headers.put("date", RequestSigner.HTTP_DATE.format(NOW));
        headers.put("digest", BodyDigests.digestHeader(BODY));
        headers.put("content-type", "application/activity+json");
        return headers;
    }

    private static HttpMessage post(Map<String, String> headers) {
        return new HttpMessage("POST", URI.create("https://nuage.example/inbox"), headers, BODY);
    }

    private static HttpMessage withSignature(String signature) {
        Map<String, String> headers = headers();
        headers.put("signature", signature);
        return post(headers);
    }

    private static SignatureRefusal refused(HttpMessage request) {
        return assertThrows(SignatureRefusal.class,
                () -> new SignatureVerifier(CLOCK).verify(request, Fixtures.untouchable()));
    }

    private static void assertRefusal(Reason reason, String message, HttpMessage request) {
        SignatureRefusal refusal = refused(request);
        assertEquals(reason, refusal.reason(), refusal.getMessage());
        assertEquals(reason.status(), refusal.status());
        assertEquals(message, refusal.getMessage());
    }

    private String sign(String signingString) throws Exception {
        java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
        rsa.initSign(privateKey);
        rsa.update(signingString.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(rsa.sign());
    }

    // --- draft-cavage

    @Test
    void refusesARequestWithoutSignatureAs401() {
        assertRefusal(Reason.UNSIGNED, "the request is not signed: it has no Signature header", post(headers()));
    }

    @Test
    void refusesAGarbageSignatureHeaderAs400WithWhereItBroke() {
        assertRefusal(Reason.MALFORMED, "Signature header cannot be parsed: '=' was expected after 'hello' at character 7",
                withSignature("hello world"));
        assertRefusal(Reason.MALFORMED, "Signature header cannot be parsed: a parameter name was expected at character 1",
                withSignature("\"keyId\"=\"x\""));
        assertRefusal(Reason.MALFORMED, "Signature header cannot be parsed: ',' was expected after the value of 'keyId' "
                + "at character 11", withSignature("keyId=\"a\" signature=\"AAAA\""));
        assertRefusal(Reason.MALFORMED, "Signature header cannot be parsed: the quoted value of 'keyId' is not closed at character 7",
                withSignature("keyId=\"abc"));
        assertRefusal(Reason.MALFORMED, "Signature header cannot be parsed: a control character inside 'keyId' at character 9",
                withSignature("keyId=\"a\u0000b\",signature=\"AAAA\""));
    }

    @Test
    void refusesAParameterGivenTwiceWhateverItsCase() {
        assertRefusal(Reason.MALFORMED, "Signature parameter 'keyId' is given twice",
                withSignature("keyId=\"a\"," + GOOD));
        assertRefusal(Reason.MALFORMED, "Signature parameter 'KEYID' is given twice",
                withSignature(GOOD + ",KEYID=\"b\""));
        assertRefusal(Reason.MALFORMED, "Signature parameter 'signature' is given twice",
                withSignature(GOOD + ",signature=\"BBBB\""));
    }

    @Test
    void refusesAHundredKilobyteHeaderWithoutParsingIt() {
        String huge = "keyId=\"" + "a".repeat(100 * 1024) + "\",signature=\"AAAA\"";
        SignatureRefusal refusal = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> refused(withSignature(huge)));
        assertEquals(Reason.MALFORMED, refusal.reason());
        assertEquals("Signature header is 102425 characters long; the limit is 8192", refusal.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecdsa-sha256", "hmac-sha256", "rsa-sha512", "ed25519", "rsa-sha1"})
    void refusesAnAlgorithmWeDoNotVerify(String algorithm) {
        assertRefusal(Reason.UNSUPPORTED_ALGORITHM, "signature algorithm '" + algorithm
                + "' is not supported; we verify rsa-sha256 and hs2019 (with RSA keys)",
                withSignature(GOOD.replace("rsa-sha256", algorithm)));
    }

    @Test
    void refusesASignatureWithoutKeyIdOrWithoutSignature() {
        assertRefusal(Reason.MALFORMED, "Signature has no keyId parameter",
                withSignature("algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest\",signature=\"AAAA\""));
        assertRefusal(Reason.MALFORMED, "Signature has no keyId parameter", withSignature(GOOD.replace(KEY_ID, "")));
        assertRefusal(Reason.MALFORMED, "Signature has no signature parameter",
                withSignature("keyId=\"" + KEY_ID + "\",headers=\"(request-target) host date digest\""));
        assertRefusal(Reason.MALFORMED, "Signature parameter 'signature' is not base64",
                withSignature(GOOD.replace("AAAA", "not*base64")));
    }

    @Test
    void refusesAHeadersListThatIsNotAListOfHeaders() {
        assertRefusal(Reason.MALFORMED, "Signature covers 'date' twice",
                withSignature(GOOD.replace("host date", "host date date")));
        assertRefusal(Reason.MALFORMED, "Signature covers '(foo)', which is neither a header name nor "
                + "(request-target), (created) or (expires)", withSignature(GOOD.replace("host date", "host (foo) date")));
        assertRefusal(Reason.INSUFFICIENT_COVERAGE, "the signature covers nothing but must also cover (request-target)",
                withSignature(GOOD.replace("(request-target) host date digest", " ")));
    }

    @Test
    void refusesACoveredHeaderTheRequestLacksAs400() {
        assertRefusal(Reason.MISSING_COMPONENT, "Signature covers 'x-nonce' but the request has no such header",
                withSignature(GOOD.replace("digest\"", "digest x-nonce\"")));
        Map<String, String> noDate = headers();
        noDate.remove("date");
        noDate.put("signature", GOOD);
        assertRefusal(Reason.MISSING_COMPONENT, "Signature covers 'date' but the request has no such header", post(noDate));
    }

    @Test
    void refusesACoveredHeaderWithALineBreak() {
        Map<String, String> headers = headers();
        headers.put("content-type", "application/activity+json\ndate: Thu, 05 Nov 2026 08:09:10 GMT");
        headers.put("signature", GOOD.replace("digest\"", "digest content-type\""));
        assertRefusal(Reason.MALFORMED, "the value of 'content-type' holds a line break", post(headers));
    }

    @Test
    void refusesCreatedThatIsMissingOrNotAUnixTime() {
        String covered = "headers=\"(request-target) host (created) digest\"";
        assertRefusal(Reason.MALFORMED, "Signature covers (created) but has no created parameter",
                withSignature("keyId=\"k\",algorithm=\"hs2019\"," + covered + ",signature=\"AAAA\""));
        assertRefusal(Reason.MALFORMED, "Signature created parameter 'soon' is not a Unix time",
                withSignature("keyId=\"k\",algorithm=\"hs2019\",created=soon," + covered + ",signature=\"AAAA\""));
        assertRefusal(Reason.MALFORMED, "Signature created parameter '-5' is not a Unix time",
                withSignature("keyId=\"k\",created=\"-5\"," + covered + ",signature=\"AAAA\""));
    }

    @Test
    void refusesAnExpiredSignatureButAllowsAnHourOfClockSkew() throws Exception {
        long created = NOW.getEpochSecond() - 7200;
        String covered = "(request-target) host (created) (expires) digest";
        String template = "(request-target): post /inbox\nhost: nuage.example\n(created): %d\n(expires): %s\ndigest: "
                + BodyDigests.digestHeader(BODY);

        String longAgo = Long.toString(NOW.getEpochSecond() - 3601);
        assertRefusal(Reason.EXPIRED, "the signature expired at 2026-11-05T07:09:09Z, 1 h 0 min before our clock "
                + "(2026-11-05T08:09:10Z)", withSignature("keyId=\"" + KEY_ID + "\",algorithm=\"hs2019\",created="
                + created + ",expires=" + longAgo + ",headers=\"" + covered + "\",signature=\""
                + sign(template.formatted(created, longAgo)) + "\""));

        String lately = (NOW.getEpochSecond() - 1800) + ".5";
        HttpMessage withinMargin = withSignature("keyId=\"" + KEY_ID + "\",algorithm=\"hs2019\",created=" + created
                + ",expires=" + lately + ",headers=\"" + covered + "\",signature=\"" + sign(template.formatted(created, lately)) + "\"");
        assertEquals(Instant.ofEpochSecond(created), new SignatureVerifier(CLOCK).read(withinMargin).verify(publicKey).signedAt());
    }

    @Test
    void refusesADateThatIsNotAnHttpDateOrIsTooFarAhead() {
        Map<String, String> headers = headers();
        headers.put("signature", GOOD);
        headers.put("date", "yesterday");
        assertRefusal(Reason.MALFORMED, "Date 'yesterday' is not an HTTP date such as 'Sun, 06 Nov 1994 08:49:37 GMT'",
                post(headers));
        headers.put("date", "Thu, 05 Nov 2026 21:09:11 GMT");
        assertRefusal(Reason.OUTSIDE_TIME_WINDOW, "Date Thu, 05 Nov 2026 21:09:11 GMT is 13 h 0 min after our clock "
                + "(2026-11-05T08:09:10Z); we accept 12 hours either way", post(headers));
        headers.put("date", "Thu, 05 Nov 2026 20:09:10 GMT");
        assertEquals(Instant.parse("2026-11-05T20:09:10Z"), new SignatureVerifier(CLOCK).read(post(headers)).signedAt());
    }

    @Test
    void checksEveryDigestItKnowsAndRefusesOnlyUnknownOnes() throws Exception {
        String sha512 = "SHA-512=" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(BODY));
        Map<String, String> headers = headers();
        headers.put("signature", GOOD);

        headers.put("digest", "MD5=rL0Y20zC+Fzt72VPzMSk2A==");
        assertRefusal(Reason.UNSUPPORTED_ALGORITHM, "Digest offers md5; we check SHA-256 or SHA-512", post(headers));
        headers.put("digest", "SHA-256=!!!");
        assertRefusal(Reason.MALFORMED, "Digest SHA-256 value is not base64", post(headers));
        headers.put("digest", "SHA-256");
        assertRefusal(Reason.MALFORMED, "Digest entry 'SHA-256' is not algorithm=value", post(headers));
        headers.put("digest", BodyDigests.digestHeader(BODY) + "," + sha512.replace("=", "=A").substring(0, sha512.length()));
        assertEquals(Reason.DIGEST_MISMATCH, refused(post(headers)).reason());

        headers.put("digest", BodyDigests.digestHeader(BODY).replace("SHA-256", "sha-256") + ", MD5=x, " + sha512);
        new SignatureVerifier(CLOCK).read(post(headers));
        headers.put("digest", "a".repeat(2000));
        assertRefusal(Reason.MALFORMED, "Digest is 2000 characters long; the limit is 1024", post(headers));
    }

    @Test
    void refusesKeysThatAreNotRsaOrTooSmall() throws Exception {
        RequestSignature read = new SignatureVerifier(CLOCK).read(withSignature(GOOD));
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        SignatureRefusal notRsa = assertThrows(SignatureRefusal.class, () -> read.verify(ec.generateKeyPair().getPublic()));
        assertEquals(Reason.UNUSABLE_KEY, notRsa.reason());
        assertEquals("the key of " + KEY_ID + " is EC, and we verify RSA signatures only", notRsa.getMessage());

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(512);
        SignatureRefusal small = assertThrows(SignatureRefusal.class, () -> read.verify(rsa.generateKeyPair().getPublic()));
        assertEquals("the key of " + KEY_ID + " has 512 bits; we accept 1024 to 8192", small.getMessage());
    }

    @Test
    void refusesASignatureOfTheWrongLengthAsNotVerifying() {
        RequestSignature read = new SignatureVerifier(CLOCK).read(withSignature(GOOD));
        assertEquals(Reason.BAD_SIGNATURE, assertThrows(SignatureRefusal.class, () -> read.verify(publicKey)).reason());
        byte[] aboveTheModulus = new byte[256];
        java.util.Arrays.fill(aboveTheModulus, (byte) 0xff);
        RequestSignature tooLarge = new SignatureVerifier(CLOCK).read(withSignature(
                GOOD.replace("AAAA", Base64.getEncoder().encodeToString(aboveTheModulus))));
        assertEquals(Reason.BAD_SIGNATURE, assertThrows(SignatureRefusal.class, () -> tooLarge.verify(publicKey)).reason());
    }

    // --- RFC 9421

    private static HttpMessage withInput(String signatureInput, String signature) {
        Map<String, String> headers = headers();
        headers.put("content-digest", BodyDigests.contentDigestHeader(BODY));
        headers.put("signature-input", signatureInput);
        if (signature != null) {
            headers.put("signature", signature);
        }
        return post(headers);
    }

    private static final String INPUT = "sig1=(\"@method\" \"@target-uri\" \"content-digest\");created="
            + NOW.getEpochSecond() + ";keyid=\"" + KEY_ID + "\"";

    @Test
    void readsAWellFormedRfc9421InputUpToItsKey() {
        RequestSignature read = new SignatureVerifier(CLOCK).read(withInput(INPUT, "sig1=:AAAA:"));
        assertEquals(KEY_ID, read.keyId());
        assertEquals(SignatureScheme.RFC_9421, read.scheme());
    }

    @Test
    void refusesRfc9421FieldsThatDoNotParseOrDoNotMatch() {
        assertRefusal(Reason.MALFORMED, "the request has Signature-Input but no Signature header", withInput(INPUT, null));
        assertRefusal(Reason.MALFORMED, "Signature-Input header cannot be parsed: an inner list that is not closed at "
                + "character 7", withInput("sig1=(", "sig1=:AAAA:"));
        assertRefusal(Reason.MALFORMED, "Signature has no value for any label of Signature-Input (sig1)",
                withInput(INPUT, "sig2=:AAAA:"));
        assertRefusal(Reason.MALFORMED, "Signature sig1 is not a byte sequence", withInput(INPUT, "sig1=AAAA"));
        assertRefusal(Reason.MALFORMED, "Signature-Input sig1 is not a list of components",
                withInput("sig1=\"@method\"", "sig1=:AAAA:"));
        assertRefusal(Reason.MALFORMED, "Signature-Input header cannot be parsed: duplicate parameter 'created' at character "
                + (INPUT.length() + 2), withInput(INPUT + ";created=1", "sig1=:AAAA:"));
        assertRefusal(Reason.MALFORMED, "Signature-Input header cannot be parsed: duplicate key 'sig1' at character "
                + (INPUT.length() + 3), withInput(INPUT + ", " + INPUT, "sig1=:AAAA:"));
        assertRefusal(Reason.MALFORMED, "Signature-Input header is 102400 characters long; the limit is 8192",
                withInput("a".repeat(100 * 1024), "sig1=:AAAA:"));
    }

    @Test
    void refusesRfc9421ComponentListsTheRfcForbids() {
        assertRefusal(Reason.MALFORMED, "component \"Content-Digest\" is not a lower-case name",
                withInput(INPUT.replace("\"content-digest\"", "\"Content-Digest\""), "sig1=:AAAA:"));
        assertRefusal(Reason.MALFORMED, "component \"@method\" is covered twice",
                withInput(INPUT.replace("(\"@method\"", "(\"@method\" \"@method\""), "sig1=:AAAA:"));
        assertRefusal(Reason.MALFORMED, "@signature-params cannot be a covered component",
                withInput(INPUT.replace("(\"@method\"", "(\"@signature-params\" \"@method\""), "sig1=:AAAA:"));
        assertRefusal(Reason.MALFORMED, "Signature-Input lists a component that is not a string",
                withInput(INPUT.replace("(\"@method\"", "(method"), "sig1=:AAAA:"));
        assertRefusal(Reason.UNSUPPORTED_COMPONENT, "derived component @status is not supported; we compute @authority, "
                + "@method, @path, @query, @request-target, @scheme, @target-uri",
                withInput(INPUT.replace("(\"@method\"", "(\"@status\" \"@method\""), "sig1=:AAAA:"));
        assertRefusal(Reason.MISSING_COMPONENT, "Signature-Input covers \"x-nonce\" but the request has no such header",
                withInput(INPUT.replace("\"content-digest\"", "\"content-digest\" \"x-nonce\""), "sig1=:AAAA:"));
    }

    @Test
    void refusesRfc9421ParametersThatAreMissingOrWrong() {
        assertRefusal(Reason.MALFORMED, "Signature-Input sig1 has no keyid parameter",
                withInput(INPUT.replace(";keyid=\"" + KEY_ID + "\"", ""), "sig1=:AAAA:"));
        assertRefusal(Reason.MALFORMED, "Signature-Input sig1 keyid is not a string",
                withInput(INPUT.replace("\"" + KEY_ID + "\"", "42"), "sig1=:AAAA:"));
        assertRefusal(Reason.UNSUPPORTED_ALGORITHM, "signature algorithm 'ed25519' is not supported; we verify "
                + "rsa-v1_5-sha256 and rsa-pss-sha512", withInput(INPUT + ";alg=\"ed25519\"", "sig1=:AAAA:"));
        assertRefusal(Reason.MALFORMED, "Signature-Input created is not a non-negative integer",
                withInput(INPUT.replace(";created=" + NOW.getEpochSecond(), ";created=1.5"), "sig1=:AAAA:"));
        assertRefusal(Reason.INSUFFICIENT_COVERAGE, "the signature covers @method @target-uri content-digest but must "
                + "also cover date, or a created parameter",
                withInput(INPUT.replace(";created=" + NOW.getEpochSecond(), ""), "sig1=:AAAA:"));
        assertRefusal(Reason.EXPIRED, "the signature expired at 2026-11-05T07:09:09Z, 1 h 0 min before our clock "
                + "(2026-11-05T08:09:10Z)", withInput(INPUT + ";expires=" + (NOW.getEpochSecond() - 3601), "sig1=:AAAA:"));
        assertRefusal(Reason.INSUFFICIENT_COVERAGE, "the signature covers @method @target-uri but must also cover "
                + "digest or content-digest, which a POST with a body needs",
                withInput(INPUT.replace(" \"content-digest\"", ""), "sig1=:AAAA:"));
    }

    // --- whatever the bytes, a refusal

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzKEYID=\",;:()*-_. \t\\/@?01289+%\u00e9\u0000\n";

    @Test
    void randomSignatureHeadersAlwaysEndInARefusal() {
        Random random = new Random(20261105);
        for (int i = 0; i < 2000; i++) {
            String header = i % 2 == 0 ? randomText(random, 1 + random.nextInt(120)) : mutate(random, GOOD);
            expectOnlyRefusal(withSignature(header), header);
        }
    }

    @Test
    void randomSignatureInputsAlwaysEndInARefusal() {
        Random random = new Random(9421);
        for (int i = 0; i < 2000; i++) {
            String input = i % 2 == 0 ? randomText(random, 1 + random.nextInt(120)) : mutate(random, INPUT);
            String signature = i % 3 == 0 ? mutate(random, "sig1=:AAAA:") : "sig1=:AAAA:";
            expectOnlyRefusal(withInput(input, signature), input + " / " + signature);
        }
    }

    private static final PublicKey FUZZ_KEY = Fixtures.publicKey(Fixtures.PEERTUBE + "keys.json");

    private static void expectOnlyRefusal(HttpMessage request, String shown) {
        try {
            new SignatureVerifier(CLOCK).read(request).verify(FUZZ_KEY);
            fail("accepted " + shown);
        } catch (SignatureRefusal expected) {
            assertTrue(expected.status() == 400 || expected.status() == 401, shown);
            assertTrue(expected.getMessage().length() < 600, expected.getMessage());
        } catch (RuntimeException other) {
            throw new AssertionError("not a refusal for " + shown, other);
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private static String mutate(Random random, String text) {
        StringBuilder mutated = new StringBuilder(text);
        for (int edits = 1 + random.nextInt(4); edits > 0 && !mutated.isEmpty(); edits--) {
            int at = random.nextInt(mutated.length());
            switch (random.nextInt(3)) {
                case 0 -> mutated.deleteCharAt(at);
                case 1 -> mutated.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                default -> mutated.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return mutated.toString();
    }
}
