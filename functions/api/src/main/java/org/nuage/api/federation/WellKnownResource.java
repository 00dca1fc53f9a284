package org.nuage.api.federation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.core.federation.actor.ActorDirectory;
import org.nuage.core.instance.InstanceInfo;
import org.nuage.core.instance.NodeInfo;

/**
 * The {@code /.well-known} documents other servers start from: NodeInfo discovery, WebFinger
 * (how {@code @name@host} becomes an actor URL) and host-meta (how older software finds WebFinger).
 */
@Path("/.well-known")
public class WellKnownResource {

    private final ActorDirectory actors;
    private final InstanceInfo instance;

    public WellKnownResource(ActorDirectory actors, InstanceConfig config,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.actors = actors;
        this.instance = new InstanceInfo(config.name(), config.shortDescription(), config.publicUrl(), version);
    }

    @GET
    @Path("nodeinfo")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> nodeinfo() {
        return NodeInfo.discovery(instance);
    }

    @GET
    @Path("webfinger")
    public Response webfinger(@QueryParam("resource") String resource) {
        return Response.ok(actors.webfinger(resource)).type("application/jrd+json; charset=utf-8")
                // Other servers cache the answer; a name keeps pointing at the same actor.
                .header("Cache-Control", "max-age=3600").build();
    }

    @GET
    @Path("host-meta")
    public Response hostMeta() {
        String xrd = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<XRD xmlns=\"http://docs.oasis-open.org/ns/xri/xrd-1.0\">\n"
                + "  <Link rel=\"lrdd\" type=\"application/xrd+xml\" template=\"" + instance.publicUrl()
                + "/.well-known/webfinger?resource={uri}\"/>\n"
                + "</XRD>\n";
        return Response.ok(xrd).type("application/xrd+xml; charset=utf-8").build();
    }
}
