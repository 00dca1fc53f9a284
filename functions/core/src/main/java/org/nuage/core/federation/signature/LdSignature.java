package org.nuage.core.federation.signature;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.rdf.api.RdfConsumerException;
import com.apicatalog.rdf.api.RdfQuadConsumer;
import com.apicatalog.rdf.canon.RdfCanon;
import com.apicatalog.rdf.canon.RdfCanonTimeTicker;
import com.apicatalog.rdf.nquads.NQuadsWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Linked Data signatures of type {@code RsaSignature2017}, as Mastodon and PeerTube embed them in
 * the activities they send so that a server forwarding an activity can prove who wrote it.
 *
 * <p>The signed text is {@code hex(sha256(c(options))) + hex(sha256(c(document)))}, where
 * {@code c} is JSON-LD to RDF then URDNA2015 canonical N-Quads, {@code options} is the
 * {@code signature} object without {@code type}, {@code id} and {@code signatureValue} and with
 * the identity/v1 {@code @context}, and {@code document} is the activity without {@code signature};
 * the value is that text's RSA-SHA256 (PKCS#1 v1.5) signature in base64. Only the contexts
 * {@link LdContexts} holds are used: nothing is fetched.
 *
 * <p>JSON-LD drops what its context does not define, so such a signature covers only what the
 * context names. A document whose context defines nothing would be signed as an empty graph; so a
 * signature is accepted only when the signed graph states the activity's id, type and actor.
 */
public final class LdSignature {

    public static final String TYPE = "RsaSignature2017";

    /** Mastodon's choice for the options document; PeerTube's security/v1 gives the same graph for them. */
    static final String OPTIONS_CONTEXT = LdContexts.IDENTITY_V1;

    static final String AS_ACTOR = "https://www.w3.org/ns/activitystreams#actor";
    static final String AS_OBJECT = "https://www.w3.org/ns/activitystreams#object";
    static final String RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

    /**
     * URDNA2015 is exponential on crafted graphs of blank nodes; an activity is a small tree and
     * takes milliseconds, so one that needs more than this is refused rather than computed.
     */
    static final Duration CANONICALISATION_BUDGET = Duration.ofSeconds(1);

    /** A signature that is missing, malformed, made with another key or over other content; the message says which. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }

        Invalid(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The {@code signature} object embedded in an activity: its {@code creator} names the key (Mastodon:
     * {@code …#main-key}) or the actor (PeerTube) that made it.
     */
    public record Embedded(String type, String creator, String created, String value) {
    }

    private static final class Json {
        /** Looked up once: each {@code JsonProvider.provider()} call scans the class path. */
        static final JsonProvider PROVIDER = JsonProvider.provider();
    }

    private static final LdContexts CONTEXTS = new LdContexts();

    /**
     * The activity's embedded signature, if it has a {@code signature} member.
     *
     * @throws Invalid when it is there but not an object with string {@code type}, {@code creator}
     *     and {@code signatureValue}
     */
    public static Optional<Embedded> embedded(JsonNode activity) {
        JsonNode signature = activity.path("signature");
        if (signature.isMissingNode()) {
            return Optional.empty();
        }
        if (!signature.isObject()) {
            throw new Invalid("the activity's 'signature' is not an object");
        }
        for (String field : new String[] {"type", "creator", "signatureValue"}) {
            if (!signature.path(field).isTextual() || signature.path(field).asText().isBlank()) {
                throw new Invalid("the activity's signature has no '" + field + "' string");
            }
        }
        return Optional.of(new Embedded(signature.get("type").asText(), signature.get("creator").asText(),
                signature.path("created").asText(""), signature.get("signatureValue").asText()));
    }

    /**
     * Checks the {@code RsaSignature2017} embedded in {@code activity} with {@code key}, and that the
     * signed graph states the activity's {@code id}, its {@code type} and {@code actor} as {@code actorId}.
     *
     * @throws Invalid with the reason when it does not hold
     */
    public void verify(JsonNode activity, String actorId, PublicKey key) {
        Embedded embedded = embedded(activity).orElseThrow(() -> new Invalid("the activity carries no LD signature"));
        if (!TYPE.equals(embedded.type())) {
            throw new Invalid("the activity's signature is of type '" + SignatureRefusal.shown(embedded.type())
                    + "'; we check " + TYPE + " only");
        }
        byte[] value;
        try {
            // Mastodon reads base64 leniently (line breaks allowed); so do we.
            value = Base64.getMimeDecoder().decode(embedded.value());
        } catch (IllegalArgumentException e) {
            throw new Invalid("the activity's signatureValue is not base64");
        }
        try {
            LdContexts.checkInlineContexts(jsonP(activity));
        } catch (IllegalArgumentException e) {
            throw new Invalid("the signed activity cannot be taken: " + e.getMessage(), e);
        }
        String signed = signedText((ObjectNode) activity.get("signature"), activity, actorId);
        boolean verified;
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(signed.getBytes(StandardCharsets.UTF_8));
            verified = rsa.verify(value);
        } catch (GeneralSecurityException e) {
            throw new Invalid("the key cannot check an RSA-SHA256 signature: " + e.getMessage(), e);
        }
        if (!verified) {
            throw new Invalid("the LD signature by " + SignatureRefusal.shown(embedded.creator())
                    + " does not verify: the activity was changed after it was signed, or another key made it");
        }
    }

    /**
     * Refuses a signature dated more than {@code maxAge} before {@code now}, or more than the
     * clock skew we allow after it, or not dated: its activity could be replayed once the inbox
     * has forgotten its id.
     *
     * @throws Invalid with the reason
     */
    public static void checkCreated(Embedded embedded, Instant now, Duration maxAge) {
        Instant created;
        try {
            created = java.time.OffsetDateTime.parse(embedded.created()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new Invalid("the LD signature's 'created' is not a date-time: '"
                    + SignatureRefusal.shown(embedded.created()) + "'");
        }
        if (created.isBefore(now.minus(maxAge))) {
            throw new Invalid("the LD signature was created " + created + ", more than " + maxAge.toDays()
                    + " days ago: a replay is refused");
        }
        if (created.isAfter(now.plus(CREATED_SKEW))) {
            throw new Invalid("the LD signature's 'created' " + created + " is ahead of our clock (" + now + ")");
        }
    }

    /** How far ahead of our clock a signature's {@code created} may be: a sender's clock may run fast. */
    static final Duration CREATED_SKEW = Duration.ofHours(1);

    /**
     * {@code activity} with an {@code RsaSignature2017} by {@code key} added (an existing one is
     * replaced), dated {@code created}; the creator is the key's id, as Mastodon names it.
     *
     * @throws Invalid when the activity cannot be signed, such as one naming a context we do not hold
     */
    public ObjectNode sign(JsonNode activity, SigningKey key, Instant created) {
        if (!activity.isObject()) {
            throw new Invalid("only a JSON object can be signed");
        }
        ObjectNode signature = org.nuage.core.json.Json.MAPPER.createObjectNode();
        signature.put("type", TYPE);
        signature.put("creator", key.keyId());
        signature.put("created", created.truncatedTo(ChronoUnit.SECONDS).toString());
        JsonNode actor = activity.path("actor");
        String signed = signedText(signature, activity, actor.isTextual() ? actor.asText() : actor.path("id").asText(""));
        signature.put("signatureValue", Base64.getEncoder().encodeToString(
                SignatureAlgorithm.RSA_V1_5_SHA256.sign(key.privateKey(), signed.getBytes(StandardCharsets.UTF_8))));
        ObjectNode copy = ((ObjectNode) activity).deepCopy();
        copy.remove("signature");
        copy.set("signature", signature);
        return copy;
    }

    /**
     * The text an RSA signature covers: the two hashes, options first. The activity's graph must
     * state its id's type and {@code actorId} as its actor, or the signature would prove nothing.
     */
    private static String signedText(ObjectNode signature, JsonNode activity, String actorId) {
        ObjectNode options = signature.deepCopy();
        options.remove(java.util.List.of("type", "id", "signatureValue"));
        options.put("@context", OPTIONS_CONTEXT);
        ObjectNode document = ((ObjectNode) activity).deepCopy();
        document.remove("signature");
        String activityId = activity.path("id").asText("");
        Statements seen = new Statements(activityId, actorId, activity.path("type").asText(""),
                rawId(activity.path("object")));
        String documentHash = sha256Hex(canonical(document, seen, "activity"));
        if (!seen.actor) {
            throw new Invalid("the signed graph does not state that " + SignatureRefusal.shown(activityId)
                    + " has the actor " + SignatureRefusal.shown(actorId) + " (is its @context missing?)");
        }
        if (!seen.type) {
            throw new Invalid("the signed graph does not state the type of " + SignatureRefusal.shown(activityId));
        }
        // The handlers act on the JSON: its type and object must be what the graph says.
        if (!seen.namedType) {
            throw new Invalid("the signed graph does not state that " + SignatureRefusal.shown(activityId)
                    + " is a '" + SignatureRefusal.shown(activity.path("type").asText("")) + "', as its JSON says");
        }
        if (!seen.object) {
            throw new Invalid("the signed graph does not state that the object of " + SignatureRefusal.shown(activityId)
                    + " is " + SignatureRefusal.shown(rawId(activity.path("object"))) + ", as its JSON says");
        }
        return sha256Hex(canonical(options, null, "signature options")) + documentHash;
    }

    /** The id the JSON gives a value: the string itself, or an object's {@code id}; null when it gives none. */
    private static String rawId(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        return value.path("id").isTextual() ? value.path("id").asText() : null;
    }

    /** URDNA2015 canonical N-Quads of {@code json}, read as JSON-LD with the contexts we hold. */
    static String canonical(JsonNode json, Statements seen, String what) {
        RdfCanon canon = RdfCanon.create("SHA-256", new RdfCanonTimeTicker(CANONICALISATION_BUDGET.toMillis()));
        RdfQuadConsumer input = seen == null ? canon : seen.then(canon);
        try {
            JsonLd.toRdf(JsonDocument.of((JsonObject) jsonP(json))).loader(CONTEXTS).provide(input);
            StringWriter out = new StringWriter();
            canon.provide(new NQuadsWriter(out));
            return out.toString();
        } catch (JsonLdError e) {
            throw new Invalid("the " + what + " cannot be read as JSON-LD: " + innermost(e), e);
        } catch (RdfConsumerException e) {
            throw new Invalid("the " + what + "'s graph cannot be canonicalised: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            // The ticker's way of saying the budget is spent.
            throw new Invalid("the " + what + "'s graph takes too long to canonicalise", e);
        } catch (StackOverflowError e) {
            // The processor recurses into each nested array and object; the sender chose the depth.
            throw new Invalid("the " + what + " is nested too deeply to be read as JSON-LD");
        } catch (RuntimeException e) {
            // Whatever else the processor trips on is in the sender's document, not in us: a 4xx, never a 5xx.
            throw new Invalid("the " + what + " cannot be read as JSON-LD: " + e, e);
        }
    }

    /** The processor wraps our loader's refusal in its own words; ours says which context and why. */
    private static String innermost(Throwable e) {
        String message = e.getMessage();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /**
     * The same JSON as the JSON-P values the JSON-LD processor reads, converted from the very tree
     * the rest of Nuage reads, so both see one document (one parser's choice on duplicate keys).
     * Numbers follow JavaScript, which Mastodon's and PeerTube's JSON-LD libraries agree with: a
     * whole number is an integer whatever its notation.
     */
    static JsonValue jsonP(JsonNode node) {
        JsonProvider json = Json.PROVIDER;
        if (node.isObject()) {
            JsonObjectBuilder object = json.createObjectBuilder();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                object.add(field.getKey(), jsonP(field.getValue()));
            }
            return object.build();
        }
        if (node.isArray()) {
            JsonArrayBuilder array = json.createArrayBuilder();
            node.forEach(item -> array.add(jsonP(item)));
            return array.build();
        }
        if (node.isTextual()) {
            return json.createValue(node.asText());
        }
        if (node.isBoolean()) {
            return node.asBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (node.isIntegralNumber()) {
            return json.createValue(node.bigIntegerValue());
        }
        if (node.isNumber()) {
            double value = node.doubleValue();
            if (!Double.isFinite(value)) {
                // JSON-LD's numbers are doubles; one beyond them has no canonical form to sign.
                throw new Invalid("a number in the activity is beyond a double's range (it reads as " + value + ")");
            }
            if (value == Math.rint(value) && Math.abs(value) < 1e21) {
                return json.createValue(BigDecimal.valueOf(value).toBigInteger());
            }
            return json.createValue(value);
        }
        return JsonValue.NULL;
    }

    /** Watches the activity's quads on their way to canonicalisation for the statements a signature must cover. */
    static final class Statements implements RdfQuadConsumer {
        private final String subject;
        private final String actorId;
        private final String rawType;
        private final String localName;
        private final String rawObject;
        private RdfQuadConsumer next;
        boolean actor;
        boolean type;
        boolean namedType;
        boolean object;

        /** {@code rawType} and {@code rawObject} are what the JSON says (the object's id, or null for none). */
        Statements(String subject, String actorId, String rawType, String rawObject) {
            this.subject = subject;
            this.actorId = actorId;
            this.rawType = rawType;
            // A compact IRI (litepub:EmojiReact) or a full one names its type by what follows the last separator.
            this.localName = rawType.substring(Math.max(rawType.lastIndexOf(':'),
                    Math.max(rawType.lastIndexOf('#'), rawType.lastIndexOf('/'))) + 1);
            this.rawObject = rawObject;
            this.object = rawObject == null;
        }

        Statements then(RdfQuadConsumer next) {
            this.next = next;
            return this;
        }

        @Override
        public RdfQuadConsumer quad(String s, String p, String o, String datatype, String language, String direction,
                String graph) throws RdfConsumerException {
            if (graph == null && subject.equals(s)) {
                // An IRI object has no datatype; a string literal equal to the actor's URL is not the actor.
                actor |= AS_ACTOR.equals(p) && actorId.equals(o) && datatype == null;
                type |= RDF_TYPE.equals(p);
                // A type term stands for an IRI ending with its name (as:Create, litepub:ChatMessage).
                namedType |= RDF_TYPE.equals(p) && !localName.isEmpty()
                        && (o.equals(rawType) || o.endsWith("#" + localName) || o.endsWith("/" + localName));
                object |= AS_OBJECT.equals(p) && o.equals(rawObject) && datatype == null;
            }
            next.quad(s, p, o, datatype, language, direction, graph);
            return this;
        }
    }
}
