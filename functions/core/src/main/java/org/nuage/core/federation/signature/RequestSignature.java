package org.nuage.core.federation.signature;

import static org.nuage.core.federation.signature.SignatureRefusal.Reason.BAD_SIGNATURE;
import static org.nuage.core.federation.signature.SignatureRefusal.Reason.UNUSABLE_KEY;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A request's signature, read and checked in everything but the cryptography: it covers what we
 * require, its time is within the window and the body matches its digest. The caller looks up
 * {@link #keyId()} (fetching the actor if need be), then calls {@link #verify(PublicKey)}.
 */
public final class RequestSignature {

    /**
     * PeerTube makes 1024-bit keys in test mode (and the draft's own examples use one); 8192 bits
     * is beyond anything servers generate, and verifying with larger moduli costs more for nothing.
     */
    static final int MIN_KEY_BITS = 1024;
    static final int MAX_KEY_BITS = 8192;

    private final SignatureScheme scheme;
    private final String keyId;
    private final List<String> components;
    private final List<SignatureAlgorithm> algorithms;
    private final byte[] signedBytes;
    private final byte[] signature;
    private final Instant signedAt;

    RequestSignature(SignatureScheme scheme, String keyId, List<String> components,
            List<SignatureAlgorithm> algorithms, String signedText, byte[] signature, Instant signedAt) {
        this.scheme = scheme;
        this.keyId = keyId;
        this.components = List.copyOf(components);
        this.algorithms = List.copyOf(algorithms);
        this.signedBytes = signedText.getBytes(StandardCharsets.UTF_8);
        this.signature = signature.clone();
        this.signedAt = signedAt;
    }

    /** The id of the key that made the signature, as the request names it. */
    public String keyId() {
        return keyId;
    }

    public SignatureScheme scheme() {
        return scheme;
    }

    /** What the signature covers, in its order: header names, pseudo-headers or derived components. */
    public List<String> components() {
        return components;
    }

    /** When the signature says it was made: its created time, or else the signed Date. */
    public Instant signedAt() {
        return signedAt;
    }

    /**
     * Checks the signature with the key found for {@link #keyId()}.
     *
     * @throws SignatureRefusal {@code BAD_SIGNATURE} when it does not verify, {@code UNUSABLE_KEY}
     *     when the key is not an RSA key of a sensible size
     */
    public VerifiedSignature verify(PublicKey key) {
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new SignatureRefusal(UNUSABLE_KEY, "the key of " + SignatureRefusal.shown(keyId) + " is "
                    + (key == null ? "missing" : key.getAlgorithm()) + ", and we verify RSA signatures only");
        }
        int bits = rsa.getModulus().bitLength();
        if (bits < MIN_KEY_BITS || bits > MAX_KEY_BITS) {
            throw new SignatureRefusal(UNUSABLE_KEY, "the key of " + SignatureRefusal.shown(keyId) + " has "
                    + bits + " bits; we accept " + MIN_KEY_BITS + " to " + MAX_KEY_BITS);
        }
        for (SignatureAlgorithm algorithm : algorithms) {
            try {
                if (algorithm.verify(key, signedBytes, signature)) {
                    return new VerifiedSignature(keyId, scheme, algorithm, components, signedAt);
                }
            } catch (InvalidKeyException e) {
                throw new SignatureRefusal(UNUSABLE_KEY, "the key of " + SignatureRefusal.shown(keyId)
                        + " cannot verify " + algorithm.label() + ": " + e.getMessage());
            }
        }
        throw new SignatureRefusal(BAD_SIGNATURE, "the signature does not verify with the key of "
                + SignatureRefusal.shown(keyId) + " (tried "
                + algorithms.stream().map(SignatureAlgorithm::label).collect(Collectors.joining(", ")) + ")");
    }

    /** The exact text the signature covers, for logs and tests. */
    String signedText() {
        return new String(signedBytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RequestSignature[" + scheme + " " + keyId + " " + components + "]";
    }
}
