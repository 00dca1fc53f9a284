package org.nuage.core.federation.actor;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.RSAKeyGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.nuage.core.federation.signature.RsaKeys;

/**
 * An actor's RSA key pair as PEM text: the public key (SubjectPublicKeyInfo, "BEGIN PUBLIC KEY")
 * is published on the actor, the private key (PKCS#8) stays in the table and signs what the actor
 * sends. {@link #toString()} never shows the private key, so a log line cannot leak it.
 */
public record ActorKeyPair(String publicKeyPem, String privateKeyPem) {

    /** RSA-2048, what PeerTube and Mastodon generate and expect. */
    public static final int KEY_BITS = RsaKeys.KEY_BITS;

    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    /**
     * A fresh pair from Bouncy Castle's RSA generator (as the federation design asks), written as
     * PEM by {@link RsaKeys}, which also reads it back for signing.
     */
    public static ActorKeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", PROVIDER);
            generator.initialize(new RSAKeyGenParameterSpec(KEY_BITS, RSAKeyGenParameterSpec.F4));
            KeyPair pair = generator.generateKeyPair();
            return new ActorKeyPair(RsaKeys.publicKeyPem(pair.getPublic()), RsaKeys.privateKeyPem(pair.getPrivate()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle always has RSA", e);
        }
    }

    @Override
    public String toString() {
        return "ActorKeyPair[publicKeyPem=" + publicKeyPem.length() + " chars, privateKeyPem=(hidden)]";
    }
}
