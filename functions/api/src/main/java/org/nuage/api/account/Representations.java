package org.nuage.api.account;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
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
}
