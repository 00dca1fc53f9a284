package org.nuage.api.account;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nuage.core.federation.follow.Subscription;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.core.account.Account;
import org.nuage.core.account.Channel;
import org.nuage.core.instance.InstanceInfo;

/** Accounts and channels as PeerTube's API shows them: name, host, display name, URL. */
@ApplicationScoped
public class Representations {

    private final String base;
    private final String host;

    public Representations(InstanceConfig instance) {
        InstanceInfo info = new InstanceInfo(instance.name(), instance.shortDescription(), instance.publicUrl(), "-");
        this.base = info.publicUrl().toString();
        this.host = info.host();
    }

    public Map<String, Object> account(Account account) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", account.id());
        json.put("name", account.username());
        json.put("displayName", account.displayName());
        json.put("description", account.description());
        json.put("host", host);
        json.put("url", base + "/accounts/" + account.username());
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
