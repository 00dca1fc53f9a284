package org.nuage.api.account;

import jakarta.enterprise.context.ApplicationScoped;
import org.nuage.core.account.AccountException;
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
            throw AccountException.unauthorized("sign in first: an 'Authorization: Bearer' token is required");
        }
        return tokens.authenticate(token)
                .orElseThrow(() -> AccountException.unauthorized("the token is invalid or has expired"));
    }

    static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
