package org.nuage.api.account;

import org.nuage.core.Refusal;
import org.nuage.core.account.Account;
import org.nuage.core.account.AccountService;

/** The check in front of every administration endpoint. */
public final class Administrators {

    private Administrators() {
    }

    /**
     * The signed-in administrator's username; 401 without a valid token, 403 with the reason
     * {@code "only an administrator may " + action} for anyone else.
     */
    public static String require(Caller caller, AccountService accounts, String authorization, String action) {
        String username = caller.require(authorization);
        if (accounts.account(username).role() != Account.Role.ADMINISTRATOR) {
            throw Refusal.forbidden("only an administrator may " + action);
        }
        return username;
    }
}
