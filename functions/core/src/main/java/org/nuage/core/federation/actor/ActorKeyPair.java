package org.nuage.core.federation.actor;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * An actor's RSA key pair as PEM text: the public key (SubjectPublicKeyInfo, "BEGIN PUBLIC KEY")
 * is published on the actor, the private key (PKCS#8) stays in the table and signs what the actor
 * sends. {@link #toString()} never shows the private key, so a log line cannot leak it.
 */
public record ActorKeyPair(String publicKeyPem, String privateKeyPem) {

    /** RSA-2048, what PeerTube and Mastodon generate and expect. */
    public static final int KEY_BITS = 2048;

    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    /** A fresh pair from Bouncy Castle's RSA generator. */
    public static ActorKeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", PROVIDER);
            generator.initialize(KEY_BITS);
            KeyPair pair = generator.generateKeyPair();
            return new ActorKeyPair(pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                    pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Bouncy Castle always has RSA", e);
        }
    }

    private static String pem(String type, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "ActorKeyPair[publicKeyPem=" + publicKeyPem.length() + " chars, privateKeyPem=(hidden)]";
    }
}
