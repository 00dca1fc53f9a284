package org.nuage.core.instance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NodeInfo discovery and documents (schemas 2.0 and 2.1), as PeerTube and Mastodon read them to
 * learn which software an instance runs.
 */
public final class NodeInfo {

    public static final String WELL_KNOWN_PATH = "/.well-known/nodeinfo";
    public static final List<String> VERSIONS = List.of("2.0", "2.1");

    private NodeInfo() {
    }

    /**
     * The JRD at {@code /.well-known/nodeinfo}: one link per schema version we serve, and, as
     * PeerTube publishes it, the instance actor that other instances follow.
     */
    public static Map<String, Object> discovery(InstanceInfo instance) {
        List<Map<String, String>> links = new java.util.ArrayList<>(VERSIONS.stream()
                .map(v -> Map.of(
                        "rel", "http://nodeinfo.diaspora.software/ns/schema/" + v,
                        "href", instance.url(path(v))))
                .toList());
        links.add(Map.of("rel", "https://www.w3.org/ns/activitystreams#Application",
                "href", instance.url("/accounts/peertube")));
        return Map.of("links", links);
    }

    /** Where the document of schema {@code version} is served. */
    public static String path(String version) {
        return "/nodeinfo/" + version + ".json";
    }

    /** The document itself; {@code version} must be one of {@link #VERSIONS}. */
    public static Map<String, Object> document(String version, InstanceInfo instance, InstanceUsage usage,
            boolean openRegistrations) {
        if (!VERSIONS.contains(version)) {
            throw new IllegalArgumentException("unsupported NodeInfo version " + version);
        }
        Map<String, Object> software = new LinkedHashMap<>();
        software.put("name", InstanceInfo.SOFTWARE);
        software.put("version", instance.softwareVersion());
        // The 2.0 schema forbids these two properties; 2.1 added them.
        if (version.equals("2.1")) {
            software.put("repository", InstanceInfo.REPOSITORY);
            software.put("homepage", InstanceInfo.REPOSITORY);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", version);
        doc.put("software", software);
        doc.put("protocols", List.of("activitypub"));
        doc.put("services", Map.of("inbound", List.of(), "outbound", List.of("atom1.0", "rss2.0")));
        doc.put("openRegistrations", openRegistrations);
        doc.put("usage", Map.of(
                "users", Map.of(
                        "total", usage.users(),
                        "activeMonth", usage.activeMonth(),
                        "activeHalfyear", usage.activeHalfyear()),
                "localPosts", usage.localVideos(),
                "localComments", usage.localComments()));
        doc.put("metadata", Map.of(
                "nodeName", instance.name(),
                "nodeDescription", instance.shortDescription()));
        return doc;
    }
}
