package org.nuage.core.federation.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.nuage.core.federation.InboxEnvelope;
import org.nuage.core.json.Json;

/** The captured activities under src/test/resources/activitypub (see COPIED.md there), read for the tests. */
final class Fixtures {

    static final String MASTODON = "/activitypub/lemmy/assets/mastodon/";
    static final String PEERTUBE = "/activitypub/lemmy/assets/peertube/";
    static final String PEERTUBE_DEV = "/activitypub/esup-pod/fixtures/";

    private Fixtures() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode json(String path) {
        return (ObjectNode) Json.tree(bytes(path));
    }

    /** The envelope the inbox would queue for {@code activity}, whose signer it checked is its actor. */
    static InboxEnvelope envelope(JsonNode activity) {
        return new InboxEnvelope(activity.path("id").asText(), activity.path("type").asText(),
                activity.path("actor").asText(), "/inbox", Instant.parse("2026-11-26T00:00:00Z"));
    }
}
