package org.nuage.core.account;

import java.time.Instant;
import java.util.List;

/**
 * A local user: who they are, how they sign in, and how much video they may store.
 *
 * @param avatars the sizes of their avatar, largest first; empty when they have none
 */
public record Account(String id, String username, String email, String passwordHash, Role role,
        long videoQuotaBytes, String displayName, String description, Instant createdAt, List<ActorImage> avatars) {

    /** What a user may do beyond their own things. */
    public enum Role { ADMINISTRATOR, USER }

    public Account {
        avatars = avatars == null ? List.of() : List.copyOf(avatars);
    }

    /** An account without an avatar. */
    public Account(String id, String username, String email, String passwordHash, Role role, long videoQuotaBytes,
            String displayName, String description, Instant createdAt) {
        this(id, username, email, passwordHash, role, videoQuotaBytes, displayName, description, createdAt, List.of());
    }

    public Account withPasswordHash(String hash) {
        return new Account(id, username, email, hash, role, videoQuotaBytes, displayName, description, createdAt, avatars);
    }

    public Account withAvatars(List<ActorImage> images) {
        return new Account(id, username, email, passwordHash, role, videoQuotaBytes, displayName, description, createdAt,
                images);
    }
}
