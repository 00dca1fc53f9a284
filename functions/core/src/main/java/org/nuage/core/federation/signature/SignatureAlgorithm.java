package org.nuage.core.federation.signature;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/** The RSA signature algorithms we verify, named as in RFC 9421's registry where they are in it. */
public enum SignatureAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256: draft-cavage's rsa-sha256, what Mastodon and PeerTube sign with. */
    RSA_V1_5_SHA256("rsa-v1_5-sha256", "SHA256withRSA"),
    /**
     * RSASSA-PKCS1-v1_5 with SHA-512: not in RFC 9421's registry, but some servers mean it by
     * draft-cavage's hs2019 with an RSA key (the draft leaves the hash to the key's metadata).
     */
    RSA_V1_5_SHA512("rsa-v1_5-sha512", "SHA512withRSA"),
    /** RSASSA-PSS with SHA-512 (RFC 9421 section 3.3.1), the algorithm of its RSA test vectors. */
    RSA_PSS_SHA512("rsa-pss-sha512", "RSASSA-PSS");

    private final String label;
    private final String jcaName;

    SignatureAlgorithm(String label, String jcaName) {
        this.label = label;
        this.jcaName = jcaName;
    }

    /** The algorithm's name in RFC 9421's registry (or in its style). */
    public String label() {
        return label;
    }

    /** True when the signature verifies; false when it does not, whatever its length or content. */
    boolean verify(PublicKey key, byte[] data, byte[] signature) throws InvalidKeyException {
        try {
            Signature verifier = instance();
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            // Thrown for a signature of the wrong length or one that is not a number below the
            // modulus: a signature that does not verify, not an error of ours.
            return false;
        }
    }

    byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature signer = instance();
            signer.initSign(key);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with " + label + ": " + e.getMessage(), e);
        }
    }

    private Signature instance() {
        try {
            Signature signature = Signature.getInstance(jcaName);
            if (this == RSA_PSS_SHA512) {
                // RFC 9421 section 3.3.1: MGF1 with SHA-512 and a 64-byte salt.
                signature.setParameter(new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1));
            }
            return signature;
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName, e);
        }
    }
}
