package org.nuage.core.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nuage.core.account.AccountService;
import org.nuage.core.account.AvatarService;
import org.nuage.core.account.MemoryAccountStore;
import org.nuage.core.account.MemoryObjectStore;
import org.nuage.core.account.PasswordHasher;
import org.nuage.core.federation.actor.ActorDirectory;
import org.nuage.core.federation.actor.ActorKeyPair;
import org.nuage.core.federation.actor.ActorKeyring;
import org.nuage.core.federation.actor.ActorKeys;
import org.nuage.core.federation.delivery.BreakerPolicy;
import org.nuage.core.federation.delivery.Delivery;
import org.nuage.core.federation.delivery.DomainBreaker;
import org.nuage.core.federation.delivery.MemoryBreakerStates;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.follow.Follower;
import org.nuage.core.federation.follow.Followers;
import org.nuage.core.federation.signature.RequestSigner;
import org.nuage.core.json.Json;
import org.nuage.core.net.AddressPolicy;
import org.nuage.core.net.SafeHttp;
import org.nuage.core.net.SafeUrls;
import org.nuage.core.queue.WorkQueue;

class ActorFederationTest {

    private static final String BASE = "https://nuage.example";

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    private final MemoryAccountStore store = new MemoryAccountStore();
    private final MemoryObjectStore media = new MemoryObjectStore();
    private final List<Follower> followers = new ArrayList<>();
    private final List<String> queued = new ArrayList<>();
    private AvatarService avatars;
    private ActorDirectory actors;
    private ActorFederation federation;

    @BeforeEach
    void instance() {
        AccountService accounts = new AccountService(store, new PasswordHasher(4),
                new AccountService.Policy(true, -1, Optional.empty()), clock);
        accounts.register(new AccountService.Registration("alice", "secret-enough", "alice@example.org", "Alice", null, null));
        avatars = new AvatarService(accounts, store, media, clock);
        Map<String, ActorKeyPair> pairs = new ConcurrentHashMap<>();
        ActorKeys keys = new ActorKeys() {
            @Override
            public Optional<ActorKeyPair> find(String actorUrl) {
                return Optional.ofNullable(pairs.get(actorUrl));
            }

            @Override
            public boolean create(String actorUrl, ActorKeyPair pair) {
                return pairs.putIfAbsent(actorUrl, pair) == null;
            }
        };
        actors = new ActorDirectory(accounts, new ActorKeyring(keys, new RequestSigner(clock)), URI.create(BASE), media);
        Followers followed = new Followers() {
            @Override
            public void add(Follower follower) {
                followers.add(follower);
            }

            @Override
            public void remove(String target, String actor) {
            }

            @Override
            public List<Follower> of(String target) {
                return followers.stream().filter(f -> f.target().equals(target)).toList();
            }

            @Override
            public List<String> followedBy(String actor) {
                return List.of();
            }
        };
        WorkQueue queue = (name, body) -> queued.add(body);
        OutboundService outbound = new OutboundService(queue, new ActorKeyring(keys, new RequestSigner(clock)),
                new SafeHttp(new SafeUrls(new AddressPolicy(false), SafeUrls.SYSTEM_DNS), Duration.ofSeconds(1),
                        Duration.ofSeconds(1), 1024, "test"),
                new DomainBreaker(new MemoryBreakerStates(), BreakerPolicy.DEFAULT, clock), clock);
        federation = new ActorFederation(actors, followed, outbound, clock);
    }

    @Test
    void anAvatarIsTheActorsIconListLargestFirst() throws Exception {
        assertFalse(actors.account("alice").containsKey("icon"), "no icon without an avatar");
        avatars.pickAccountAvatar("alice", png());
        JsonNode icon = Json.tree(Json.write(actors.account("alice"))).path("icon");
        assertEquals(3, icon.size());
        assertEquals("Image", icon.path(0).path("type").asText());
        assertEquals("image/jpeg", icon.path(0).path("mediaType").asText());
        assertEquals(600, icon.path(0).path("width").asInt());
        assertEquals(600, icon.path(0).path("height").asInt());
        assertTrue(icon.path(0).path("url").asText().matches("https://media\\.example/avatars/[0-9a-f-]{36}-600\\.jpg"),
                icon.toString());
        assertEquals(48, icon.path(2).path("width").asInt());
        assertTrue(Json.tree(Json.write(actors.channel("alice_channel"))).path("icon").isMissingNode(),
                "the channel has its own avatar, none yet");
    }

    @Test
    void anUpdateOfTheWholeActorGoesToEachFollowerInboxOnce() throws Exception {
        assertEquals(0, federation.accountUpdated("alice"), "nobody to tell");
        assertTrue(queued.isEmpty());
        String account = BASE + "/accounts/alice";
        Instant since = clock.instant();
        followers.add(new Follower(account, "https://a.example/users/ann", "https://a.example/inbox", "f1", since));
        followers.add(new Follower(account, "https://a.example/users/bea", "https://a.example/inbox", "f2", since));
        followers.add(new Follower(account, "https://b.example/users/cy", "https://b.example/users/cy/inbox", "f3", since));
        avatars.pickAccountAvatar("alice", png());

        assertEquals(2, federation.accountUpdated("alice"));
        assertEquals(2, queued.size(), "one message per distinct inbox");
        Delivery delivery = Json.read(queued.getFirst(), Delivery.class);
        assertEquals(account, delivery.signer());
        JsonNode update = Json.tree(delivery.activity());
        assertEquals("Update", update.path("type").asText());
        assertEquals(account, update.path("actor").asText());
        assertEquals(account + "/updates/2026-12-07T12:00:00Z", update.path("id").asText());
        assertEquals("https://www.w3.org/ns/activitystreams", update.path("@context").path(0).asText());
        assertEquals("Person", update.path("object").path("type").asText());
        assertTrue(update.path("object").path("@context").isMissingNode(), "the context is the activity's");
        assertEquals(600, update.path("object").path("icon").path(0).path("width").asInt());
        assertEquals(account + "/followers", update.path("cc").path(0).asText());
    }

    private static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
