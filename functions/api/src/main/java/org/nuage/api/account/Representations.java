package org.nuage.api.account;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nuage.core.federation.follow.Subscription;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.core.account.Account;
import org.nuage.core.account.ActorImage;
import org.nuage.core.account.AvatarService;
import org.nuage.core.media.ObjectStore;
import org.nuage.core.account.Channel;
import org.nuage.core.instance.InstanceInfo;

/** Accounts and channels as PeerTube's API shows them: name, host, display name, URL. */
@ApplicationScoped
public class Representations {

    /** Where PeerTube serves actor images; ours answer with a redirect to the media bucket. */
    public static final String AVATAR_PATH = "/lazy-static/avatars/";

    private final String base;
    private final String host;
    private final ObjectStore media;

    public Representations(InstanceConfig instance, ObjectStore media) {
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

    public Map<String, Object> account(Account account) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", account.id());
        json.put("name", account.username());
        json.put("displayName", account.displayName());
        json.put("description", account.description());
        json.put("host", host);
        json.put("url", base + "/accounts/" + account.username());
        json.put("avatars", avatars(account.avatars()));
        json.put("createdAt", account.createdAt().toString());
        return json;
    }

    public Map<String, Object> channel(Channel channel) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", channel.id());
        json.put("name", channel.name());
        json.put("displayName", channel.displayName());
        json.put("description", channel.description());
        json.put("host", host);
        json.put("url", base + "/video-channels/" + channel.name());
        json.put("avatars", avatars(channel.avatars()));
        json.put("ownerAccount", Map.of("name", channel.owner(), "host", host,
                "url", base + "/accounts/" + channel.owner()));
        json.put("createdAt", channel.createdAt().toString());
        return json;
    }

    /** A remote channel or account as PeerTube's API shows other servers' actors. */
    public Map<String, Object> remoteActor(RemoteActor actor) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", actor.preferredUsername());
        json.put("displayName", actor.name().orElse(actor.preferredUsername()));
        json.put("host", Subscription.hostOf(actor.id()));
        json.put("url", actor.id());
        json.put("isLocal", false);
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
