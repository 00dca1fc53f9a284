package org.nuage.core.video;

import java.util.Optional;
import org.nuage.core.Refusal;
import org.nuage.core.account.AccountService;
import org.nuage.core.account.Channel;
import org.nuage.core.account.Names;

/**
 * The channel an upload goes to, from what the request names: Nuage's {@code channel} (a name) or
 * PeerTube's {@code channelId}. Every upload resolves it here, so what {@code channelId} may be is
 * decided in one place ({@link #isNamedBy}).
 */
public final class UploadChannels {

    private UploadChannels() {
    }

    /**
     * The channel {@code name} names, or else the one of {@code owner}'s channels {@code channelId}
     * names.
     *
     * @throws Refusal 400 when neither is given or {@code channelId} names none of the owner's
     *     channels, 404 for an unknown name, 403 for another account's channel
     */
    public static Channel resolve(AccountService accounts, String owner, Optional<String> name,
            Optional<String> channelId) {
        Channel channel;
        if (name.isPresent()) {
            channel = accounts.channel(name.get());
        } else if (channelId.isPresent()) {
            String id = channelId.get().strip();
            channel = accounts.channelsOf(owner).stream().filter(c -> isNamedBy(c, id)).findFirst()
                    .orElseGet(() -> othersChannel(accounts, id).orElseThrow(() -> Refusal.badRequest("channelId "
                            + (id.length() > 60 ? id.substring(0, 60) : id) + " is none of your channels: send the "
                            + "'id' that GET /api/v1/users/me shows for one of them, or its name")));
        } else {
            throw Refusal.badRequest("say which channel the video goes to: 'channelId' (or 'channel', its name)");
        }
        if (!channel.owner().equals(owner)) {
            throw Refusal.forbidden("channel " + channel.name() + " belongs to another account");
        }
        return channel;
    }

    /**
     * Whether PeerTube's {@code channelId} names {@code channel}: the id our API shows for it, or
     * its name, which PeerTube's tools cannot send but people typing a request can.
     */
    static boolean isNamedBy(Channel channel, String channelId) {
        return channel.id().equals(channelId) || channel.name().equals(channelId);
    }

    /** Another account's channel {@code channelId} names, so the refusal can say whose it is. */
    private static Optional<Channel> othersChannel(AccountService accounts, String channelId) {
        try {
            Names.channel(channelId);
        } catch (Refusal notAName) {
            return Optional.empty();
        }
        try {
            return Optional.of(accounts.channel(channelId));
        } catch (Refusal unknown) {
            return Optional.empty();
        }
    }
}
