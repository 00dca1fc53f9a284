package org.nuage.api.account;

import jakarta.enterprise.context.ApplicationScoped;
import org.nuage.core.Refusal;
import org.nuage.core.account.TokenService;

/** Resolves the {@code Authorization: Bearer} header of a request to the signed-in username. */
@ApplicationScoped
public class Caller {

    private final TokenService tokens;

    public Caller(TokenService tokens) {
        this.tokens = tokens;
    }

    public String require(String authorization) {
        String token = bearer(authorization);
        if (token == null) {
            throw Refusal.unauthorized("sign in first: an 'Authorization: Bearer' token is required");
        }
        return tokens.authenticate(token)
                .orElseThrow(() -> Refusal.unauthorized("the token is invalid or has expired"));
    }

    /** The signed-in username, or empty for an anonymous or invalid request (public pages). */
    public java.util.Optional<String> optional(String authorization) {
        String token = bearer(authorization);
        return token == null ? java.util.Optional.empty() : tokens.authenticate(token);
    }

    static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
