package org.nuage.core.account;

import java.time.Instant;
import java.util.Optional;

/** Port: bearer tokens, kept only as SHA-256 hashes with their expiry. */
public interface TokenStore {

    /** A stored token: {@code pairHash} links an access token and the refresh token issued with it. */
    record StoredToken(String hash, Kind kind, String username, Instant expiresAt, String pairHash) {
    }

    /** Access tokens authorise requests; refresh tokens only buy a new pair. */
    enum Kind { ACCESS, REFRESH }

    void save(StoredToken token);

    /** The token with this hash, unless it has expired (expired items may linger in the table). */
    Optional<StoredToken> find(String hash);

    /** Deletes the token; true when this call deleted it, so a refresh token is used only once. */
    boolean delete(String hash);
}
