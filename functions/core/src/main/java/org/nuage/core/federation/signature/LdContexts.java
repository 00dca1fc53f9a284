package org.nuage.core.federation.signature;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JSON-LD document loader of LD signatures: it serves the context documents bundled with Nuage
 * (those Mastodon, PeerTube, Misskey, Pleroma, Akkoma and Fedify-based servers name, see the README
 * under {@code contexts/}) and refuses every other URL without fetching it.
 *
 * <p>A remote {@code @context} is chosen by the sender, so fetching it would let anyone make us
 * request any URL (SSRF) and wait on it; Mastodon, PeerTube and Fedify resolve the common ones from
 * copies they ship. An activity naming another context cannot be checked, and says so.
 */
public final class LdContexts implements DocumentLoader {

    static final String ACTIVITY_STREAMS = "https://www.w3.org/ns/activitystreams";
    static final String SECURITY_V1 = "https://w3id.org/security/v1";
    static final String IDENTITY_V1 = "https://w3id.org/identity/v1";
    static final String DATA_INTEGRITY_V1 = "https://w3id.org/security/data-integrity/v1";

    /**
     * Pleroma and Akkoma name their LitePub context on their own host ({@code https://host/schemas/…}),
     * so it is known by its path, as GoToSocial's and Iceshrimp's loaders know it.
     */
    static final String LITEPUB_PATH = "/schemas/litepub-0.1.jsonld";

    /** Each URL we serve, and its bundled file under {@code contexts/} (see the README there). */
    private static final Map<String, String> FILES = Map.ofEntries(
            Map.entry(ACTIVITY_STREAMS, "activitystreams.jsonld"),
            // The same document: Pleroma and older Mastodon write it with http or with the file's extension.
            Map.entry("http://www.w3.org/ns/activitystreams", "activitystreams.jsonld"),
            Map.entry("https://www.w3.org/ns/activitystreams.jsonld", "activitystreams.jsonld"),
            Map.entry(SECURITY_V1, "security-v1.jsonld"),
            Map.entry(IDENTITY_V1, "identity-v1.jsonld"),
            Map.entry(DATA_INTEGRITY_V1, "security-data-integrity-v1.jsonld"),
            Map.entry("https://w3id.org/security/data-integrity/v2", "security-data-integrity-v2.jsonld"),
            Map.entry("https://w3id.org/security/multikey/v1", "security-multikey-v1.jsonld"),
            Map.entry("https://www.w3.org/ns/did/v1", "did-v1.jsonld"),
            Map.entry("https://purl.archive.org/socialweb/webfinger", "webfinger.jsonld"),
            Map.entry("https://purl.archive.org/miscellany", "miscellany.jsonld"),
            Map.entry("https://gotosocial.org/ns", "gotosocial.jsonld"),
            Map.entry("https://join-lemmy.org/context.json", "join-lemmy.jsonld"),
            Map.entry("http://joinmastodon.org/ns", "joinmastodon.jsonld"),
            Map.entry("https://w3id.org/fep/5711", "fep-5711.jsonld"),
            Map.entry("https://w3id.org/fep/7aa9", "fep-7aa9.jsonld"),
            Map.entry("https://w3id.org/fep/ef61", "fep-ef61.jsonld"));

    private static final String LITEPUB_FILE = "litepub-0.1.jsonld";

    /** Parsed once per process, on first use: a function that never checks an LD signature never reads them. */
    private static final class Parsed {
        static final Map<String, JsonStructure> DOCUMENTS = load();

        private static Map<String, JsonStructure> load() {
            Map<String, JsonStructure> byFile = new java.util.HashMap<>();
            TreeSet<String> files = new TreeSet<>(FILES.values());
            files.add(LITEPUB_FILE);
            for (String file : files) {
                try (InputStream in = LdContexts.class.getResourceAsStream("contexts/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("the bundled JSON-LD context " + file + " is missing");
                    }
                    byFile.put(file, JsonDocument.of(in).getJsonContent().orElseThrow());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (JsonLdError e) {
                    throw new IllegalStateException("the bundled JSON-LD context " + file + " does not parse", e);
                }
            }
            Map<String, JsonStructure> byUrl = new java.util.HashMap<>();
            FILES.forEach((url, file) -> byUrl.put(url, byFile.get(file)));
            byUrl.put(LITEPUB_PATH, byFile.get(LITEPUB_FILE));
            return Map.copyOf(byUrl);
        }
    }

    /**
     * Each term of the ActivityStreams context, the vocabulary the handlers read, and the IRI it
     * gives it (expanded); keyword aliases such as {@code type} for {@code @type} map to the keyword.
     */
    private static final class Terms {
        static final Map<String, java.util.Set<String>> BUNDLED = load();
        static final Map<String, String> PREFIXES = prefixes();

        private static Map<String, java.util.Set<String>> load() {
            Map<String, java.util.Set<String>> terms = new java.util.HashMap<>();
            for (JsonStructure document : java.util.List.of(Parsed.DOCUMENTS.get(ACTIVITY_STREAMS))) {
                for (jakarta.json.JsonObject context : contextObjects(document)) {
                    Map<String, String> prefixes = prefixesOf(context);
                    context.forEach((term, definition) -> {
                        String iri = iriOf(definition, prefixes);
                        if (!term.startsWith("@") && iri != null) {
                            terms.computeIfAbsent(term, t -> new java.util.HashSet<>()).add(iri);
                        }
                    });
                }
            }
            return Map.copyOf(terms);
        }

        private static Map<String, String> prefixes() {
            Map<String, String> all = new java.util.HashMap<>();
            for (JsonStructure document : Parsed.DOCUMENTS.values()) {
                contextObjects(document).forEach(context -> all.putAll(prefixesOf(context)));
            }
            return Map.copyOf(all);
        }
    }

    private static java.util.List<jakarta.json.JsonObject> contextObjects(JsonStructure document) {
        jakarta.json.JsonValue context = document instanceof jakarta.json.JsonObject object ? object.get("@context") : null;
        if (context instanceof jakarta.json.JsonObject object) {
            return java.util.List.of(object);
        }
        if (context instanceof jakarta.json.JsonArray array) {
            return array.stream().filter(v -> v instanceof jakarta.json.JsonObject).map(v -> (jakarta.json.JsonObject) v)
                    .toList();
        }
        return java.util.List.of();
    }

    /** The terms of a context that stand for an absolute IRI ending in {@code #} or {@code /}: prefixes. */
    private static Map<String, String> prefixesOf(jakarta.json.JsonObject context) {
        Map<String, String> prefixes = new java.util.HashMap<>();
        context.forEach((term, definition) -> {
            if (definition instanceof jakarta.json.JsonString string
                    && (string.getString().endsWith("#") || string.getString().endsWith("/"))) {
                prefixes.put(term, string.getString());
            }
        });
        return prefixes;
    }

    /** The IRI (or keyword) a term definition maps to, its compact form expanded; null when it names none. */
    private static String iriOf(jakarta.json.JsonValue definition, Map<String, String> prefixes) {
        String value = null;
        if (definition instanceof jakarta.json.JsonString string) {
            value = string.getString();
        } else if (definition instanceof jakarta.json.JsonObject object && object.get("@id") instanceof jakarta.json.JsonString id) {
            value = id.getString();
        }
        if (value == null) {
            return null;
        }
        int colon = value.indexOf(':');
        if (colon > 0 && !value.startsWith("@")) {
            String prefix = prefixes.get(value.substring(0, colon));
            if (prefix != null && !value.substring(colon + 1).startsWith("//")) {
                return prefix + value.substring(colon + 1);
            }
        }
        return value;
    }

    /** Context keys an inline context may set: they change no term's meaning. */
    private static final java.util.Set<String> HARMLESS_KEYWORDS = java.util.Set.of("@language", "@version", "@direction");

    /**
     * Refuses a document whose inline {@code @context} objects, wherever they are, could make the
     * JSON say something else than its graph: by aliasing a keyword, removing a term, or giving a
     * term of the bundled contexts another meaning. Terms they add (Mastodon's {@code toot:…}) and
     * terms they restate with the same IRI pass. A forwarded activity is applied from its JSON and
     * checked on its graph, so the two must agree.
     *
     * @throws IllegalArgumentException with the reason
     */
    static void checkInlineContexts(jakarta.json.JsonValue json) {
        if (json instanceof jakarta.json.JsonArray array) {
            array.forEach(LdContexts::checkInlineContexts);
            return;
        }
        if (!(json instanceof jakarta.json.JsonObject object)) {
            return;
        }
        object.forEach((key, value) -> {
            if ("@context".equals(key)) {
                checkContext(value);
            } else {
                checkInlineContexts(value);
            }
        });
    }

    private static void checkContext(jakarta.json.JsonValue context) {
        if (context instanceof jakarta.json.JsonArray array) {
            array.forEach(LdContexts::checkContext);
            return;
        }
        if (context instanceof jakarta.json.JsonString) {
            return;
        }
        if (!(context instanceof jakarta.json.JsonObject inline)) {
            throw new IllegalArgumentException("an @context must be a context URL or an object, not " + context.getValueType());
        }
        Map<String, String> prefixes = new java.util.HashMap<>(Terms.PREFIXES);
        prefixes.putAll(prefixesOf(inline));
        inline.forEach((term, definition) -> {
            String shown = "'" + SignatureRefusal.shown(term) + "'";
            if (term.startsWith("@")) {
                if (!HARMLESS_KEYWORDS.contains(term)) {
                    throw new IllegalArgumentException("an inline @context sets " + shown + ", which we do not take");
                }
                return;
            }
            if (definition instanceof jakarta.json.JsonObject object
                    && (object.containsKey("@context") || object.containsKey("@reverse"))) {
                throw new IllegalArgumentException("an inline @context gives the term " + shown
                        + " a scoped context or a reverse property, which we do not take");
            }
            String iri = iriOf(definition, prefixes);
            if (iri == null) {
                throw new IllegalArgumentException("an inline @context removes or empties the term " + shown);
            }
            java.util.Set<String> bundled = Terms.BUNDLED.get(term);
            if (bundled != null && bundled.contains(iri)) {
                return;
            }
            if (iri.startsWith("@")) {
                throw new IllegalArgumentException("an inline @context makes " + shown + " an alias of the keyword "
                        + SignatureRefusal.shown(iri));
            }
            if (bundled != null) {
                throw new IllegalArgumentException("an inline @context redefines the term " + shown + " as "
                        + SignatureRefusal.shown(iri));
            }
            // Two terms whose IRIs are swapped give the same graph with their values swapped in the JSON;
            // a term named after its IRI, or one of the few renames servers really send, cannot be swapped.
            boolean prefix = iri.endsWith("#") || iri.endsWith("/");
            if (!prefix && !term.equals(localName(iri)) && !iri.equals(RENAMES.get(term))) {
                throw new IllegalArgumentException("an inline @context gives the term " + shown + " the IRI "
                        + SignatureRefusal.shown(iri) + ", which is not named after it");
            }
        });
    }

    private static String localName(String iri) {
        return iri.substring(Math.max(iri.lastIndexOf(':'), Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'))) + 1);
    }

    /** The terms PeerTube's (and so Nuage's) context maps to an IRI of another name, and that IRI. */
    private static final Map<String, String> RENAMES = Map.ofEntries(
            Map.entry("licence", "http://schema.org/license"),
            Map.entry("uuid", "http://schema.org/identifier"),
            Map.entry("language", "http://schema.org/inLanguage"),
            Map.entry("originallyPublishedAt", "http://schema.org/datePublished"),
            Map.entry("waitTranscoding", "http://schema.org/Boolean"),
            Map.entry("icons", "https://www.w3.org/ns/activitystreams#icon"));

    /** The URL itself, or the LitePub path for a LitePub context on any host. */
    private static String key(URI url) {
        boolean web = "https".equals(url.getScheme()) || "http".equals(url.getScheme());
        return web && url.getRawQuery() == null && LITEPUB_PATH.equals(url.getRawPath()) ? LITEPUB_PATH : url.toString();
    }

    @Override
    public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
        JsonStructure document = Parsed.DOCUMENTS.get(key(url));
        if (document == null) {
            throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, "the JSON-LD context "
                    + SignatureRefusal.shown(url.toString()) + " is not one we hold, and remote contexts are never fetched");
        }
        // A new Document each time: the processor may set its URL, and the parsed JSON is immutable.
        JsonDocument loaded = JsonDocument.of(document);
        loaded.setDocumentUrl(url);
        return loaded;
    }
}
