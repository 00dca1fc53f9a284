package org.nuage.core.federation.signature;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.function.Supplier;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Actors' RSA keys as PEM: new key pairs, written as SubjectPublicKeyInfo ({@code BEGIN PUBLIC
 * KEY}, what ActivityPub actors publish) and PKCS#8 ({@code BEGIN PRIVATE KEY}); read back, along
 * with the PKCS#1 forms ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN RSA PUBLIC KEY}) that older
 * servers and PeerTube's fixtures use.
 */
public final class RsaKeys {

    /** What Mastodon and PeerTube generate for their actors. */
    public static final int KEY_BITS = 2048;

    /**
     * A PEM of an 8192-bit private key is under 7 KB; a remote actor's key is hostile input, so
     * anything much larger is refused before it is parsed.
     */
    static final int MAX_PEM_LENGTH = 16 * 1024;

    private RsaKeys() {
    }

    /** A new RSA-2048 key pair with the usual public exponent 65537. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(KEY_BITS, RSAKeyGenParameterSpec.F4));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate RSA keys", e);
        }
    }

    /** The key as SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}), lines of 64, ending in a newline. */
    public static String publicKeyPem(PublicKey key) {
        requireRsa(key.getAlgorithm(), key.getFormat(), "X.509");
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** The key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), unencrypted. */
    public static String privateKeyPem(PrivateKey key) {
        requireRsa(key.getAlgorithm(), key.getFormat(), "PKCS#8");
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /**
     * Reads an RSA public key from {@code BEGIN PUBLIC KEY} (SubjectPublicKeyInfo) or
     * {@code BEGIN RSA PUBLIC KEY} (PKCS#1) PEM.
     *
     * @throws IllegalArgumentException when the text holds no such key; the message says why
     */
    public static PublicKey readPublicKey(String pem) {
        PemObject object = readPem(pem);
        KeySpec spec = switch (object.getType()) {
            case "PUBLIC KEY" -> new X509EncodedKeySpec(object.getContent());
            case "RSA PUBLIC KEY" -> {
                RSAPublicKey key = decode(() -> RSAPublicKey.getInstance(object.getContent()), object.getType());
                yield new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent());
            }
            default -> throw new IllegalArgumentException("expected a PUBLIC KEY or RSA PUBLIC KEY PEM, found "
                    + object.getType());
        };
        try {
            return rsaFactory().generatePublic(spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the " + object.getType() + " PEM is not an RSA public key: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Reads an RSA private key from {@code BEGIN PRIVATE KEY} (PKCS#8) or {@code BEGIN RSA PRIVATE
     * KEY} (PKCS#1) PEM. Encrypted keys are not read.
     *
     * @throws IllegalArgumentException when the text holds no such key; the message says why
     */
    public static PrivateKey readPrivateKey(String pem) {
        PemObject object = readPem(pem);
        KeySpec spec = switch (object.getType()) {
            case "PRIVATE KEY" -> new PKCS8EncodedKeySpec(object.getContent());
            case "RSA PRIVATE KEY" -> {
                RSAPrivateKey key = decode(() -> RSAPrivateKey.getInstance(object.getContent()), object.getType());
                yield new RSAPrivateCrtKeySpec(key.getModulus(), key.getPublicExponent(), key.getPrivateExponent(),
                        key.getPrime1(), key.getPrime2(), key.getExponent1(), key.getExponent2(), key.getCoefficient());
            }
            case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(
                    "the private key is encrypted; store it unencrypted (the secret store protects it)");
            default -> throw new IllegalArgumentException("expected a PRIVATE KEY or RSA PRIVATE KEY PEM, found "
                    + object.getType());
        };
        try {
            return rsaFactory().generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the " + object.getType() + " PEM is not an RSA private key: "
                    + e.getMessage(), e);
        }
    }

    private static PemObject readPem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("no PEM text");
        }
        if (pem.length() > MAX_PEM_LENGTH) {
            throw new IllegalArgumentException("PEM of " + pem.length() + " characters; the limit is " + MAX_PEM_LENGTH);
        }
        // Actor documents sometimes carry \r\n, or indentation from a pretty-printer.
        String normalised = pem.strip().replace("\r\n", "\n").lines().map(String::strip)
                .reduce((a, b) -> a + "\n" + b).orElse("");
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(normalised))) {
            object = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the PEM text cannot be read: " + e.getMessage(), e);
        }
        if (object == null) {
            throw new IllegalArgumentException("no -----BEGIN ...----- block in the PEM text");
        }
        if (object.getContent().length == 0) {
            throw new IllegalArgumentException("the " + object.getType() + " PEM block is empty");
        }
        return object;
    }

    private static <T> T decode(Supplier<T> decoder, String type) {
        try {
            return decoder.get();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the " + type + " PEM does not hold a PKCS#1 structure: "
                    + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void requireRsa(String algorithm, String format, String expectedFormat) {
        if (!"RSA".equals(algorithm) || !expectedFormat.equals(format)) {
            throw new IllegalArgumentException("expected an RSA key encoded as " + expectedFormat + ", got "
                    + algorithm + " " + format);
        }
    }

    private static KeyFactory rsaFactory() {
        try {
            return KeyFactory.getInstance("RSA");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks RSA", e);
        }
    }
}
