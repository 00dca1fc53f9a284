package org.nuage.core.federation.remote;

import org.nuage.core.Refusal;

/**
 * Finds a remote actor from what a person types: {@code name@host} (WebFinger, then the actor
 * document) or the actor's URL. Either way the actor is fetched signed, checked and cached by
 * {@link RemoteActors}.
 */
public final class ActorResolver {

    private final WebFinger webFinger;
    private final RemoteActors remote;

    public ActorResolver(WebFinger webFinger, RemoteActors remote) {
        this.webFinger = webFinger;
        this.remote = remote;
    }

    /** The actor {@code handleOrUrl} names; 400 with the reason when it cannot be found or is refused. */
    public RemoteActor resolve(String handleOrUrl) {
        String value = handleOrUrl == null ? "" : handleOrUrl.strip();
        try {
            if (value.startsWith("https://") || value.startsWith("http://")) {
                return remote.get(value);
            }
            return remote.get(webFinger.actorUrl(WebFinger.parse(value)));
        } catch (RemoteActors.Unavailable e) {
            throw Refusal.badRequest("cannot find " + value + ": " + e.getMessage());
        }
    }
}
