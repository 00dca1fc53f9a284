package org.nuage.core.federation.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.nuage.core.federation.actor.ActorKeyring;
import org.nuage.core.federation.signature.LdSignature;
import org.nuage.core.json.Json;

/**
 * Adds our actor's {@code RsaSignature2017} to the activities we originate, as PeerTube does to
 * every activity it sends, so that a server passing one on (a comment forwarded to a video's
 * followers, a post a relay shares) can prove who wrote it. Someone else's activity that we
 * forward keeps its bytes, and its own signature, untouched.
 */
final class ActivitySigning {

    private static final Logger LOG = Logger.getLogger(ActivitySigning.class.getName());

    /**
     * One activity goes to many inboxes (a video to a thousand servers): it is signed once per
     * warm function and the same body sent to each, as PeerTube signs once per broadcast job.
     * A few entries cover the activities in flight; a large one is signed again rather than kept.
     */
    static final int CACHED_ACTIVITIES = 16;
    static final int MAX_CACHED_CHARS = 64 * 1024;

    private final ActorKeyring keys;
    private final Clock clock;
    private final Map<String, String> signed = new LinkedHashMap<>(CACHED_ACTIVITIES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHED_ACTIVITIES;
        }
    };

    ActivitySigning(ActorKeyring keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The body to POST for {@code delivery}: its activity, LD-signed by its sender when the sender is its actor. */
    String body(Delivery delivery) {
        String key = delivery.signer() + "\n" + delivery.activity();
        synchronized (signed) {
            String cached = signed.get(key);
            if (cached != null) {
                return cached;
            }
        }
        String body = sign(delivery);
        if (delivery.activity().length() <= MAX_CACHED_CHARS) {
            synchronized (signed) {
                signed.put(key, body);
            }
        }
        return body;
    }

    private String sign(Delivery delivery) {
        JsonNode activity;
        try {
            activity = Json.tree(delivery.activity());
        } catch (Json.MalformedJsonException e) {
            return delivery.activity();
        }
        if (!activity.isObject() || activity.has("signature") || !delivery.signer().equals(actorOf(activity))) {
            // Forwarded (another actor's, or already signed): its bytes are what its author signed.
            return delivery.activity();
        }
        try {
            return Json.write(keys.ldSigned(delivery.signer(), activity, clock.instant()));
        } catch (LdSignature.Invalid e) {
            LOG.warning(() -> "activity " + activity.path("id").asText() + " sent without an LD signature: "
                    + e.getMessage());
            return delivery.activity();
        }
    }

    private static String actorOf(JsonNode activity) {
        JsonNode actor = activity.path("actor");
        return actor.isTextual() ? actor.asText() : actor.path("id").asText("");
    }
}
