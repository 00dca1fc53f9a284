package org.nuage.core.federation.signature;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nuage.core.json.Json;

/**
 * Which inline {@code @context} objects a forwarded activity may carry: those the servers we
 * federate with send (they add terms), not those that make the JSON say other than its graph.
 */
class InlineContextsTest {

    private static void check(String json) {
        LdContexts.checkInlineContexts(LdSignature.jsonP(Json.tree(json)));
    }

    @Test
    void everyContextOfTheCapturedActivitiesPasses() throws Exception {
        Path root = Path.of(InlineContextsTest.class.getResource("/activitypub").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).toList();
        }
        int contexts = 0;
        java.util.Set<String> refusals = new java.util.TreeSet<>();
        for (Path file : files) {
            JsonNode json;
            try {
                json = Json.tree(Files.readAllBytes(file));
            } catch (Json.MalformedJsonException e) {
                continue;
            }
            List<JsonNode> found = new ArrayList<>();
            collect(json, found);
            for (JsonNode context : found) {
                contexts++;
                try {
                    check(Json.write(Map.of("@context", context)));
                } catch (IllegalArgumentException e) {
                    refusals.add(root.relativize(file) + ": " + e.getMessage());
                }
            }
        }
        assertEquals(java.util.Set.of(), refusals);
        assertTrue(contexts >= 20, "contexts of Mastodon, PeerTube, Fedify and Nuage were checked: " + contexts);
    }

    private static void collect(JsonNode json, List<JsonNode> found) {
        if (json.isObject()) {
            json.properties().forEach(e -> {
                if ("@context".equals(e.getKey())) {
                    found.add(e.getValue());
                } else {
                    collect(e.getValue(), found);
                }
            });
        } else if (json.isArray()) {
            json.forEach(item -> collect(item, found));
        }
    }

    @Test
    void contextsThatChangeWhatTheJsonMeansAreRefusedWithTheirReason() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("{\"kind\": \"@type\"}", "makes 'kind' an alias of the keyword @type");
        refused.put("{\"ref\": {\"@id\": \"@id\"}}", "makes 'ref' an alias of the keyword @id");
        refused.put("{\"object\": null}", "removes or empties the term 'object'");
        refused.put("{\"type\": \"https://example.com/kind\"}", "redefines the term 'type'");
        refused.put("{\"object\": \"as:target\"}", "redefines the term 'object' as https://www.w3.org/ns/activitystreams#target");
        refused.put("{\"@vocab\": \"https://example.com/\"}", "sets '@vocab'");
        refused.put("{\"note\": {\"@id\": \"as:content\", \"@context\": {\"kind\": \"@type\"}}}", "a scoped context");
        refused.put("{\"by\": {\"@reverse\": \"as:actor\"}}", "a reverse property");
        for (Map.Entry<String, String> c : refused.entrySet()) {
            String json = "{\"@context\": [\"https://www.w3.org/ns/activitystreams\", " + c.getKey() + "], \"type\": \"Note\"}";
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> check(json), c.getKey());
            assertTrue(e.getMessage().contains(c.getValue()), c.getKey() + ": " + e.getMessage());
            // Nested in an embedded object too.
            String nested = "{\"@context\": \"https://www.w3.org/ns/activitystreams\", \"object\": {\"@context\": "
                    + c.getKey() + ", \"type\": \"Note\"}}";
            assertThrows(IllegalArgumentException.class, () -> check(nested), "nested " + c.getKey());
        }
    }

    @Test
    void termsRestatedWithTheirMeaningAndNewTermsPass() {
        assertDoesNotThrow(() -> check("{\"@context\": [\"https://www.w3.org/ns/activitystreams\", {\"@language\": \"und\","
                + " \"type\": \"@type\", \"object\": {\"@id\": \"https://www.w3.org/ns/activitystreams#object\"},"
                + " \"toot\": \"http://joinmastodon.org/ns#\", \"blurhash\": \"toot:blurhash\"}]}"));
    }
}
