package org.nuage.core.federation.signature;

import java.time.Instant;
import java.util.List;

/**
 * A signature that verified: whose key made it, how, over what, and when it says it was made.
 * The caller still has to check that the key's owner may do what the request asks.
 */
public record VerifiedSignature(String keyId, SignatureScheme scheme, SignatureAlgorithm algorithm,
        List<String> components, Instant signedAt) {

    public VerifiedSignature {
        components = List.copyOf(components);
    }
}
