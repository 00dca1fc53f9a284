package org.nuage.api;

import jakarta.enterprise.context.ApplicationScoped;
import org.nuage.core.Refusal;
import org.nuage.core.account.AccountService;
import org.nuage.core.account.Channel;
import org.nuage.core.id.IdKind;
import org.nuage.core.id.NumericIds;

/**
 * What PeerTube's routes and bodies name by number, resolved to what Nuage names things by: a
 * video's uuid (from its number, uuid or short uuid), a channel (from its {@code channelId}).
 */
@ApplicationScoped
public class PeerTubeIds {

    private final NumericIds ids;
    private final AccountService accounts;

    public PeerTubeIds(NumericIds ids, AccountService accounts) {
        this.ids = ids;
        this.accounts = accounts;
    }

    /** The uuid of the video {@code id} names, or 404. */
    public String videoUuid(String id) {
        return ids.videoUuid(id).orElseThrow(() -> Refusal.notFound("no video " + shortened(id)));
    }

    /**
     * The local channel whose number is {@code channelId}, as PeerTube's upload bodies send it; 400
     * when it is no number or names no channel of ours (the body is wrong, not the route).
     */
    public Channel channelById(String channelId) {
        String name = ids.refOf(IdKind.CHANNEL, channelId)
                .orElseThrow(() -> Refusal.badRequest("channelId " + shortened(channelId) + " is no channel here"));
        return accounts.channel(name);
    }

    /** A video's number (ours or a remote one), given now if it has none. */
    public long videoId(String uuid) {
        return ids.idOf(IdKind.VIDEO, uuid);
    }

    /**
     * The local username a user's (or account's) number names; empty for another server's account,
     * whose reference is its actor URL.
     */
    public java.util.Optional<String> accountName(String id) {
        return ids.refOf(IdKind.ACCOUNT, id).filter(ref -> !ref.contains("/"));
    }

    /** The number of a local channel, as the API shows it. */
    public long channelId(String name) {
        return ids.idOf(IdKind.CHANNEL, name);
    }

    private static String shortened(String id) {
        return id == null ? "null" : id.length() > 60 ? id.substring(0, 60) : id;
    }
}
