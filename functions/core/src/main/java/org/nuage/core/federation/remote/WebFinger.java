package org.nuage.core.federation.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.nuage.core.Refusal;
import org.nuage.core.json.Json;
import org.nuage.core.net.OutboundRefused;
import org.nuage.core.net.SafeHttp;

/**
 * Turns {@code name@host} into an actor URL the way PeerTube and Mastodon do: a GET of the host's
 * {@code /.well-known/webfinger?resource=acct:name@host}, through {@link SafeHttp}, and its
 * {@code self} link of an ActivityPub type.
 */
public final class WebFinger {

    /** A handle: a PeerTube or Mastodon name, {@code @}, a host name with an optional port. */
    private static final Pattern HANDLE = Pattern.compile("@?([\\w.-]{1,100})@([a-z0-9.-]{1,253}(:\\d{1,5})?)",
            Pattern.CASE_INSENSITIVE);

    /** A handle split in two. */
    public record Handle(String name, String host) {
        @Override
        public String toString() {
            return name + "@" + host;
        }
    }

    private final SafeHttp http;
    private final String scheme;

    /**
     * {@code scheme} is {@code https}, as PeerTube reaches other servers; tests whose peers listen on
     * plain HTTP on loopback set {@code http}, as PeerTube does in its test mode.
     */
    public WebFinger(SafeHttp http, String scheme) {
        this.http = http;
        this.scheme = scheme;
    }

    /** Reads {@code name@host} (a leading {@code @} allowed); 400 with the reason otherwise. */
    public static Handle parse(String handle) {
        var matcher = HANDLE.matcher(handle == null ? "" : handle.strip());
        if (!matcher.matches()) {
            throw Refusal.badRequest("'" + handle + "' is not a handle like name@host");
        }
        return new Handle(matcher.group(1), matcher.group(2).toLowerCase(Locale.ROOT));
    }

    /** The actor URL {@code handle} stands for on its host. */
    public String actorUrl(Handle handle) {
        for (JsonNode link : jrd(handle).path("links")) {
            String type = link.path("type").asText("");
            if ("self".equals(link.path("rel").asText()) && link.path("href").isTextual()
                    && (type.startsWith("application/activity+json") || type.startsWith("application/ld+json"))) {
                return link.path("href").asText();
            }
        }
        throw new RemoteActors.Unavailable("WebFinger of " + handle + " names no ActivityPub actor");
    }

    /**
     * Where {@code handle}'s server lets them follow someone: its OStatus subscribe template, with
     * {@code {uri}} still in it (Mastodon and PeerTube both publish one). Only an http(s) page of the
     * handle's own host is accepted: visitors are redirected to it, and whoever answers a WebFinger
     * must not be able to send them anywhere else through this instance.
     */
    public String subscribeTemplate(Handle handle) {
        for (JsonNode link : jrd(handle).path("links")) {
            if (SUBSCRIBE.equals(link.path("rel").asText()) && link.path("template").isTextual()
                    && link.path("template").asText().contains("{uri}")) {
                String template = link.path("template").asText();
                requireOnHost(template, handle);
                return template;
            }
        }
        throw new RemoteActors.Unavailable("WebFinger of " + handle + " names no remote-follow page");
    }

    private static void requireOnHost(String template, Handle handle) {
        URI page;
        try {
            page = new URI(template.replace("{uri}", "x"));
        } catch (java.net.URISyntaxException e) {
            throw new RemoteActors.Unavailable("the remote-follow page of " + handle + " is not a URL");
        }
        String scheme = page.getScheme() == null ? "" : page.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RemoteActors.Unavailable("the remote-follow page of " + handle + " is not an http(s) URL");
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String host = page.getHost() == null ? "" : page.getHost().toLowerCase(Locale.ROOT);
        String authority = page.getPort() == -1 || page.getPort() == defaultPort ? host : host + ":" + page.getPort();
        String asked = handle.host().endsWith(":" + defaultPort)
                ? handle.host().substring(0, handle.host().lastIndexOf(':')) : handle.host();
        if (page.getRawUserInfo() != null || !authority.equals(asked)) {
            throw new RemoteActors.Unavailable("the remote-follow page of " + handle + " is not on " + handle.host());
        }
    }

    /** The rel of the remote-follow template in a WebFinger answer. */
    public static final String SUBSCRIBE = "http://ostatus.org/schema/1.0/subscribe";

    private JsonNode jrd(Handle handle) {
        URI url = URI.create(scheme + "://" + handle.host() + "/.well-known/webfinger?resource="
                + URLEncoder.encode("acct:" + handle, StandardCharsets.UTF_8));
        SafeHttp.Response response;
        try {
            response = http.get(url, target -> Map.of("Accept", "application/jrd+json, application/json"));
        } catch (OutboundRefused e) {
            throw new RemoteActors.Unavailable("will not look up " + handle + ": " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new RemoteActors.Unavailable("cannot look up " + handle + ": " + e.getMessage());
        }
        if (!response.ok()) {
            throw new RemoteActors.Unavailable("WebFinger of " + handle + " answered HTTP " + response.status());
        }
        try {
            return Json.tree(response.body());
        } catch (Json.MalformedJsonException e) {
            throw new RemoteActors.Unavailable("WebFinger of " + handle + " answered something that is not JSON");
        }
    }
}
