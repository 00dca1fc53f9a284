package org.nuage.core.federation.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;
import org.nuage.core.federation.signature.RsaKeys;

class ActorKeyPairTest {

    @Test
    void aGeneratedPairIsRsa2048InPemThatSignsAndVerifies() throws Exception {
        ActorKeyPair pair = ActorKeyPair.generate();
        assertTrue(pair.publicKeyPem().startsWith("-----BEGIN PUBLIC KEY-----"));
        assertTrue(pair.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
        RSAPublicKey publicKey = (RSAPublicKey) RsaKeys.readPublicKey(pair.publicKeyPem());
        assertEquals(2048, publicKey.getModulus().bitLength());
        byte[] message = "(request-target): post /inbox".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(RsaKeys.readPrivateKey(pair.privateKeyPem()));
        signer.update(message);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(message);
        assertTrue(verifier.verify(signer.sign()), "the two halves belong together");
    }

    @Test
    void thePrivateKeyNeverShowsInALogLine() {
        ActorKeyPair pair = ActorKeyPair.generate();
        assertFalse(pair.toString().contains("PRIVATE KEY"), pair.toString());
        assertFalse(pair.toString().contains(pair.privateKeyPem().substring(40, 80)));
    }
}
