package org.nuage.core.federation;

import java.security.PublicKey;
import java.util.logging.Logger;
import org.nuage.core.Refusal;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.federation.signature.HttpMessage;
import org.nuage.core.federation.signature.RequestSignature;
import org.nuage.core.federation.signature.RsaKeys;
import org.nuage.core.federation.signature.SignatureRefusal;
import org.nuage.core.federation.signature.SignatureVerifier;

/**
 * Proves who sent an inbox POST: the HTTP signature is read and checked without a key first
 * (coverage, time window, digest of the raw bytes), then its key is found from {@code keyId} (the
 * cache, else a signed fetch), the signature verified, and the key's owner must be the activity's
 * actor. A signature that fails with a cached key is tried once more with a freshly fetched one,
 * so a sender that rotated its key is not refused for a day. A fetched key is cached only once
 * the request is authenticated, so a refused request leaves nothing stored.
 */
public final class InboxAuthenticator {

    private static final Logger LOG = Logger.getLogger(InboxAuthenticator.class.getName());

    private final SignatureVerifier verifier;
    private final RemoteActors actors;
    private final String scheme;

    /** {@code scheme} is the public URL's ({@code https} in the cloud): the signed target as the sender saw it. */
    public InboxAuthenticator(SignatureVerifier verifier, RemoteActors actors, String scheme) {
        this.verifier = verifier;
        this.actors = actors;
        this.scheme = scheme;
    }

    /**
     * The verified sender of {@code request}, whose activity names {@code activityActor}.
     *
     * @throws Refusal 400/401 for a missing, malformed, stale or false signature or an unobtainable
     *     key; 403 when the signer is not the activity's actor
     */
    public RemoteActor authenticate(InboxRequest request, String activityActor) {
        HttpMessage message = HttpMessage.received(request.method(), scheme, request.path(), request.headers(),
                request.body());
        RequestSignature signature = verifier.read(message);
        RemoteActors.Found found;
        try {
            found = actors.findByKeyId(signature.keyId());
        } catch (RemoteActors.Unavailable | IllegalArgumentException e) {
            throw new SignatureRefusal(SignatureRefusal.Reason.UNKNOWN_KEY,
                    "the signing key " + SignatureRefusal.shown(signature.keyId()) + " cannot be had: " + e.getMessage());
        }
        RemoteActor signer = found.actor();
        boolean uncached = found.fetched();
        try {
            signature.verify(publicKey(signer));
        } catch (SignatureRefusal refused) {
            // A key fetched a moment ago has not rotated since: only a cached one is worth asking again.
            if (refused.reason() != SignatureRefusal.Reason.BAD_SIGNATURE || uncached) {
                throw refused;
            }
            RemoteActor refreshed;
            try {
                refreshed = actors.fetch(signer.id());
            } catch (RemoteActors.Unavailable e) {
                throw refused;
            }
            if (refreshed.publicKeyPem().equals(signer.publicKeyPem())) {
                throw refused;
            }
            LOG.info(() -> "the key of " + refreshed.id() + " changed; verifying with the new one");
            signature.verify(publicKey(refreshed));
            signer = refreshed;
            uncached = true;
        }
        if (!signer.id().equals(activityActor)) {
            // A relay or a forwarder may sign another actor's activity; PeerTube then requires an
            // embedded LD signature of the actor, which we do not check yet, so we refuse.
            throw Refusal.forbidden("the request is signed by " + signer.id() + " but the activity's actor is "
                    + activityActor);
        }
        if (uncached) {
            // Only now: a request that proves nothing must not make us write to the table.
            actors.remember(signer);
        }
        return signer;
    }

    private static PublicKey publicKey(RemoteActor actor) {
        try {
            return RsaKeys.readPublicKey(actor.publicKeyPem());
        } catch (IllegalArgumentException e) {
            throw new SignatureRefusal(SignatureRefusal.Reason.UNUSABLE_KEY,
                    "the key of " + actor.id() + " cannot be read: " + e.getMessage());
        }
    }
}
