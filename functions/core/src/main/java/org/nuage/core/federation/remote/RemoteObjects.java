package org.nuage.core.federation.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.nuage.core.json.Json;
import org.nuage.core.net.OutboundRefused;
import org.nuage.core.net.SafeHttp;

/**
 * Fetches ActivityPub objects of other servers (actors, videos, outbox pages) with a GET signed by the
 * instance actor, through {@link SafeHttp}: Mastodon's secure mode and PeerTube's
 * authorized-fetch answer only signed fetches.
 */
public final class RemoteObjects {

    /** A fetched document and the URL it finally came from (after redirects), which its id must match. */
    public record Fetched(JsonNode document, URI url) {
    }

    private final SafeHttp http;
    private final Function<URI, Map<String, String>> signedGetHeaders;

    public RemoteObjects(SafeHttp http, Function<URI, Map<String, String>> signedGetHeaders) {
        this.http = http;
        this.signedGetHeaders = signedGetHeaders;
    }

    /** The JSON object at {@code url}; {@link RemoteActors.Unavailable} when it cannot be had. */
    public Fetched fetch(String url) {
        URI target;
        try {
            target = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new RemoteActors.Unavailable("not a URL: " + url);
        }
        SafeHttp.Response response;
        try {
            response = http.get(target, hop -> {
                Map<String, String> headers = new HashMap<>(signedGetHeaders.apply(hop));
                headers.put("Accept", RemoteActors.ACCEPT);
                return headers;
            });
        } catch (OutboundRefused e) {
            throw new RemoteActors.Unavailable("will not fetch " + url + ": " + e.getMessage());
        } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
            throw new RemoteActors.Unavailable("cannot fetch " + url + ": " + e.getMessage());
        }
        if (!response.ok()) {
            throw new RemoteActors.Unavailable("fetching " + url + " answered HTTP " + response.status());
        }
        try {
            JsonNode document = Json.tree(response.body());
            if (!document.isObject()) {
                throw new RemoteActors.Unavailable(url + " answered JSON that is not an object");
            }
            return new Fetched(document, response.url());
        } catch (Json.MalformedJsonException e) {
            throw new RemoteActors.Unavailable(url + " answered something that is not JSON");
        }
    }
}
