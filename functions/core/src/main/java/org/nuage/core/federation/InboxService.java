package org.nuage.core.federation;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.nuage.core.Refusal;
import org.nuage.core.federation.signature.SignatureRefusal;
import org.nuage.core.json.Json;
import org.nuage.core.queue.WorkQueue;

/**
 * The inbox's one job: check a POSTed activity, drop it if already seen, queue a small envelope
 * for the delivery worker and answer 202. Nothing is applied here.
 */
public final class InboxService {

    private static final Logger LOG = Logger.getLogger(InboxService.class.getName());

    /**
     * Mastodon caps what it accepts at 1 MB as well; a Video object with many files is about 20 KB,
     * so this leaves room without letting a sender fill the table.
     */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    /** ActivityPub says activity+json or ld+json with the AS profile; many servers send plain JSON. */
    private static final Set<String> JSON_TYPES = Set.of(
            "application/activity+json", "application/ld+json", "application/json");

    private final InboxStore store;
    private final WorkQueue queue;
    private final InboxAuthenticator authenticator;
    private final Predicate<String> inboxHere;
    private final Clock clock;

    /**
     * The checks, in the order they run; the first that objects answers the request. The
     * signature comes last: it may fetch a key over the network, which the cheap checks spare.
     */
    private final List<Check> checks = List.of(
            InboxService::bodyWithinCap,
            InboxService::jsonContentType,
            InboxService::wellFormedActivity,
            InboxService::idsOnTheActorsHost,
            this::toAnInboxHere,
            this::provenFromItsActor);

    /**
     * {@code inboxHere} tells whether a path is one of our inboxes: the shared one or that of an
     * actor that exists ({@code LocalActors::hasInbox}).
     */
    public InboxService(InboxStore store, WorkQueue queue, InboxAuthenticator authenticator,
            Predicate<String> inboxHere, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.authenticator = authenticator;
        this.inboxHere = inboxHere;
        this.clock = clock;
    }

    /**
     * Before the signature, unlike PeerTube, which checks the local account after it: a key
     * fetched and cached for an inbox nobody has would be a write for nothing, and which names
     * exist here is public anyway (WebFinger).
     */
    private Optional<InboxResponse> toAnInboxHere(Received received) {
        String path = received.request.path();
        if (inboxHere.test(path)) {
            return Optional.empty();
        }
        return Optional.of(InboxResponse.reject(404, "no actor here has the inbox " + SignatureRefusal.shown(path)));
    }

    private Optional<InboxResponse> provenFromItsActor(Received received) {
        try {
            authenticator.authenticate(received.request, received.activity);
            return Optional.empty();
        } catch (Refusal refused) {
            return Optional.of(InboxResponse.reject(refused.status(), refused.getMessage()));
        }
    }

    public InboxResponse receive(InboxRequest request) {
        Received checked = new Received(request);
        for (Check check : checks) {
            Optional<InboxResponse> rejection = check.apply(checked);
            if (rejection.isPresent()) {
                LOG.info(() -> "inbox " + request.path() + " rejected " + rejection.get().status() + ": "
                        + rejection.get().message());
                return rejection.get();
            }
        }
        JsonNode activity = checked.activity;
        ReceivedActivity received = new ReceivedActivity(activity.get("id").asText(),
                activity.get("type").asText(), actorId(activity).orElseThrow(), request.path(),
                request.body(), clock.instant(), Optional.empty());
        boolean recorded;
        try {
            recorded = store.recordIfNew(received);
        } catch (InboxStore.TooLargeException e) {
            return InboxResponse.reject(413, e.getMessage());
        }
        if (!recorded) {
            // Senders retry on timeouts; a 2xx stops them without applying the activity twice.
            return InboxResponse.accepted("duplicate activity " + received.activityId() + ", already received");
        }
        try {
            queue.send(WorkQueue.Name.INBOUND, Json.write(received.envelope()));
        } catch (RuntimeException e) {
            // Without the envelope the activity would never be applied, and the sender's retry
            // would be dropped as a duplicate: forget it so the retry gets through.
            store.forget(received.activityId());
            throw e;
        }
        return InboxResponse.accepted("accepted " + received.activityType() + " " + received.activityId());
    }

    private static Optional<InboxResponse> bodyWithinCap(Received received) {
        InboxRequest request = received.request;
        if (request.body().length > MAX_BODY_BYTES) {
            return Optional.of(InboxResponse.reject(413,
                    "body of " + request.body().length + " bytes exceeds the " + MAX_BODY_BYTES + "-byte limit"));
        }
        if (request.body().length == 0) {
            return Optional.of(InboxResponse.reject(400, "empty body: an activity was expected"));
        }
        return Optional.empty();
    }

    private static Optional<InboxResponse> jsonContentType(Received received) {
        InboxRequest request = received.request;
        String type = request.header("content-type").orElse("");
        String mediaType = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!JSON_TYPES.contains(mediaType)) {
            return Optional.of(InboxResponse.reject(415,
                    "content type '" + type + "' is not application/activity+json or application/ld+json"));
        }
        return Optional.empty();
    }

    private static Optional<InboxResponse> wellFormedActivity(Received received) {
        JsonNode activity;
        try {
            activity = Json.tree(received.request.body());
            received.activity = activity;
        } catch (Json.MalformedJsonException e) {
            return Optional.of(InboxResponse.reject(400, "malformed JSON: " + e.getMessage()));
        }
        if (activity == null || !activity.isObject()) {
            return Optional.of(InboxResponse.reject(400, "an activity must be a JSON object"));
        }
        if (!isHttpUrl(activity.path("id").asText(null))) {
            return Optional.of(InboxResponse.reject(400, "activity 'id' must be an absolute http(s) URL"));
        }
        if (!activity.path("type").isTextual() || activity.path("type").asText().isBlank()) {
            return Optional.of(InboxResponse.reject(400, "activity 'type' must be a string"));
        }
        if (actorId(activity).filter(InboxService::isHttpUrl).isEmpty()) {
            return Optional.of(InboxResponse.reject(400, "activity 'actor' must be an http(s) URL or an object with one as 'id'"));
        }
        return Optional.empty();
    }

    /** Activities whose embedded object is created or changed: the object must be the actor's too. */
    private static final Set<String> OBJECT_OWNING_TYPES = Set.of("Create", "Update");

    /**
     * An actor may name only its own server's URLs as ids, as PeerTube and Mastodon require: else it
     * could take the dedupe slot of another server's activity, or pass off a comment as another
     * server's. A forwarded activity passes when its actor's host is its id's; the LD signature
     * then proves the actor wrote it.
     */
    private static Optional<InboxResponse> idsOnTheActorsHost(Received received) {
        JsonNode activity = received.activity;
        String actor = actorId(activity).orElseThrow();
        String actorHost = authority(actor);
        String id = activity.get("id").asText();
        if (!authority(id).equals(actorHost)) {
            return Optional.of(InboxResponse.reject(400, "activity id " + SignatureRefusal.shown(id) + " is on another host ("
                    + authority(id) + ") than its actor " + SignatureRefusal.shown(actor)));
        }
        JsonNode object = activity.path("object");
        if (OBJECT_OWNING_TYPES.contains(activity.get("type").asText()) && object.isObject() && object.has("id")) {
            String objectId = object.path("id").asText("");
            if (!isHttpUrl(objectId)) {
                return Optional.of(InboxResponse.reject(400, "the object's 'id' must be an absolute http(s) URL"));
            }
            if (!authority(objectId).equals(actorHost)) {
                return Optional.of(InboxResponse.reject(400, "object id " + SignatureRefusal.shown(objectId)
                        + " is on another host (" + authority(objectId) + ") than its actor " + SignatureRefusal.shown(actor)));
            }
        }
        return Optional.empty();
    }

    /** Host and port, the port made explicit so that {@code https://a} and {@code https://a:443} agree. */
    private static String authority(String httpUrl) {
        URI uri = URI.create(httpUrl);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    static Optional<String> actorId(JsonNode activity) {
        JsonNode actor = activity.path("actor");
        if (actor.isTextual()) {
            return Optional.of(actor.asText());
        }
        if (actor.isObject() && actor.path("id").isTextual()) {
            return Optional.of(actor.path("id").asText());
        }
        return Optional.empty();
    }

    private static boolean isHttpUrl(String value) {
        if (value == null || value.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (Exception e) {
            return false;
        }
    }

    /** A request on its way through the checks, with what they learnt so far. */
    private static final class Received {
        final InboxRequest request;
        JsonNode activity;

        Received(InboxRequest request) {
            this.request = request;
        }
    }

    @FunctionalInterface
    private interface Check {
        Optional<InboxResponse> apply(Received received);
    }
}
