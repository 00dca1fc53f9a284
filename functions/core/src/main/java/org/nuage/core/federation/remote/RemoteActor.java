package org.nuage.core.federation.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An actor of another server as far as Nuage needs it: where to deliver to it, and the key its
 * requests are signed with.
 *
 * @param type the first ActivityStreams actor type it has ({@code Person}, {@code Group}, ...)
 * @param sharedInbox the server's shared inbox, where one POST reaches all its followers of ours
 */
public record RemoteActor(String id, String type, String inbox, Optional<String> sharedInbox, String keyId,
        String publicKeyPem, String preferredUsername, Optional<String> name, Optional<String> url) {

    /** The actor types of ActivityStreams; Mastodon's bots are Services, PeerTube's instance an Application. */
    static final Set<String> ACTOR_TYPES = Set.of("Person", "Group", "Application", "Service", "Organization");

    /** Why a document is not an actor Nuage can follow, deliver to or trust a key of. */
    public static final class InvalidActor extends RuntimeException {
        public InvalidActor(String message) {
            super(message);
        }
    }

    /**
     * Reads an actor document fetched from {@code fetchedFrom}. The actor must live where it was
     * fetched: its id on the same host, its key owned by itself, its inbox an http(s) URL.
     */
    public static RemoteActor parse(JsonNode document, URI fetchedFrom) {
        if (document == null || !document.isObject()) {
            throw new InvalidActor("the actor document is not a JSON object");
        }
        String id = text(document, "id").orElseThrow(() -> new InvalidActor("the actor has no id"));
        URI idUri = httpUrl(id, "id");
        if (!sameHost(idUri, fetchedFrom)) {
            throw new InvalidActor("the actor " + id + " was served by " + fetchedFrom.getHost() + ", another host");
        }
        String type = actorType(document.path("type"))
                .orElseThrow(() -> new InvalidActor("the document " + id + " is not an actor (type " + document.path("type") + ")"));
        // Mastodon does not treat an actor without an inbox as an ActivityPub account; neither do we.
        String inbox = text(document, "inbox").orElseThrow(() -> new InvalidActor("the actor " + id + " has no inbox"));
        httpUrl(inbox, "inbox");
        Optional<String> sharedInbox = text(document.path("endpoints"), "sharedInbox");
        sharedInbox.ifPresent(s -> httpUrl(s, "sharedInbox"));
        JsonNode key = document.path("publicKey");
        if (key.isArray()) {
            key = key.path(0);
        }
        String keyId = text(key, "id").orElseThrow(() -> new InvalidActor("the actor " + id + " publishes no key"));
        String owner = text(key, "owner").orElse(id);
        if (!owner.equals(id)) {
            throw new InvalidActor("the key " + keyId + " belongs to " + owner + ", not to " + id);
        }
        if (!sameHost(httpUrl(keyId, "publicKey.id"), idUri)) {
            throw new InvalidActor("the key " + keyId + " is not on the actor's host");
        }
        String pem = text(key, "publicKeyPem").filter(p -> p.contains("BEGIN PUBLIC KEY"))
                .orElseThrow(() -> new InvalidActor("the key " + keyId + " has no PEM public key"));
        return new RemoteActor(id, type, inbox, sharedInbox, keyId, pem,
                text(document, "preferredUsername").orElse(""), text(document, "name"), text(document, "url"));
    }

    /** Where deliveries for this actor go: its server's shared inbox when it has one. */
    public String deliveryInbox() {
        return sharedInbox.orElse(inbox);
    }

    /** The actor's server as handles name it: its host, with the port when it is not the default (as PeerTube's). */
    public String host() {
        URI uri = URI.create(id);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return uri.getPort() == -1 ? host : host + ":" + uri.getPort();
    }

    /** {@code type} is a string or, with JSON-LD extensions such as {@code vcard:individual}, an array. */
    private static Optional<String> actorType(JsonNode type) {
        if (type.isTextual()) {
            return Optional.of(type.asText()).filter(ACTOR_TYPES::contains);
        }
        for (JsonNode t : type) {
            if (t.isTextual() && ACTOR_TYPES.contains(t.asText())) {
                return Optional.of(t.asText());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static URI httpUrl(String value, String field) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw new InvalidActor("the actor's " + field + " is not an http(s) URL: " + value);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new InvalidActor("the actor's " + field + " is not a URL: " + value);
        }
    }

    static boolean sameHost(URI a, URI b) {
        return a.getHost() != null && b.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && a.getPort() == b.getPort();
    }
}
