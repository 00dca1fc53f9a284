package org.nuage.core.federation.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nuage.core.abuse.Abuse;
import org.nuage.core.abuse.Abuses;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.core.federation.remote.RemoteActorCache;
import org.nuage.core.federation.remote.RemoteActors;

/** Mastodon's Flag: one report per object of ours it names; the others are skipped. */
class FlagHandlingTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);

    /** The reporter as the inbox left it in the cache when it checked the Flag's signature. */
    private static RemoteActors reporterCached(String actor) {
        RemoteActor reporter = new RemoteActor(actor, "Application", actor + "/inbox", Optional.empty(), actor + "#main-key",
                "-----BEGIN PUBLIC KEY-----", "actor", Optional.empty(), Optional.empty());
        RemoteActorCache cache = new RemoteActorCache() {
            @Override
            public Optional<Cached> find(String actorId) {
                return Optional.of(new Cached(reporter, CLOCK.instant()));
            }

            @Override
            public void save(RemoteActor actor, Instant fetchedAt) {
                throw new AssertionError("nothing is fetched for a Flag");
            }
        };
        return new RemoteActors(null, uri -> Map.of(), cache, CLOCK);
    }

    @Test
    void mastodonFlagOfAnAccountAndTwoPostsReportsTheOnePostThatIsACommentOfOurs() {
        ObjectNode flag = Fixtures.json(Fixtures.MASTODON + "activities/flag.json");
        // The fixture's placeholder host plays our instance; its second post is a comment under one of our videos.
        OwnerChecksTest.StoredComment comments = new OwnerChecksTest.StoredComment("https://example.com/posts/380590",
                "https://elsewhere.example/users/x");
        List<Abuse> stored = new ArrayList<>();
        Abuses abuses = new Abuses() {
            @Override
            public boolean saveIfNew(Abuse abuse) {
                boolean fresh = stored.stream().noneMatch(a -> a.id().equals(abuse.id()));
                if (fresh) {
                    stored.add(abuse);
                }
                return fresh;
            }

            @Override
            public List<Abuse> all() {
                return stored;
            }
        };
        FlagHandling handling = new FlagHandling(new OurVideos(null, URI.create("https://example.com")), comments,
                null, abuses, reporterCached(flag.path("actor").asText()), URI.create("https://example.com"), CLOCK);
        handling.flagged(Fixtures.envelope(flag), flag);
        handling.flagged(Fixtures.envelope(flag), flag);

        assertEquals(1, stored.size(), "one report for the one object of ours, once however often it is applied");
        Abuse abuse = stored.get(0);
        assertEquals(new Abuse.Target(Abuse.Kind.COMMENT, "https://example.com/posts/380590", "v1"), abuse.target());
        assertEquals("Please take a look at this user and their posts", abuse.reason());
        assertEquals("https://mastodon.example/actor", abuse.reporter());
        assertEquals("actor@mastodon.example", abuse.reporterHandle());
        assertEquals(flag.path("id").asText(), abuse.flagId());
    }
}
