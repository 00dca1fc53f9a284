package org.nuage.core.federation.signature;

import java.security.PublicKey;
import java.util.Optional;

/** Port: finds the public key a signature names by its key id (an actor's key URL, in ActivityPub). */
@FunctionalInterface
public interface KeyLookup {

    /** The key, or empty when none is known or can be fetched for this id. */
    Optional<PublicKey> find(String keyId);
}
