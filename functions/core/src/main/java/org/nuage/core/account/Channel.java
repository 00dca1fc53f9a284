package org.nuage.core.account;

import java.time.Instant;

/** A video channel (an ActivityPub Group) owned by one account. */
public record Channel(String id, String name, String displayName, String description, String owner,
        Instant createdAt) {

    public Channel edited(String newDisplayName, String newDescription) {
        return new Channel(id, name, newDisplayName, newDescription, owner, createdAt);
    }
}
