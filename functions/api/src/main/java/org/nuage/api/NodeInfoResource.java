package org.nuage.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.core.instance.InstanceInfo;
import org.nuage.core.instance.InstanceStats;
import org.nuage.core.instance.NodeInfo;

/**
 * NodeInfo documents, which other fediverse servers read to know what we run; discovery is in
 * {@link org.nuage.api.federation.WellKnownResource} with the other {@code .well-known} paths.
 */
@Path("/nodeinfo")
public class NodeInfoResource {

    private final InstanceConfig config;
    private final InstanceStats stats;
    private final InstanceInfo instance;

    public NodeInfoResource(InstanceConfig config, InstanceStats stats,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.config = config;
        this.stats = stats;
        this.instance = new InstanceInfo(config.name(), config.shortDescription(), config.publicUrl(), version);
    }

    @GET
    @Path("{version}.json")
    public Response document(@PathParam("version") String version) {
        if (!NodeInfo.VERSIONS.contains(version)) {
            throw new NotFoundException("NodeInfo " + version + " is not served; try 2.0 or 2.1");
        }
        return Response.ok(NodeInfo.document(version, instance, stats.usage(), config.openRegistrations()))
                // The schema asks for its profile on the content type.
                .type("application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/" + version + "#\"")
                .build();
    }
}
