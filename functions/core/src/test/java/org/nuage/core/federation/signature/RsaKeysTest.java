package org.nuage.core.federation.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;

class RsaKeysTest {

    @Test
    void generatesAnRsa2048PairWhosePemReadsBackAndSigns() {
        KeyPair pair = RsaKeys.generate();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        assertEquals(2048, publicKey.getModulus().bitLength());
        assertEquals(BigInteger.valueOf(65537), publicKey.getPublicExponent());

        String publicPem = RsaKeys.publicKeyPem(pair.getPublic());
        String privatePem = RsaKeys.privateKeyPem(pair.getPrivate());
        assertTrue(publicPem.startsWith("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"), publicPem);
        assertTrue(publicPem.endsWith("\n-----END PUBLIC KEY-----\n"), publicPem);
        assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----\n"), privatePem);
        List<String> body = publicPem.lines().filter(line -> !line.startsWith("-----")).toList();
        assertTrue(body.subList(0, body.size() - 1).stream().allMatch(line -> line.length() == 64), publicPem);

        assertEquals(pair.getPublic(), RsaKeys.readPublicKey(publicPem));
        assertEquals(pair.getPrivate(), RsaKeys.readPrivateKey(privatePem));

        HttpMessage get = new HttpMessage("GET", URI.create("https://peer.example/users/bob"), Map.of(), null);
        SigningKey key = new SigningKey("https://nuage.example/accounts/a#main-key", RsaKeys.readPrivateKey(privatePem));
        java.time.Clock clock = Fixtures.clockAt("2026-11-05T08:09:10Z");
        HttpMessage signed = get.withHeaders(new RequestSigner(clock).signDraftCavage(get, key)).withHeader("host", "peer.example");
        assertEquals(key.keyId(), new SignatureVerifier(clock)
                .verify(signed, id -> Optional.of(RsaKeys.readPublicKey(publicPem))).keyId());
    }

    @Test
    void readsPeerTubesPkcs1PrivateKeyAndItsSpkiPublicKey() {
        PrivateKey privateKey = Fixtures.privateKey(Fixtures.PEERTUBE + "keys.json");
        PublicKey publicKey = Fixtures.publicKey(Fixtures.PEERTUBE + "keys.json");
        assertEquals(((RSAPublicKey) publicKey).getModulus(), ((RSAPrivateCrtKey) privateKey).getModulus());
        // Written back as PKCS#8 (what upstream PeerTube now stores), it is the same key.
        assertEquals(privateKey, RsaKeys.readPrivateKey(RsaKeys.privateKeyPem(privateKey)));
    }

    @Test
    void readsAPkcs1PublicKey() throws Exception {
        RSAPublicKey key = (RSAPublicKey) Fixtures.publicKey(Fixtures.MASTODON + "public-key.json");
        byte[] pkcs1 = new org.bouncycastle.asn1.pkcs.RSAPublicKey(key.getModulus(), key.getPublicExponent()).getEncoded();
        assertEquals(key, RsaKeys.readPublicKey(pem("RSA PUBLIC KEY", pkcs1)));
    }

    @Test
    void readsPemWithCarriageReturnsAndIndentation() {
        String pem = RsaKeys.publicKeyPem(Fixtures.publicKey(Fixtures.MASTODON + "public-key.json"));
        String mangled = "\n   " + pem.replace("\n", "\r\n    ");
        assertEquals(RsaKeys.readPublicKey(pem), RsaKeys.readPublicKey(mangled));
    }

    @Test
    void readsTheAlteredMastodonKeyAsAValidButDifferentKey() {
        RSAPublicKey good = (RSAPublicKey) Fixtures.publicKey(Fixtures.MASTODON + "public-key.json");
        RSAPublicKey altered = (RSAPublicKey) Fixtures.publicKey(Fixtures.MASTODON + "bad-public-key.json");
        assertEquals(2048, altered.getModulus().bitLength());
        assertNotEquals(good.getModulus(), altered.getModulus());
    }

    @Test
    void refusesWhatIsNotAnUnencryptedRsaKeyWithAReason() throws Exception {
        assertRefused("no PEM text", () -> RsaKeys.readPublicKey("  "));
        assertRefused("no -----BEGIN ...----- block in the PEM text", () -> RsaKeys.readPublicKey("hello"));
        assertRefused("expected a PUBLIC KEY or RSA PUBLIC KEY PEM, found CERTIFICATE",
                () -> RsaKeys.readPublicKey(pem("CERTIFICATE", new byte[] {48, 0})));
        assertRefused("expected a PRIVATE KEY or RSA PRIVATE KEY PEM, found PUBLIC KEY",
                () -> RsaKeys.readPrivateKey(RsaKeys.publicKeyPem(Fixtures.publicKey(Fixtures.MASTODON + "public-key.json"))));
        assertRefused("the private key is encrypted; store it unencrypted (the secret store protects it)",
                () -> RsaKeys.readPrivateKey(pem("ENCRYPTED PRIVATE KEY", new byte[] {48, 0})));
        assertRefused("PEM of 20000 characters; the limit is 16384", () -> RsaKeys.readPublicKey("x".repeat(20000)));

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        String ecPem = pem("PUBLIC KEY", ec.generateKeyPair().getPublic().getEncoded());
        IllegalArgumentException notRsa = assertThrows(IllegalArgumentException.class, () -> RsaKeys.readPublicKey(ecPem));
        assertTrue(notRsa.getMessage().startsWith("the PUBLIC KEY PEM is not an RSA public key"), notRsa.getMessage());

        IllegalArgumentException garbage = assertThrows(IllegalArgumentException.class,
                () -> RsaKeys.readPrivateKey(pem("RSA PRIVATE KEY", new byte[] {1, 2, 3})));
        assertTrue(garbage.getMessage().startsWith("the RSA PRIVATE KEY PEM does not hold a PKCS#1 structure"),
                garbage.getMessage());
        IllegalArgumentException badBase64 = assertThrows(IllegalArgumentException.class, () -> RsaKeys.readPublicKey(
                "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----"));
        assertTrue(badBase64.getMessage().startsWith("the PEM text cannot be read"), badBase64.getMessage());
        IllegalArgumentException unterminated = assertThrows(IllegalArgumentException.class, () -> RsaKeys.readPublicKey(
                "-----BEGIN PUBLIC KEY-----\nAAAA\n"));
        assertTrue(unterminated.getMessage().startsWith("the PEM text cannot be read"), unterminated.getMessage());
    }

    @Test
    void writesOnlyRsaKeys() throws Exception {
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> RsaKeys.publicKeyPem(ec.getPublic()));
        assertThrows(IllegalArgumentException.class, () -> RsaKeys.privateKeyPem(ec.getPrivate()));
    }

    private static void assertRefused(String message, org.junit.jupiter.api.function.Executable read) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, read).getMessage());
    }

    private static String pem(String type, byte[] der) throws Exception {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        }
        return out.toString();
    }
}
