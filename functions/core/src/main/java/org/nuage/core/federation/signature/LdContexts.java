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
 * (ActivityStreams, security/v1, identity/v1) and refuses every other URL without fetching it.
 *
 * <p>A remote {@code @context} is chosen by the sender, so fetching it would let anyone make us
 * request any URL (SSRF) and wait on it; Mastodon and PeerTube resolve these same three from
 * copies they ship. An activity naming another context cannot be checked, and says so.
 */
public final class LdContexts implements DocumentLoader {

    static final String ACTIVITY_STREAMS = "https://www.w3.org/ns/activitystreams";
    static final String SECURITY_V1 = "https://w3id.org/security/v1";
    static final String IDENTITY_V1 = "https://w3id.org/identity/v1";

    /** Each URL we serve, and its bundled file under {@code contexts/} (see the README there). */
    private static final Map<String, String> FILES = Map.of(
            ACTIVITY_STREAMS, "activitystreams.jsonld",
            // The same document: Pleroma and older Mastodon write it with http or with the file's extension.
            "http://www.w3.org/ns/activitystreams", "activitystreams.jsonld",
            "https://www.w3.org/ns/activitystreams.jsonld", "activitystreams.jsonld",
            SECURITY_V1, "security-v1.jsonld",
            IDENTITY_V1, "identity-v1.jsonld");

    /** Parsed once per process, on first use: a function that never checks an LD signature never reads them. */
    private static final class Parsed {
        static final Map<String, JsonStructure> DOCUMENTS = load();

        private static Map<String, JsonStructure> load() {
            Map<String, JsonStructure> byFile = new java.util.HashMap<>();
            for (String file : new TreeSet<>(FILES.values())) {
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
            return Map.copyOf(byUrl);
        }
    }

    @Override
    public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
        JsonStructure document = Parsed.DOCUMENTS.get(url.toString());
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
