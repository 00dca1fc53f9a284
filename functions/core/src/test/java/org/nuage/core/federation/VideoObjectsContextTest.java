package org.nuage.core.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.document.JsonDocument;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.StringReader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nuage.core.federation.signature.LdContexts;
import org.nuage.core.json.Json;

/**
 * Our Video object names only terms its {@code @context} defines. ActivityStreams maps an undefined
 * term to a blank-node property ({@code "@vocab": "_:"}), which JSON-LD processors drop from the
 * signed graph and which Fedify (jsonld.js in safe mode) refuses outright, so that our LD signature
 * on a Create of a Video did not verify there. The object is one Nuage sent to a Fedify server.
 */
class VideoObjectsContextTest {

    @Test
    void everyMemberOfTheVideoWeSendIsDefinedByOurContext() throws Exception {
        ObjectNode create;
        try (InputStream in = getClass().getResourceAsStream("/activitypub/nuage/create-video.json")) {
            create = (ObjectNode) Json.tree(in.readAllBytes());
        }
        ObjectNode video = (ObjectNode) create.get("object");
        video.remove("@context");
        video.set("@context", Json.MAPPER.valueToTree(VideoObjects.CONTEXT));
        JsonArray expanded = JsonLd.expand(JsonDocument.of(new StringReader(Json.write(video))))
                .loader(new LdContexts()).get();
        Set<String> undefined = new TreeSet<>();
        collectBlankProperties(expanded, undefined);
        assertEquals(Set.of(), undefined, "members the context does not define");
    }

    private static void collectBlankProperties(JsonValue value, Set<String> found) {
        if (value instanceof JsonArray array) {
            array.forEach(item -> collectBlankProperties(item, found));
        } else if (value instanceof JsonObject object) {
            object.forEach((key, member) -> {
                if (key.startsWith("_:")) {
                    found.add(key.substring(2));
                }
                collectBlankProperties(member, found);
            });
        }
    }
}
