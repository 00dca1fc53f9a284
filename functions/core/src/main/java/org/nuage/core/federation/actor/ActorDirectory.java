package org.nuage.core.federation.actor;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nuage.core.Refusal;
import org.nuage.core.account.Account;
import org.nuage.core.account.AccountService;
import org.nuage.core.account.ActorImage;
import org.nuage.core.account.Channel;
import org.nuage.core.media.ObjectStore;

/**
 * Nuage's local actors as ActivityPub shows them, in PeerTube's shapes: the instance
 * ({@code Application} at {@code /accounts/peertube}, the name PeerTube instances follow each
 * other by), each account ({@code Person} at {@code /accounts/{name}}) and each channel
 * ({@code Group} at {@code /video-channels/{name}}), with their public keys, and WebFinger.
 */
public final class ActorDirectory {

    /** PeerTube's instance actor name; reserved so no account can take it. */
    public static final String INSTANCE_ACTOR = "peertube";

    /** The contexts PeerTube puts on actors, so its parser and Mastodon's find the terms they know. */
    static final List<Object> CONTEXT = List.of("https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1",
            Map.of("RsaSignature2017", "https://w3id.org/security#RsaSignature2017"),
            Map.of("pt", "https://joinpeertube.org/ns#", "sc", "http://schema.org/",
                    "playlists", Map.of("@id", "pt:playlists", "@type", "@id"),
                    "support", Map.of("@type", "sc:Text", "@id", "pt:support")));

    private final AccountService accounts;
    private final ActorKeyring keys;
    private final URI base;
    private final ObjectStore media;

    /**
     * {@code base} is the instance's public URL without a trailing slash; every actor id starts with it.
     * {@code media} tells where the avatars are public.
     */
    public ActorDirectory(AccountService accounts, ActorKeyring keys, URI base, ObjectStore media) {
        this.accounts = accounts;
        this.keys = keys;
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.media = media;
    }

    public String host() {
        return base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort();
    }

    public String accountUrl(String name) {
        return base + "/accounts/" + name;
    }

    public String channelUrl(String name) {
        return base + "/video-channels/" + name;
    }

    public Map<String, Object> instance() {
        Map<String, Object> actor = actor("Application", accountUrl(INSTANCE_ACTOR), INSTANCE_ACTOR, INSTANCE_ACTOR, null);
        actor.put("summary", null);
        return actor;
    }

    public Map<String, Object> account(String name) {
        if (name.equals(INSTANCE_ACTOR)) {
            return instance();
        }
        Account account = accounts.account(name);
        Map<String, Object> actor = actor("Person", accountUrl(account.username()), account.username(),
                account.displayName(), account.createdAt().toString());
        actor.put("summary", account.description());
        icon(actor, account.avatars());
        return actor;
    }

    public Map<String, Object> channel(String name) {
        Channel channel = accounts.channel(name);
        Map<String, Object> actor = actor("Group", channelUrl(channel.name()), channel.name(), channel.displayName(),
                channel.createdAt().toString());
        actor.put("summary", channel.description());
        // PeerTube reads the owning account from here, and Mastodon shows it as the group's owner.
        actor.put("attributedTo", List.of(Map.of("type", "Person", "id", accountUrl(channel.owner()))));
        icon(actor, channel.avatars());
        return actor;
    }

    /**
     * The avatar as PeerTube (4.2 and later) federates it: every size as an {@code Image}, largest
     * first, since Mastodon takes the first of a list and reads its {@code url}.
     */
    private void icon(Map<String, Object> actor, List<ActorImage> avatars) {
        if (avatars.isEmpty()) {
            return;
        }
        actor.put("icon", avatars.stream().map(image -> {
            Map<String, Object> icon = new LinkedHashMap<>();
            icon.put("type", "Image");
            icon.put("mediaType", image.mediaType());
            icon.put("height", image.width());
            icon.put("width", image.width());
            icon.put("url", media.publicUrl(image.key()).toString());
            return icon;
        }).toList());
    }

    /**
     * WebFinger for {@code acct:name@host}: accounts, channels and the instance actor share one
     * namespace, so the name alone says which actor it is.
     */
    public Map<String, Object> webfinger(String resource) {
        if (resource == null || resource.isBlank()) {
            throw Refusal.badRequest("the resource parameter is required, such as acct:name@" + host());
        }
        String acct = resource.strip();
        String name;
        if (acct.startsWith("acct:")) {
            String handle = acct.substring("acct:".length());
            if (handle.startsWith("@")) {
                handle = handle.substring(1);
            }
            int at = handle.lastIndexOf('@');
            if (at <= 0 || !handle.substring(at + 1).equalsIgnoreCase(host())) {
                throw Refusal.notFound("no local actor " + acct + " on " + host());
            }
            name = handle.substring(0, at);
        } else if (acct.startsWith(base + "/accounts/") || acct.startsWith(base + "/video-channels/")) {
            name = acct.substring(acct.lastIndexOf('/') + 1);
        } else {
            throw Refusal.notFound("no local actor " + acct);
        }
        String url = actorUrl(name).orElseThrow(() -> Refusal.notFound("no local actor " + acct));
        Map<String, Object> jrd = new LinkedHashMap<>();
        jrd.put("subject", "acct:" + name + "@" + host());
        jrd.put("aliases", List.of(url));
        jrd.put("links", List.of(
                Map.of("rel", "self", "type", "application/activity+json", "href", url),
                Map.of("rel", "http://webfinger.net/rel/profile-page", "type", "text/html", "href", url)));
        return jrd;
    }

    /** The actor URL a name stands for: the instance, an account or a channel. */
    public Optional<String> actorUrl(String name) {
        if (name.equals(INSTANCE_ACTOR)) {
            return Optional.of(accountUrl(INSTANCE_ACTOR));
        }
        try {
            return Optional.of(accountUrl(accounts.account(name).username()));
        } catch (Refusal notAnAccount) {
            try {
                return Optional.of(channelUrl(accounts.channel(name).name()));
            } catch (Refusal notAChannel) {
                return Optional.empty();
            }
        }
    }

    public String publicKeyPem(String actorUrl) {
        return keys.keyPair(actorUrl).publicKeyPem();
    }

    private Map<String, Object> actor(String type, String id, String preferredUsername, String name, String published) {
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("@context", CONTEXT);
        actor.put("type", type);
        actor.put("id", id);
        actor.put("following", id + "/following");
        actor.put("followers", id + "/followers");
        actor.put("playlists", id + "/playlists");
        actor.put("inbox", id + "/inbox");
        actor.put("outbox", id + "/outbox");
        actor.put("preferredUsername", preferredUsername);
        actor.put("url", id);
        actor.put("name", name);
        actor.put("endpoints", Map.of("sharedInbox", base + "/inbox"));
        actor.put("publicKey", Map.of("id", id + "#main-key", "owner", id, "publicKeyPem", publicKeyPem(id)));
        if (published != null) {
            actor.put("published", published);
        }
        return actor;
    }
}
