package org.nuage.core.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeInfoTest {

    private final InstanceInfo instance = new InstanceInfo("Nuage test", "", URI.create("https://video.example/"), "1.2.3");

    @Test
    @SuppressWarnings("unchecked")
    void discoveryLinksBothSchemaVersionsAndTheInstanceActorUnderThePublicUrl() {
        List<Map<String, String>> links = (List<Map<String, String>>) NodeInfo.discovery(instance).get("links");
        assertEquals(List.of("https://video.example/nodeinfo/2.0.json", "https://video.example/nodeinfo/2.1.json",
                "https://video.example/accounts/peertube"), links.stream().map(l -> l.get("href")).toList());
        assertEquals("http://nodeinfo.diaspora.software/ns/schema/2.1", links.get(1).get("rel"));
        // As PeerTube publishes it (esup-pod fixture nodeinfo.json): how a peer finds whom to follow.
        assertEquals("https://www.w3.org/ns/activitystreams#Application", links.get(2).get("rel"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void documentNamesSoftwareVersionAndActivityPub() {
        Map<String, Object> doc = NodeInfo.document("2.1", instance, new InstanceUsage(3, 2, 3, 10, 4), true);
        Map<String, Object> software = (Map<String, Object>) doc.get("software");
        assertEquals("nuage", software.get("name"));
        assertEquals("1.2.3", software.get("version"));
        assertEquals(List.of("activitypub"), doc.get("protocols"));
        assertEquals(10L, doc.get("usage") instanceof Map<?, ?> u ? u.get("localPosts") : null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void version20LeavesOutPropertiesItsSchemaForbids() {
        Map<String, Object> software = (Map<String, Object>) NodeInfo.document("2.0", instance, InstanceUsage.EMPTY, false)
                .get("software");
        assertFalse(software.containsKey("repository"));
    }

    @Test
    void refusesUnknownVersion() {
        assertThrows(IllegalArgumentException.class, () -> NodeInfo.document("1.0", instance, InstanceUsage.EMPTY, false));
    }
}
