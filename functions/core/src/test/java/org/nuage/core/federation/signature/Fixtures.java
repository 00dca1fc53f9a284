package org.nuage.core.federation.signature;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.nuage.core.json.Json;

/** The captured fixtures under src/test/resources/activitypub (see COPIED.md there), read for the tests. */
final class Fixtures {

    static final String MASTODON = "/activitypub/peertube/ap-json/mastodon/";
    static final String PEERTUBE = "/activitypub/peertube/ap-json/peertube/";
    /** Captured from npm {@code @fedify/fedify} 1.5.9, as the README there says. */
    static final String FEDIFY = "/activitypub/fedify/";

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

    static JsonNode json(String path) {
        return Json.tree(bytes(path));
    }

    static PublicKey publicKey(String path) {
        return RsaKeys.readPublicKey(json(path).get("publicKey").asText());
    }

    static PrivateKey privateKey(String path) {
        return RsaKeys.readPrivateKey(json(path).get("privateKey").asText());
    }

    static Clock clockAt(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    /** A key lookup that fails the test if the verifier asks it anything. */
    static KeyLookup untouchable() {
        return keyId -> {
            throw new AssertionError("the key of " + keyId + " was looked up for a request that should be refused first");
        };
    }
}
