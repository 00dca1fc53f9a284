package org.nuage.core.account;

import java.time.Instant;
import java.util.List;

/**
 * A video channel (an ActivityPub Group) owned by one account.
 *
 * @param avatars the sizes of its avatar, largest first; empty when it has none
 */
public record Channel(String id, String name, String displayName, String description, String owner,
        Instant createdAt, List<ActorImage> avatars) {

    public Channel {
        avatars = avatars == null ? List.of() : List.copyOf(avatars);
    }

    /** A channel without an avatar. */
    public Channel(String id, String name, String displayName, String description, String owner, Instant createdAt) {
        this(id, name, displayName, description, owner, createdAt, List.of());
    }

    public Channel edited(String newDisplayName, String newDescription) {
        return new Channel(id, name, newDisplayName, newDescription, owner, createdAt, avatars);
    }

    public Channel withAvatars(List<ActorImage> images) {
        return new Channel(id, name, displayName, description, owner, createdAt, images);
    }
}
