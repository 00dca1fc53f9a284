package org.nuage.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.nuage.api.account.Administrators;
import org.nuage.api.account.Caller;
import org.nuage.core.Refusal;
import org.nuage.core.account.AccountService;
import org.nuage.core.federation.follow.InstanceSettings;

/**
 * PeerTube's {@code /api/v1/config/custom}: the settings an administrator changes at run time.
 * Only {@code followers.instance.manualApproval} is a setting here so far; PeerTube's client sends
 * its whole form, so other fields are accepted and left alone, and the answer shows what applies.
 */
@Path("/api/v1/config/custom")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigCustomResource {

    private final InstanceSettings settings;
    private final AccountService accounts;
    private final Caller caller;

    public ConfigCustomResource(InstanceSettings settings, AccountService accounts, Caller caller) {
        this.settings = settings;
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    public Map<String, Object> get(@HeaderParam("Authorization") String authorization) {
        Administrators.require(caller, accounts, authorization, "read the instance's settings");
        return current();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> put(@HeaderParam("Authorization") String authorization, JsonNode body) {
        Administrators.require(caller, accounts, authorization, "change the instance's settings");
        if (body == null || !body.isObject()) {
            throw Refusal.badRequest("a JSON object is required, such as {\"followers\":{\"instance\":{\"manualApproval\":true}}}");
        }
        JsonNode manual = body.path("followers").path("instance").path("manualApproval");
        if (!manual.isMissingNode()) {
            if (!manual.isBoolean()) {
                throw Refusal.badRequest("followers.instance.manualApproval must be true or false");
            }
            settings.manualApprovalOfInstanceFollowers(manual.booleanValue());
        }
        return current();
    }

    private Map<String, Object> current() {
        return Map.of("followers", Map.of("instance", Map.of("enabled", true,
                "manualApproval", settings.manualApprovalOfInstanceFollowers())));
    }
}
