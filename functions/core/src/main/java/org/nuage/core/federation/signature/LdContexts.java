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
