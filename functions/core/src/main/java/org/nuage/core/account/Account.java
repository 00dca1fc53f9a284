package org.nuage.core.account;

import java.time.Instant;

/** A local user: who they are, how they sign in, and how much video they may store. */
public record Account(String id, String username, String email, String passwordHash, Role role,
        long videoQuotaBytes, String displayName, String description, Instant createdAt) {

    /** What a user may do beyond their own things. */
    public enum Role { ADMINISTRATOR, USER }

    public Account withPasswordHash(String hash) {
        return new Account(id, username, email, hash, role, videoQuotaBytes, displayName, description, createdAt);
    }
}
