package org.nuage.core.account;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.nuage.core.media.AvatarImages;
import org.nuage.core.media.ObjectStore;

/**
 * The avatars of accounts and channels: a picture is checked and cut into PeerTube's sizes before
 * anything is stored, the sizes go to the public media bucket under a fresh random key (a cached
 * copy of an old avatar can never be shown for the new one), and the old sizes are deleted once
 * the account or channel names the new ones. Only a channel's owner changes its avatar.
 */
public final class AvatarService {

    private static final Logger LOG = Logger.getLogger(AvatarService.class.getName());

    /** Where avatars live in the media bucket; keys are made here, never from names a user chose. */
    public static final String PREFIX = "avatars/";

    private final AccountService accounts;
    private final AccountStore store;
    private final ObjectStore objects;
    private final Clock clock;

    public AvatarService(AccountService accounts, AccountStore store, ObjectStore objects, Clock clock) {
        this.accounts = accounts;
        this.store = store;
        this.objects = objects;
        this.clock = clock;
    }

    /** Replaces the account's avatar with {@code upload}; returns the new sizes. @throws org.nuage.core.Refusal 400 for a bad picture */
    public List<ActorImage> pickAccountAvatar(String username, byte[] upload) {
        Account account = accounts.account(username);
        List<ActorImage> images = store(upload);
        try {
            store.updateAccount(account.withAvatars(images));
        } catch (RuntimeException e) {
            objects.delete(ObjectStore.Bucket.MEDIA, keys(images));
            throw e;
        }
        deleteImages(account.avatars());
        LOG.info(() -> "account " + username + " has a new avatar");
        return images;
    }

    /** Removes the account's avatar; false when it had none. */
    public boolean removeAccountAvatar(String username) {
        Account account = accounts.account(username);
        if (account.avatars().isEmpty()) {
            return false;
        }
        store.updateAccount(account.withAvatars(List.of()));
        deleteImages(account.avatars());
        return true;
    }

    /** Replaces the avatar of {@code actor}'s channel {@code name}. @throws org.nuage.core.Refusal 403 when it is another's */
    public List<ActorImage> pickChannelAvatar(String actor, String name, byte[] upload) {
        Channel channel = accounts.owned(actor, name);
        List<ActorImage> images = store(upload);
        try {
            store.updateChannel(channel.withAvatars(images));
        } catch (RuntimeException e) {
            objects.delete(ObjectStore.Bucket.MEDIA, keys(images));
            throw e;
        }
        deleteImages(channel.avatars());
        LOG.info(() -> "channel " + name + " has a new avatar");
        return images;
    }

    /** Removes the avatar of {@code actor}'s channel {@code name}; false when it had none. */
    public boolean removeChannelAvatar(String actor, String name) {
        Channel channel = accounts.owned(actor, name);
        if (channel.avatars().isEmpty()) {
            return false;
        }
        store.updateChannel(channel.withAvatars(List.of()));
        deleteImages(channel.avatars());
        return true;
    }

    private List<ActorImage> store(byte[] upload) {
        List<AvatarImages.Encoded> sizes = AvatarImages.process(upload);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        List<ActorImage> images = new ArrayList<>();
        try {
            for (AvatarImages.Encoded size : sizes) {
                String key = PREFIX + id + "-" + size.width() + size.extension();
                objects.putImmutable(key, size.bytes(), size.mediaType());
                images.add(new ActorImage(key, size.width(), size.mediaType(), now));
            }
        } catch (RuntimeException e) {
            deleteImages(images);
            throw e;
        }
        return images;
    }

    private void deleteImages(List<ActorImage> images) {
        if (!images.isEmpty()) {
            objects.delete(ObjectStore.Bucket.MEDIA, keys(images));
        }
    }

    private static List<String> keys(List<ActorImage> images) {
        return images.stream().map(ActorImage::key).toList();
    }
}
