package org.nuage.core.federation;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.PublicKey;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.nuage.core.Refusal;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.federation.signature.HttpMessage;
import org.nuage.core.federation.signature.LdSignature;
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
 *
 * <p>A server may pass on another actor's activity (PeerTube and Nuage forward comments to a
 * video's followers, relays forward posts): the request is then signed by the forwarder, and the
 * activity is taken only when it carries a valid {@code RsaSignature2017} made with its actor's own
 * key, found the same way (cache, else a signed fetch). That check runs only for such requests, so
 * an activity sent by its own actor costs nothing more.
 */
public final class InboxAuthenticator {

    private static final Logger LOG = Logger.getLogger(InboxAuthenticator.class.getName());

    private final SignatureVerifier verifier;
    private final RemoteActors actors;
    private final String scheme;

    /**
     * Made on the first forwarded activity, not with the function: the JSON-LD classes are then
     * not loaded at all by an inbox that only ever sees activities sent by their own actors.
     */
    private static final class Ld {
        static final LdSignature SIGNATURE = new LdSignature();
    }

    /** {@code scheme} is the public URL's ({@code https} in the cloud): the signed target as the sender saw it. */
    public InboxAuthenticator(SignatureVerifier verifier, RemoteActors actors, String scheme) {
        this.verifier = verifier;
        this.actors = actors;
        this.scheme = scheme;
    }

    /**
     * The actor {@code request} is proven to speak for: the activity's actor, who signed the request
     * or, for a forwarded activity, the LD signature embedded in it.
     *
     * @throws Refusal 400/401 for a missing, malformed, stale or false signature or an unobtainable
     *     key; 403 when the signer is not the activity's actor and no valid LD signature of the
     *     actor is embedded
     */
    public RemoteActor authenticate(InboxRequest request, JsonNode activity) {
        String activityActor = InboxService.actorId(activity).orElseThrow();
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
        Verified signer = withKeyRotation(found, key -> signature.verify(key),
                refused -> refused instanceof SignatureRefusal s && s.reason() == SignatureRefusal.Reason.BAD_SIGNATURE);
        Verified author = signer;
        if (!signer.actor().id().equals(activityActor)) {
            author = forwarded(activity, activityActor, signer.actor());
        }
        // Only now: a request that proves nothing must not make us write to the table.
        if (signer.uncached()) {
            actors.remember(signer.actor());
        }
        if (author != signer && author.uncached()) {
            actors.remember(author.actor());
        }
        return author.actor();
    }

    /**
     * The activity's actor, proven by the LD signature embedded in an activity that {@code forwarder}
     * sent: PeerTube's rule (checkJsonLDSignature), with the signature's creator required to be the
     * actor itself or its key.
     */
    private Verified forwarded(JsonNode activity, String activityActor, RemoteActor forwarder) {
        String refusal = "the request is signed by " + forwarder.id() + " but the activity's actor is " + activityActor;
        LdSignature.Embedded embedded;
        try {
            embedded = LdSignature.embedded(activity)
                    .orElseThrow(() -> Refusal.forbidden(refusal + ", and the activity carries no LD signature of its actor"));
        } catch (LdSignature.Invalid e) {
            throw Refusal.forbidden(refusal + ", and " + e.getMessage());
        }
        String creator = embedded.creator();
        if (!LdSignature.TYPE.equals(embedded.type())) {
            throw Refusal.forbidden(refusal + ", and its LD signature is of type '"
                    + SignatureRefusal.shown(embedded.type()) + "', not " + LdSignature.TYPE);
        }
        if (!withoutFragment(creator).equals(activityActor)) {
            throw Refusal.forbidden(refusal + ", and its LD signature was made by " + SignatureRefusal.shown(creator)
                    + ", not by that actor");
        }
        try {
            // Before the key is fetched: an old signature is refused whoever made it.
            LdSignature.checkCreated(embedded, verifier.clock().instant(), InboxStore.DEDUPE_WINDOW);
        } catch (LdSignature.Invalid e) {
            throw Refusal.forbidden(refusal + ", and " + e.getMessage());
        }
        RemoteActors.Found found;
        try {
            // Mastodon names the key (…#main-key), PeerTube the actor.
            found = creator.equals(activityActor) ? actors.findById(activityActor) : actors.findByKeyId(creator);
        } catch (RemoteActors.Unavailable | IllegalArgumentException e) {
            throw Refusal.forbidden(refusal + ", and the key of its LD signature " + SignatureRefusal.shown(creator)
                    + " cannot be had: " + e.getMessage());
        }
        try {
            Verified author = withKeyRotation(found, key -> Ld.SIGNATURE.verify(activity, activityActor, key),
                    refused -> refused instanceof LdSignature.Invalid);
            LOG.info(() -> "activity " + activity.path("id").asText() + " of " + activityActor + " forwarded by "
                    + forwarder.id() + ": its LD signature holds");
            return author;
        } catch (LdSignature.Invalid e) {
            throw Refusal.forbidden(refusal + ", and " + e.getMessage());
        } catch (SignatureRefusal e) {
            throw Refusal.forbidden(refusal + ", and " + e.getMessage());
        }
    }

    /** An actor whose key verified a signature, and whether it was fetched just now and is not cached yet. */
    private record Verified(RemoteActor actor, boolean uncached) {
    }

    /**
     * Runs {@code check} with the found actor's key; when it fails as {@code stale} says with a
     * cached key, the actor is fetched again and, if its key changed, checked once more with it.
     */
    private Verified withKeyRotation(RemoteActors.Found found, Consumer<PublicKey> check,
            java.util.function.Predicate<RuntimeException> stale) {
        RemoteActor actor = found.actor();
        try {
            check.accept(publicKey(actor));
            return new Verified(actor, found.fetched());
        } catch (RuntimeException refused) {
            // A key fetched a moment ago has not rotated since: only a cached one is worth asking again.
            if (!stale.test(refused) || found.fetched()) {
                throw refused;
            }
            RemoteActor refreshed;
            try {
                refreshed = actors.fetch(actor.id());
            } catch (RemoteActors.Unavailable e) {
                throw refused;
            }
            if (refreshed.publicKeyPem().equals(actor.publicKeyPem())) {
                throw refused;
            }
            LOG.info(() -> "the key of " + refreshed.id() + " changed; verifying with the new one");
            check.accept(publicKey(refreshed));
            return new Verified(refreshed, true);
        }
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
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
