package org.nuage.api.account;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.nuage.core.account.AccountService;
import org.nuage.core.account.AccountStore;
import org.nuage.core.account.OAuthClient;

/** {@code GET /api/v1/oauth-clients/local}: the client PeerTube's apps send with token requests. */
@Path("/api/v1/oauth-clients/local")
public class OAuthClientResource {

    private final AccountStore store;

    public OAuthClientResource(AccountStore store) {
        this.store = store;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> localClient() {
        OAuthClient client = store.oauthClient(AccountService::newOAuthClient);
        return Map.of("client_id", client.clientId(), "client_secret", client.clientSecret());
    }
}
