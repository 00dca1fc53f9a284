package org.nuage.core.account;

/**
 * The instance's OAuth client: PeerTube's web and mobile apps fetch it from
 * {@code /api/v1/oauth-clients/local} and send it with every token request.
 */
public record OAuthClient(String clientId, String clientSecret) {
}
