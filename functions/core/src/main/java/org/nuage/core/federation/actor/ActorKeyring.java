package org.nuage.core.federation.actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nuage.core.federation.signature.HttpMessage;
import org.nuage.core.federation.signature.LdSignature;
import org.nuage.core.federation.signature.RequestSigner;
import org.nuage.core.federation.signature.RsaKeys;
import org.nuage.core.federation.signature.SigningKey;

/**
 * Local actors' key pairs, each made on first use and kept in the table, and the signatures made
 * with them. The private key is read from the table and used in this process only.
 */
public final class ActorKeyring {

    private final ActorKeys keys;
    private final RequestSigner signer;
    /** Parsing a PEM private key costs a few milliseconds; a warm function keeps the parsed key. */
    private final Map<String, SigningKey> parsed = new ConcurrentHashMap<>();

    /** Made on first use: the api and the transcoder share this class and never LD-sign. */
    private static final class Ld {
        static final LdSignature SIGNATURE = new LdSignature();
    }

    public ActorKeyring(ActorKeys keys, RequestSigner signer) {
        this.keys = keys;
        this.signer = signer;
    }

    /**
     * The actor's key pair, made now if it has none: a key is needed only once another server
     * looks at the actor, and accounts made before federation get theirs too.
     */
    public ActorKeyPair keyPair(String actorUrl) {
        Optional<ActorKeyPair> existing = keys.find(actorUrl);
        if (existing.isPresent()) {
            return existing.get();
        }
        ActorKeyPair fresh = ActorKeyPair.generate();
        if (keys.create(actorUrl, fresh)) {
            return fresh;
        }
        // Another invocation stored its pair first; everyone must use that one.
        return keys.find(actorUrl).orElseThrow(() -> new IllegalStateException("key of " + actorUrl + " vanished"));
    }

    /** The actor's key for signing, named as its actor document publishes it ({@code #main-key}). */
    public SigningKey signingKey(String actorUrl) {
        return parsed.computeIfAbsent(actorUrl, url -> new SigningKey(url + "#main-key",
                RsaKeys.readPrivateKey(keyPair(url).privateKeyPem())));
    }

    /** Headers of a GET of {@code target} signed by {@code actorUrl}, as Mastodon's secure mode requires. */
    public Map<String, String> signedGet(String actorUrl, URI target) {
        return signer.signDraftCavage(new HttpMessage("GET", target, Map.of(), null), signingKey(actorUrl));
    }

    /** Headers of a POST of {@code body} signed by {@code actorUrl}, with its {@code Digest}. */
    public Map<String, String> signedPost(String actorUrl, URI target, String contentType, byte[] body) {
        return signer.signDraftCavage(new HttpMessage("POST", target, Map.of("content-type", contentType), body),
                signingKey(actorUrl));
    }

    /**
     * {@code activity} with an {@code RsaSignature2017} by {@code actorUrl}'s key, dated {@code at},
     * so that a server forwarding it can prove who wrote it.
     *
     * @throws LdSignature.Invalid when it cannot be signed (it names a context we do not hold)
     */
    public ObjectNode ldSigned(String actorUrl, JsonNode activity, Instant at) {
        return Ld.SIGNATURE.sign(activity, signingKey(actorUrl), at);
    }
}
