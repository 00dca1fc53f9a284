package org.nuage.core.federation.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dispatch table of the delivery worker: one handling per (activity type, object type). An
 * object given by its id alone has the type {@link #BY_ID}, since which kind of thing it names is
 * only known once it is looked up.
 */
public final class InboundRoutes {

    /** The object type of an object given as a bare id (a string), as in PeerTube's Like and View. */
    public static final String BY_ID = "(id)";

    /** The actor types an Update or Delete of an actor carries. */
    public static final List<String> ACTORS = List.of("Person", "Group", "Application", "Service", "Organization");

    /** A key of the table. */
    public record Route(String activityType, String objectType) {

        @Override
        public String toString() {
            return activityType + "{" + objectType + "}";
        }
    }

    private final Map<Route, Handling> table = new LinkedHashMap<>();

    /** Adds the route for {@code activityType} of each of {@code objectTypes}; a route is added once. */
    public InboundRoutes on(String activityType, Collection<String> objectTypes, Handling handling) {
        for (String objectType : objectTypes) {
            Route route = new Route(activityType, objectType);
            if (table.putIfAbsent(route, handling) != null) {
                throw new IllegalStateException("two handlings for " + route);
            }
        }
        return this;
    }

    public InboundRoutes on(String activityType, String objectType, Handling handling) {
        return on(activityType, List.of(objectType), handling);
    }

    public Optional<Handling> find(Route route) {
        return Optional.ofNullable(table.get(route));
    }

    /** The routes, in the order they were added, for logs and tests. */
    public List<Route> routes() {
        return List.copyOf(table.keySet());
    }

    /** The route of {@code activity}: its type, and its object's type or {@link #BY_ID}. */
    public static Route routeOf(JsonNode activity) {
        return new Route(firstType(activity.path("type")), objectType(activity.path("object")));
    }

    static String objectType(JsonNode object) {
        if (object.isArray()) {
            // Flag names several objects; they are all given the same way.
            object = object.path(0);
        }
        if (object.isTextual()) {
            return BY_ID;
        }
        return firstType(object.path("type"));
    }

    /** {@code type} is a string or, with JSON-LD extensions, an array whose first entry is the AS type. */
    private static String firstType(JsonNode type) {
        if (type.isArray()) {
            type = type.path(0);
        }
        return type.isTextual() ? type.asText() : "";
    }

    /** An object's id: the string itself, or the {@code id} of an embedded object; null when neither. */
    public static String id(JsonNode node) {
        return node.isTextual() ? node.asText() : node.path("id").asText(null);
    }
}
