package org.nuage.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.core.video.ResumableUpload;

/** {@code GET /api/v1/config}: what a client needs to know about this instance, in PeerTube's shape. */
@Path("/api/v1/config")
public class ConfigResource {

    private final InstanceConfig instance;
    private final String version;

    public ConfigResource(InstanceConfig instance,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.instance = instance;
        this.version = version;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> config() {
        return Map.of(
                "instance", Map.of(
                        "name", instance.name(),
                        "shortDescription", instance.shortDescription(),
                        "defaultClientRoute", "/videos/trending"),
                "serverVersion", version,
                "software", Map.of("name", "nuage", "version", version),
                "signup", Map.of("allowed", instance.openRegistrations()),
                "federation", Map.of("enabled", true),
                // PeerTube's web client never sends a resumable-upload chunk bigger than this.
                "client", Map.of("videos", Map.of("resumableUpload",
                        Map.of("maxChunkSize", ResumableUpload.MAX_CHUNK_BYTES))));
    }
}
