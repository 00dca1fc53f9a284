package org.nuage.core.federation.signature;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.rdf.canon.RdfCanon;
import com.apicatalog.rdf.nquads.NQuadsWriter;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The fixture README's RsaSignature2017 check, written from its text and nothing of ours: the JSON
 * is parsed by JSON-P from the bytes, the contexts are the bodies of Mastodon's cached responses
 * under test resources, and the steps are the README's, one by one.
 */
public final class ReadmeAlgorithm {

    private static final Map<String, String> CACHED = Map.of(
            "https://www.w3.org/ns/activitystreams", "json-ld.activitystreams.txt",
            "https://w3id.org/security/v1", "json-ld.security.txt",
            "https://w3id.org/identity/v1", "json-ld.identity.txt");

    private ReadmeAlgorithm() {
    }

    public static boolean verifies(String json, PublicKey key) throws Exception {
        JsonObject activity = Json.createReader(new StringReader(json)).readObject();
        JsonObject signature = activity.getJsonObject("signature");
        // options = the signature without type, id and signatureValue, plus the identity/v1 context.
        var options = Json.createObjectBuilder(signature).remove("type").remove("id").remove("signatureValue")
                .add("@context", "https://w3id.org/identity/v1").build();
        // document = the activity without its signature.
        var document = Json.createObjectBuilder(activity).remove("signature").build();
        String signed = hexSha256(urdna2015(options)) + hexSha256(urdna2015(document));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update(signed.getBytes(StandardCharsets.UTF_8));
        return rsa.verify(Base64.getDecoder().decode(signature.getString("signatureValue")));
    }

    private static String urdna2015(JsonObject json) throws Exception {
        RdfCanon canon = RdfCanon.create("SHA-256");
        JsonLd.toRdf(JsonDocument.of(json)).loader(cachedContexts()).provide(canon);
        StringWriter nquads = new StringWriter();
        canon.provide(new NQuadsWriter(nquads));
        return nquads.toString();
    }

    private static DocumentLoader cachedContexts() {
        return (url, options) -> {
            String file = CACHED.get(url.toString());
            if (file == null) {
                throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, "no network: " + url);
            }
            String response = new String(Fixtures.bytes("/activitypub/mastodon/requests/" + file), StandardCharsets.UTF_8);
            byte[] body = response.substring(response.indexOf("\n\n") + 2).getBytes(StandardCharsets.UTF_8);
            return JsonDocument.of(new ByteArrayInputStream(body));
        };
    }

    private static String hexSha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
