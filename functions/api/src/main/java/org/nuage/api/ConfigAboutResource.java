package org.nuage.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.nuage.aws.config.InstanceConfig;

/**
 * {@code GET /api/v1/config/about}: the instance's "about" page in PeerTube's {@code About} shape.
 * Nuage is configured with a name and a short description only; the texts PeerTube's administrators
 * write (terms, code of conduct, moderation...) are empty, as PeerTube's are until written.
 */
@Path("/api/v1/config/about")
public class ConfigAboutResource {

    private final InstanceConfig instance;

    public ConfigAboutResource(InstanceConfig instance) {
        this.instance = instance;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> about() {
        return Map.of("instance", ConfigResource.map(
                "name", instance.name(),
                "shortDescription", instance.shortDescription(),
                "description", "",
                "terms", "",
                "codeOfConduct", "",
                "hardwareInformation", "",
                "creationReason", "",
                "moderationInformation", "",
                "administrator", "",
                "maintenanceLifetime", "",
                "businessModel", "",
                "languages", List.of(),
                "categories", List.of(),
                "banners", List.of(),
                "avatars", List.of()));
    }
}
