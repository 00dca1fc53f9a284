package org.nuage.core.federation.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nuage.core.federation.InboundService;
import org.nuage.core.federation.InboxEnvelope;
import org.nuage.core.federation.InboxStore;
import org.nuage.core.federation.ReceivedActivity;
import org.nuage.core.federation.inbound.InboundRoutes.Route;

/** Which route of the dispatch table real activities from PeerTube and Mastodon take. */
class InboundRoutesTest {

    /** The table over {@code store}; none of the services behind it is called here. */
    private static InboundService service(InboxStore store) {
        return new InboundService(store, null, null, null,
                new CommentHandling(null, null, null, null, null, null, null, java.net.URI.create("https://nuage.example"),
                        "https://nuage.example/accounts/peertube", Clock.systemUTC()),
                new ActorHandling(null, null, null, null),
                new VideoReactionHandling(null, null, v -> { }, Clock.systemUTC()),
                new FlagHandling(null, null, null, null, null, java.net.URI.create("https://nuage.example"), Clock.systemUTC()),
                new org.nuage.core.federation.FollowedActorsHandler(null, null), Clock.systemUTC());
    }

    private static final List<Route> TABLE = service(null).routes();

    private static Route routeOf(String fixture) {
        return InboundRoutes.routeOf(Fixtures.json(fixture));
    }

    @Test
    void mastodonLikeAndItsUndoAreRoutedByTheLikedObjectsIdAndTheEmbeddedLike() {
        assertEquals(new Route("Like", InboundRoutes.BY_ID), routeOf(Fixtures.MASTODON + "activities/like_page.json"));
        assertEquals(new Route("Undo", "Like"), routeOf(Fixtures.MASTODON + "activities/undo_like_page.json"));
        assertTrue(TABLE.contains(new Route("Like", InboundRoutes.BY_ID)));
        assertTrue(TABLE.contains(new Route("Undo", "Like")));
        assertTrue(TABLE.contains(new Route("Dislike", InboundRoutes.BY_ID)), "PeerTube sends Dislike");
        assertTrue(TABLE.contains(new Route("Undo", "Dislike")));
    }

    @Test
    void mastodonDeleteOfAStatusIsADeleteOfATombstone() {
        assertEquals(new Route("Delete", "Tombstone"), routeOf(Fixtures.MASTODON + "activities/delete.json"));
        assertTrue(TABLE.contains(new Route("Delete", "Tombstone")));
    }

    @Test
    void peerTubeViewAnnounceAndDeleteNameTheirObjectByItsId() {
        assertEquals(new Route("View", InboundRoutes.BY_ID), routeOf(Fixtures.PEERTUBE_DEV + "video_view.json"));
        assertEquals(new Route("Announce", InboundRoutes.BY_ID), routeOf(Fixtures.PEERTUBE + "activities/announce_video.json"));
        assertEquals(new Route("Delete", InboundRoutes.BY_ID), routeOf(Fixtures.PEERTUBE_DEV + "video_delete.json"));
        assertTrue(TABLE.containsAll(List.of(new Route("View", InboundRoutes.BY_ID),
                new Route("Announce", InboundRoutes.BY_ID), new Route("Delete", InboundRoutes.BY_ID))));
    }

    @Test
    void createOfAMastodonReplyIsACreateOfANote() {
        assertEquals(new Route("Create", "Note"), routeOf(Fixtures.MASTODON + "activities/create_note.json"));
        assertTrue(TABLE.contains(new Route("Create", "Note")));
    }

    @Test
    void aFlagOfSeveralObjectsTakesTheTypeOfTheFirst() {
        assertEquals(new Route("Flag", InboundRoutes.BY_ID), routeOf(Fixtures.MASTODON + "activities/flag.json"));
        assertTrue(TABLE.contains(new Route("Flag", InboundRoutes.BY_ID)));
    }

    @Test
    void peerTubesVideoUpdatesAndTheAcceptOfOurFollowHaveTheirRoutes() {
        assertEquals(new Route("Update", "Video"), routeOf(Fixtures.PEERTUBE_DEV + "video_update.json"));
        assertEquals(new Route("Accept", "Follow"), routeOf(Fixtures.PEERTUBE_DEV + "accept.json"));
        assertEquals(new Route("Announce", InboundRoutes.BY_ID),
                routeOf(Fixtures.PEERTUBE_DEV + "video_creation_channel_announce.json"));
        assertTrue(TABLE.containsAll(List.of(new Route("Create", "Video"), new Route("Update", "Video"),
                new Route("Accept", "Follow"), new Route("Reject", "Follow"), new Route("Announce", "Video"))));
    }

    @Test
    void updatesAndDeletesOfEveryActorTypeHaveARoute() {
        for (String type : InboundRoutes.ACTORS) {
            assertTrue(TABLE.contains(new Route("Update", type)), type);
            assertTrue(TABLE.contains(new Route("Delete", type)), type);
        }
    }

    @Test
    void anActivityWithoutARouteIsAcknowledged() {
        // Mastodon sends Block when a user blocks one of ours; nothing here applies it.
        String block = "{\"id\":\"https://mastodon.madrid/blocks/1\",\"type\":\"Block\","
                + "\"actor\":\"https://mastodon.madrid/users/felix\",\"object\":\"https://nuage.example/accounts/bob\"}";
        List<String> processed = new ArrayList<>();
        InboxStore store = new InboxStore() {
            @Override
            public boolean recordIfNew(ReceivedActivity activity) {
                throw new AssertionError("the worker records nothing new");
            }

            @Override
            public void forget(String activityId) {
                throw new AssertionError("the worker forgets nothing");
            }

            @Override
            public Optional<ReceivedActivity> find(String activityId) {
                return Optional.of(new ReceivedActivity(activityId, "Block", "https://mastodon.madrid/users/felix",
                        "/inbox", block.getBytes(StandardCharsets.UTF_8), Instant.EPOCH, Optional.empty()));
            }

            @Override
            public void markProcessed(String activityId, Instant at) {
                processed.add(activityId);
            }
        };
        assertFalse(TABLE.contains(new Route("Block", InboundRoutes.BY_ID)));
        InboundService service = service(store);
        InboxEnvelope envelope = new InboxEnvelope("https://mastodon.madrid/blocks/1", "Block",
                "https://mastodon.madrid/users/felix", "/inbox", Instant.EPOCH);
        service.apply(envelope);
        service.apply(envelope);
        assertEquals(List.of("https://mastodon.madrid/blocks/1", "https://mastodon.madrid/blocks/1"), processed);
    }

    @Test
    void aRouteCannotBeGivenTwoHandlings() {
        InboundRoutes routes = new InboundRoutes().on("Like", InboundRoutes.BY_ID, (e, a) -> { });
        assertThrows(IllegalStateException.class, () -> routes.on("Like", InboundRoutes.BY_ID, (e, a) -> { }));
    }
}
