package org.nuage.core.federation.remote;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.nuage.core.net.SafeHttp;

/**
 * Finds remote actors: from the cache while it is fresh, else by a (signed) GET through
 * {@link SafeHttp}, so every fetch passes the SSRF guard. Key rotation is handled by
 * {@link #refresh}: a signature that fails with the cached key is checked once more with a
 * freshly fetched one.
 */
public final class RemoteActors {

    private static final Logger LOG = Logger.getLogger(RemoteActors.class.getName());

    /** A day, as Mastodon keeps remote keys between refreshes; a rotated key is caught by {@link #refresh}. */
    public static final Duration CACHE_TTL = Duration.ofDays(1);

    /** What we ask for; servers that serve both HTML and JSON answer JSON to this. */
    static final String ACCEPT = "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

    /** Why an actor cannot be had: it does not exist, answers badly, or is somewhere we will not go. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    private final RemoteObjects objects;
    private final RemoteActorCache cache;
    private final Clock clock;

    /**
     * {@code signedGetHeaders} gives the headers of a GET signed by the instance actor (Mastodon in
     * secure mode answers only signed fetches); {@code Accept} is added here.
     */
    public RemoteActors(SafeHttp http, Function<URI, Map<String, String>> signedGetHeaders, RemoteActorCache cache,
            Clock clock) {
        this.objects = new RemoteObjects(http, signedGetHeaders);
        this.cache = cache;
        this.clock = clock;
    }

    /** The actor with id {@code actorId}, cached for {@link #CACHE_TTL}. */
    public RemoteActor get(String actorId) {
        Optional<RemoteActorCache.Cached> cached = cache.find(actorId);
        if (cached.isPresent() && cached.get().fetchedAt().plus(CACHE_TTL).isAfter(clock.instant())) {
            return cached.get().actor();
        }
        return refresh(actorId);
    }

    /**
     * The actor owning {@code keyId}: PeerTube and Mastodon keys are fragments of the actor's URL
     * ({@code …/accounts/x#main-key}), so the document without the fragment is the actor.
     */
    public RemoteActor byKeyId(String keyId) {
        Found found = findByKeyId(keyId);
        if (found.fetched()) {
            remember(found.actor());
        }
        return found.actor();
    }

    /** An actor found by its key id, and whether it was fetched just now and is not cached yet. */
    public record Found(RemoteActor actor, boolean fetched) {
    }

    /**
     * Like {@link #byKeyId}, but an actor fetched here is not cached: the inbox caches a key only
     * once a signature has held with it, so unauthenticated requests write nothing to the table.
     */
    public Found findByKeyId(String keyId) {
        URI key = URI.create(keyId);
        String document = key.getFragment() == null ? keyId : keyId.substring(0, keyId.indexOf('#'));
        Optional<RemoteActorCache.Cached> cached = cache.find(document);
        if (cached.isPresent() && cached.get().fetchedAt().plus(CACHE_TTL).isAfter(clock.instant())
                && cached.get().actor().keyId().equals(keyId)) {
            return new Found(cached.get().actor(), false);
        }
        // Not cached, stale, or an older key than the one named: ask the actor's server.
        RemoteActor actor = fetch(document);
        if (!actor.keyId().equals(keyId)) {
            throw new Unavailable("the key " + keyId + " is not the key of " + actor.id() + " (" + actor.keyId() + ")");
        }
        return new Found(actor, true);
    }

    /**
     * The actor with id {@code actorId} from the cache while it is fresh, else fetched and, like
     * {@link #findByKeyId}, not cached: for a key that has still to prove itself.
     */
    public Found findById(String actorId) {
        Optional<RemoteActorCache.Cached> cached = cache.find(actorId);
        if (cached.isPresent() && cached.get().fetchedAt().plus(CACHE_TTL).isAfter(clock.instant())) {
            return new Found(cached.get().actor(), false);
        }
        return new Found(fetch(actorId), true);
    }

    /** Caches an actor fetched with {@link #fetch}, {@link #findById} or {@link #findByKeyId}. */
    public void remember(RemoteActor actor) {
        cache.save(actor, clock.instant());
    }

    /** Fetches the actor now, whatever the cache holds, and caches it. */
    public RemoteActor refresh(String actorId) {
        RemoteActor actor = fetch(actorId);
        remember(actor);
        return actor;
    }

    /** Fetches the actor now, whatever the cache holds, without caching it. */
    public RemoteActor fetch(String actorId) {
        RemoteObjects.Fetched fetched = objects.fetch(actorId);
        RemoteActor actor;
        try {
            // The final URL after redirects is where the document really came from.
            actor = RemoteActor.parse(fetched.document(), fetched.url());
        } catch (RemoteActor.InvalidActor e) {
            throw new Unavailable(e.getMessage());
        }
        if (!actor.id().equals(actorId)) {
            throw new Unavailable("asked for " + actorId + " but the document is the actor " + actor.id());
        }
        LOG.info(() -> "fetched actor " + actor.id() + " (" + actor.type() + ")");
        return actor;
    }
}
