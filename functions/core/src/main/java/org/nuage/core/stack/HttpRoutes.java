package org.nuage.core.stack;

import java.util.List;
import java.util.Objects;

/**
 * Which function answers which HTTP request, the one list from which both the local runner's
 * gateway and the cloud's HTTP API ({@code infra/}) are routed: the listed routes first, every
 * other request to {@link #DEFAULT_FUNCTION}.
 */
public final class HttpRoutes {

    /** The function that answers every request no route names: the REST API, pages and ActivityPub GETs. */
    public static final String DEFAULT_FUNCTION = "api";

    /** Receives signed ActivityPub POSTs and queues them; nothing else reaches it. */
    public static final String INBOX_FUNCTION = "inbox";

    /**
     * The inboxes PeerTube has: the shared one, each account's and each channel's. {@code {name}}
     * stands for exactly one path segment.
     */
    public static final List<Route> ROUTES = List.of(
            new Route("POST", "/inbox", INBOX_FUNCTION),
            new Route("POST", "/accounts/{name}/inbox", INBOX_FUNCTION),
            new Route("POST", "/video-channels/{name}/inbox", INBOX_FUNCTION));

    private HttpRoutes() {
    }

    /**
     * One route: an HTTP method and a path whose {@code {parameter}} segments match any single segment.
     *
     * @param method   an HTTP method in capitals
     * @param path     e.g. {@code /accounts/{name}/inbox}
     * @param function the function that answers it
     */
    public record Route(String method, String path, String function) {

        public Route {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(function, "function");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("a route's path starts with '/': " + path);
            }
        }

        /** The path with each {@code {parameter}} segment written as {@code *}, e.g. {@code /accounts/*}{@code /inbox}. */
        public String wildcardPath() {
            return path.replaceAll("\\{[^/}]+}", "*");
        }
    }
}
