package org.nuage.api.account;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nuage.core.federation.follow.Subscription;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.core.account.Account;
import org.nuage.core.account.AccountStore;
import org.nuage.core.account.ActorImage;
import org.nuage.core.account.AvatarService;
import org.nuage.core.media.ObjectStore;
import org.nuage.core.account.Channel;
import org.nuage.core.federation.follow.Followers;
import org.nuage.core.federation.follow.Subscriptions;
import org.nuage.core.id.IdKind;
import org.nuage.core.id.NumericIds;
import org.nuage.core.instance.InstanceInfo;

/**
 * Accounts and channels as PeerTube's API shows them: its {@code Account} and {@code VideoChannel}
 * where a thing is shown whole, its {@code AccountSummary} and {@code VideoChannelSummary} (id,
 * name, display name, URL, host, avatars) where videos name their owners. Ids are PeerTube's
 * numbers; a user's id is their account's.
 */
@ApplicationScoped
public class Representations {

    /** Where PeerTube serves actor images; ours answer with a redirect to the media bucket. */
    public static final String AVATAR_PATH = "/lazy-static/avatars/";

    private final String base;
    private final String host;
    private final ObjectStore media;
    private final NumericIds ids;
    private final AccountStore accounts;
    private final Followers followers;
    private final Subscriptions subscriptions;

    public Representations(InstanceConfig instance, ObjectStore media, NumericIds ids, Followers followers,
            Subscriptions subscriptions, AccountStore accounts) {
        this.accounts = accounts;
        this.ids = ids;
        this.followers = followers;
        this.subscriptions = subscriptions;
        InstanceInfo info = new InstanceInfo(instance.name(), instance.shortDescription(), instance.publicUrl(), "-");
        this.base = info.publicUrl().toString();
        this.host = info.host();
        this.media = media;
    }

    /**
     * An avatar's sizes as PeerTube's {@code ActorImage}s: {@code path} on this server (which
     * redirects) for clients that prefix the instance's URL, {@code fileUrl} where the bytes are.
     */
    public List<Map<String, Object>> avatars(List<ActorImage> images) {
        return images.stream().map(image -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("width", image.width());
            json.put("height", image.width());
            json.put("path", AVATAR_PATH + image.key().substring(AvatarService.PREFIX.length()));
            json.put("fileUrl", media.publicUrl(image.key()).toString());
            json.put("createdAt", image.createdAt().toString());
            json.put("updatedAt", image.createdAt().toString());
            return json;
        }).toList();
    }

    public String accountUrl(String username) {
        return base + "/accounts/" + username;
    }

    public String channelUrl(String name) {
        return base + "/video-channels/" + name;
    }

    public String host() {
        return host;
    }

    /** The number of an account known by name only, which is also its user's. */
    public long accountId(String username) {
        return ids.idOf(IdKind.ACCOUNT, username);
    }

    public long channelId(String name) {
        return ids.idOf(IdKind.CHANNEL, name);
    }

    /** The account's number: the one its item keeps, else given (or read) now and kept on its item. */
    public long number(Account account) {
        if (account.numericId() > 0) {
            return account.numericId();
        }
        long id = accountId(account.username());
        accounts.recordAccountNumber(account.username(), id);
        return id;
    }

    /** As {@link #number(Account)}, for a channel. */
    public long number(Channel channel) {
        if (channel.numericId() > 0) {
            return channel.numericId();
        }
        long id = channelId(channel.name());
        accounts.recordChannelNumber(channel.name(), id);
        return id;
    }

    /** A deleted channel's number names nothing any more. */
    public void forgetChannel(String name) {
        ids.forget(IdKind.CHANNEL, name);
    }

    /** PeerTube's {@code Account}, with the followers of its actor and what it follows counted. */
    public Map<String, Object> account(Account account) {
        Map<String, Object> json = accountSummary(account);
        String url = accountUrl(account.username());
        json.put("description", account.description());
        json.put("followersCount", followers.of(url).size());
        json.put("followingCount", subscriptions.of(url).size());
        json.put("createdAt", account.createdAt().toString());
        // Nuage keeps no edit date; its creation is the last change PeerTube's clients can be told of.
        json.put("updatedAt", account.createdAt().toString());
        json.put("userId", json.get("id"));
        return json;
    }

    /** PeerTube's {@code AccountSummary}, as videos name their owner. */
    public Map<String, Object> accountSummary(Account account) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", number(account));
        json.put("name", account.username());
        json.put("displayName", account.displayName());
        json.put("url", accountUrl(account.username()));
        json.put("host", host);
        json.put("avatars", avatars(account.avatars()));
        return json;
    }

    /** PeerTube's {@code VideoChannel}, with its owner's account whole. */
    public Map<String, Object> channel(Channel channel, Account owner) {
        Map<String, Object> json = userChannel(channel);
        json.remove("ownerAccountId");
        json.put("ownerAccount", account(owner));
        return json;
    }

    /** PeerTube's {@code UserVideoChannel}: a {@code VideoChannel} naming its owner by number, as users/me lists them. */
    public Map<String, Object> userChannel(Channel channel) {
        Map<String, Object> json = channelSummary(channel);
        String url = channelUrl(channel.name());
        json.put("description", channel.description());
        // Nuage has no support text for channels; PeerTube sends null when a channel has none.
        json.put("support", null);
        json.put("isLocal", true);
        json.put("followersCount", followers.of(url).size());
        json.put("followingCount", 0);
        json.put("createdAt", channel.createdAt().toString());
        json.put("updatedAt", channel.createdAt().toString());
        json.put("banners", List.of());
        json.put("ownerAccountId", accountId(channel.owner()));
        return json;
    }

    /** PeerTube's {@code VideoChannelSummary}. */
    public Map<String, Object> channelSummary(Channel channel) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", number(channel));
        json.put("name", channel.name());
        json.put("displayName", channel.displayName());
        json.put("url", channelUrl(channel.name()));
        json.put("host", host);
        json.put("avatars", avatars(channel.avatars()));
        return json;
    }

    /**
     * A remote account or channel known only by its actor URL, as a summary: PeerTube names actors
     * by the last segment of their URL; the actor's display name and avatars are not fetched.
     */
    public Map<String, Object> remoteSummary(IdKind kind, String url) {
        Map<String, Object> json = new LinkedHashMap<>();
        String name = url.substring(url.lastIndexOf('/') + 1);
        json.put("id", ids.idOf(kind, url));
        json.put("name", name);
        json.put("displayName", name);
        json.put("url", url);
        json.put("host", Subscription.hostOf(url));
        json.put("avatars", List.of());
        return json;
    }

    /**
     * The account of an actor URL, ours or another server's, as a whole PeerTube {@code Account}
     * for comments and reports; ours are numbered by username, as everywhere else.
     */
    public Map<String, Object> actorAccount(String url, String handle, java.time.Instant seen) {
        int at = handle.indexOf('@');
        String name = at < 0 ? handle : handle.substring(0, at);
        String prefix = base + "/accounts/";
        Map<String, Object> json = remoteAccount(url, name, seen);
        json.put("name", name);
        if (url.startsWith(prefix)) {
            json.put("id", accountId(url.substring(prefix.length())));
            json.put("host", host);
        }
        return json;
    }

    /** A remote actor as a whole PeerTube {@code Account}; what is not known of it is zero or empty. */
    public Map<String, Object> remoteAccount(String url, String displayName, java.time.Instant seen) {
        Map<String, Object> json = remoteSummary(IdKind.ACCOUNT, url);
        json.put("displayName", displayName);
        json.put("description", "");
        json.put("followersCount", 0);
        json.put("followingCount", 0);
        json.put("createdAt", seen.toString());
        json.put("updatedAt", seen.toString());
        return json;
    }

    /** A remote channel or account as PeerTube's API shows other servers' actors. */
    public Map<String, Object> remoteActor(RemoteActor actor) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", ids.idOf("Group".equals(actor.type()) ? IdKind.CHANNEL : IdKind.ACCOUNT, actor.id()));
        json.put("name", actor.preferredUsername());
        json.put("displayName", actor.name().orElse(actor.preferredUsername()));
        json.put("description", "");
        json.put("host", Subscription.hostOf(actor.id()));
        json.put("url", actor.id());
        json.put("isLocal", false);
        json.put("avatars", List.of());
        json.put("banners", List.of());
        return json;
    }

    /**
     * One of our follows as PeerTube's ActorFollow: who follows, whom, and whether the other server
     * has accepted yet ({@code pending} or {@code accepted}).
     */
    public Map<String, Object> follow(Subscription subscription) {
        String handle = subscription.handle();
        Map<String, Object> following = new LinkedHashMap<>();
        following.put("name", handle.substring(0, handle.lastIndexOf('@')));
        following.put("host", handle.substring(handle.lastIndexOf('@') + 1));
        following.put("url", subscription.target());
        Map<String, Object> follower = new LinkedHashMap<>();
        follower.put("name", subscription.follower().substring(subscription.follower().lastIndexOf('/') + 1));
        follower.put("host", host);
        follower.put("url", subscription.follower());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("follower", follower);
        json.put("following", following);
        json.put("state", subscription.state().name().toLowerCase(java.util.Locale.ROOT));
        json.put("createdAt", subscription.since().toString());
        return json;
    }
}
