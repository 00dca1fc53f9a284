package org.nuage.api.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.nuage.api.ApiConfig;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.core.account.AccountService;
import org.nuage.core.account.AccountStore;
import org.nuage.core.account.AvatarService;
import org.nuage.core.media.ObjectStore;
import org.nuage.core.account.PasswordHasher;
import org.nuage.core.account.TokenService;
import org.nuage.core.account.AttemptCounter;
import org.nuage.core.account.SignInLimits;
import org.nuage.core.account.TokenStore;

/** Wires core's account services to the AWS adapters. */
public class AccountBeans {

    @Produces
    @ApplicationScoped
    AccountService accountService(AccountStore store, ApiConfig api, InstanceConfig instance, Clock clock) {
        return new AccountService(store, new PasswordHasher(api.bcryptCost()),
                new AccountService.Policy(instance.openRegistrations(), api.defaultVideoQuotaBytes(),
                        api.rootPassword().filter(p -> !p.isBlank())), clock);
    }

    @Produces
    @ApplicationScoped
    AvatarService avatarService(AccountService accounts, AccountStore store, ObjectStore media, Clock clock) {
        return new AvatarService(accounts, store, media, clock);
    }

    @Produces
    @ApplicationScoped
    SignInLimits signInLimits(AttemptCounter counter, Clock clock) {
        return new SignInLimits(counter, clock);
    }

    @Produces
    @ApplicationScoped
    TokenService tokenService(TokenStore store, Clock clock) {
        return new TokenService(store, clock);
    }
}
