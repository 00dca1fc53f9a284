package org.nuage.core.account;

import java.time.Instant;
import java.util.List;

/**
 * A video channel (an ActivityPub Group) owned by one account.
 *
 * @param avatars the sizes of its avatar, largest first; empty when it has none
 * @param numericId PeerTube's number of the channel, kept on its item; 0 while it has none there
 */
public record Channel(String id, String name, String displayName, String description, String owner,
        Instant createdAt, List<ActorImage> avatars, long numericId) {

    public Channel {
        avatars = avatars == null ? List.of() : List.copyOf(avatars);
    }

    /** A channel not numbered yet. */
    public Channel(String id, String name, String displayName, String description, String owner, Instant createdAt,
            List<ActorImage> avatars) {
        this(id, name, displayName, description, owner, createdAt, avatars, 0);
    }

    /** A channel without an avatar. */
    public Channel(String id, String name, String displayName, String description, String owner, Instant createdAt) {
        this(id, name, displayName, description, owner, createdAt, List.of());
    }

    public Channel edited(String newDisplayName, String newDescription) {
        return new Channel(id, name, newDisplayName, newDescription, owner, createdAt, avatars, numericId);
    }

    public Channel withAvatars(List<ActorImage> images) {
        return new Channel(id, name, displayName, description, owner, createdAt, images, numericId);
    }
}
