package org.nuage.core.account;

import java.time.Instant;
import java.util.List;

/**
 * A local user: who they are, how they sign in, and how much video they may store.
 *
 * @param avatars the sizes of their avatar, largest first; empty when they have none
 * @param numericId PeerTube's number of the account (and of its user), kept on its item; 0 while
 *     it has none there
 */
public record Account(String id, String username, String email, String passwordHash, Role role,
        long videoQuotaBytes, String displayName, String description, Instant createdAt, List<ActorImage> avatars,
        long numericId) {

    /** What a user may do beyond their own things. */
    public enum Role { ADMINISTRATOR, USER }

    public Account {
        avatars = avatars == null ? List.of() : List.copyOf(avatars);
    }

    /** An account not numbered yet. */
    public Account(String id, String username, String email, String passwordHash, Role role, long videoQuotaBytes,
            String displayName, String description, Instant createdAt, List<ActorImage> avatars) {
        this(id, username, email, passwordHash, role, videoQuotaBytes, displayName, description, createdAt, avatars, 0);
    }

    /** An account without an avatar. */
    public Account(String id, String username, String email, String passwordHash, Role role, long videoQuotaBytes,
            String displayName, String description, Instant createdAt) {
        this(id, username, email, passwordHash, role, videoQuotaBytes, displayName, description, createdAt, List.of());
    }

    public Account withPasswordHash(String hash) {
        return new Account(id, username, email, hash, role, videoQuotaBytes, displayName, description, createdAt, avatars,
                numericId);
    }

    public Account withAvatars(List<ActorImage> images) {
        return new Account(id, username, email, passwordHash, role, videoQuotaBytes, displayName, description, createdAt,
                images, numericId);
    }

    /** The account with what its owner says of it changed. */
    public Account withProfile(String newDisplayName, String newDescription) {
        return new Account(id, username, email, passwordHash, role, videoQuotaBytes, newDisplayName, newDescription,
                createdAt, avatars, numericId);
    }
}
