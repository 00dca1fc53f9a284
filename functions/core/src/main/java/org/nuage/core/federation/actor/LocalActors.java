package org.nuage.core.federation.actor;

import java.net.URI;
import java.util.Optional;
import org.nuage.core.account.AccountStore;

/** Tells whether a URL names one of our actors: the instance, an account or a channel that exists. */
public final class LocalActors {

    private final AccountStore store;
    private final String base;

    public LocalActors(AccountStore store, URI base) {
        this.store = store;
        this.base = base.toString().replaceAll("/+$", "");
    }

    public Optional<String> resolve(String url) {
        if (url == null) {
            return Optional.empty();
        }
        if (url.equals(base + "/accounts/" + ActorDirectory.INSTANCE_ACTOR)) {
            return Optional.of(url);
        }
        Optional<String> account = name(url, "/accounts/");
        if (account.isPresent()) {
            return store.findAccount(account.get()).map(a -> url);
        }
        return name(url, "/video-channels/").flatMap(store::findChannel).map(c -> url);
    }

    /** Whether {@code path} is an inbox here: the shared one, or that of an actor that exists. */
    public boolean hasInbox(String path) {
        String suffix = "/inbox";
        if (path.equals(suffix)) {
            return true;
        }
        return path.endsWith(suffix) && resolve(base + path.substring(0, path.length() - suffix.length())).isPresent();
    }

    private Optional<String> name(String url, String prefix) {
        if (!url.startsWith(base + prefix)) {
            return Optional.empty();
        }
        String name = url.substring((base + prefix).length());
        return name.isEmpty() || name.contains("/") ? Optional.empty() : Optional.of(name);
    }
}
