package org.nuage.core.federation.signature;

import java.security.PrivateKey;
import java.util.Objects;

/** The private key an outgoing request is signed with, and the id under which its public half is published. */
public record SigningKey(String keyId, PrivateKey privateKey) {

    public SigningKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(privateKey, "privateKey");
        if (keyId.isBlank() || keyId.indexOf('"') >= 0 || keyId.indexOf('\\') >= 0 || !isPrintableAscii(keyId)) {
            // Both schemes put the id in a quoted string; keep it to what every parser reads alike.
            throw new IllegalArgumentException("a key id must be printable ASCII without quotes or backslashes: " + keyId);
        }
    }

    private static boolean isPrintableAscii(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyId + "]";
    }
}
