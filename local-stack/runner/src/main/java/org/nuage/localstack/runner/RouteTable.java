package org.nuage.localstack.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which function answers which HTTP request: rules tried in order, the first match wins, else the default.
 *
 * <p>Example: {@code RouteTable.defaultTo("api").route("POST", "/inbox", "inbox")
 * .route("POST", "/accounts/*&#47;inbox", "inbox")}.
 *
 * @param routes          the rules, in the order they are tried
 * @param defaultFunction the function for every request no rule matches
 */
public record RouteTable(List<Route> routes, String defaultFunction) {

    public RouteTable {
        routes = List.copyOf(routes);
        Objects.requireNonNull(defaultFunction, "defaultFunction");
    }

    /** A table with no rules yet, sending everything to {@code function}. */
    public static RouteTable defaultTo(String function) {
        return new RouteTable(List.of(), function);
    }

    /** This table with one more rule at the end; {@code method} is an HTTP method or {@code ANY}. */
    public RouteTable route(String method, String pathPattern, String function) {
        var more = new ArrayList<>(routes);
        more.add(new Route(method, pathPattern, function));
        return new RouteTable(more, defaultFunction);
    }

    /** The function for a request, e.g. {@code functionFor("POST", "/accounts/alice/inbox")}. */
    public String functionFor(String method, String path) {
        return routes.stream().filter(r -> r.matches(method, path)).map(Route::function).findFirst()
                .orElse(defaultFunction);
    }

    /** Every function the table can name, the default included. */
    public List<String> functions() {
        var names = new ArrayList<String>();
        routes.forEach(r -> names.add(r.function()));
        names.add(defaultFunction);
        return names.stream().distinct().toList();
    }

    /**
     * One rule: a method (or {@code ANY}) and a path pattern whose {@code *} stands for exactly one segment.
     *
     * @param method      an HTTP method, compared case-insensitively, or {@code ANY}
     * @param pathPattern e.g. {@code /accounts/*&#47;inbox}
     * @param function    the function that answers matching requests
     */
    public record Route(String method, String pathPattern, String function) {

        public Route {
            method = method.toUpperCase(Locale.ROOT);
            if (!pathPattern.startsWith("/")) {
                throw new IllegalArgumentException("a path pattern starts with '/': " + pathPattern);
            }
            Objects.requireNonNull(function, "function");
        }

        public boolean matches(String requestMethod, String path) {
            if (!method.equals("ANY") && !method.equalsIgnoreCase(requestMethod)) {
                return false;
            }
            String[] want = pathPattern.split("/", -1);
            String[] have = path.split("/", -1);
            if (want.length != have.length) {
                return false;
            }
            for (int i = 0; i < want.length; i++) {
                boolean ok = want[i].equals("*") ? !have[i].isEmpty() : want[i].equals(have[i]);
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }
}
