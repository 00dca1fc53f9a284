package org.nuage.core.federation.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nuage.core.comment.Comment;
import org.nuage.core.comment.Comments;
import org.nuage.core.federation.follow.Follower;
import org.nuage.core.federation.follow.Followers;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.core.federation.remote.RemoteActorCache;
import org.nuage.core.json.Json;
import org.nuage.core.video.VideoReactions;

/**
 * Updates, deletions and undos are applied only when their actor owns what they name. A refused
 * attempt must write nothing: the ports here fail the test on any write.
 */
class OwnerChecksTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);
    private static final URI BASE = URI.create("https://nuage.example");

    /** The comments port with one stored comment; every write is recorded. */
    static final class StoredComment implements Comments {
        final Comment comment;
        final List<String> writes = new ArrayList<>();

        StoredComment(String url, String author) {
            comment = new Comment("c1", url, "v1", BASE + "/videos/watch/v1", "c1", Optional.empty(), author,
                    "someone@elsewhere", "original text", Instant.parse("2026-11-25T00:00:00Z"), false, Optional.empty());
        }

        @Override
        public boolean saveIfNew(Comment c) {
            writes.add("save " + c.url());
            return false;
        }

        @Override
        public Optional<Comment> byUrl(String url) {
            return Optional.of(comment).filter(c -> c.url().equals(url));
        }

        @Override
        public List<Comment> of(String videoUuid) {
            return List.of(comment);
        }

        @Override
        public void update(Comment c) {
            writes.add("update " + c.url() + " text=" + c.text() + " deleted=" + c.deleted());
        }

        @Override
        public void removeFromThreads(Comment c) {
            writes.add("remove " + c.url());
        }

        @Override
        public List<Comment> byAuthor(String actor) {
            return actor.equals(comment.author()) ? List.of(comment) : List.of();
        }
    }

    private static CommentHandling comments(Comments store) {
        return new CommentHandling(null, store, null, null, null, null, null, BASE, BASE + "/accounts/peertube", CLOCK);
    }

    private static final RemoteActorCache UNTOUCHABLE_CACHE = new RemoteActorCache() {
        @Override
        public Optional<Cached> find(String actorId) {
            return Optional.empty();
        }

        @Override
        public void save(RemoteActor actor, Instant fetchedAt) {
            throw new AssertionError("a refused Update reached the actor cache: " + actor.id());
        }
    };

    private static final Followers UNTOUCHABLE_FOLLOWERS = new Followers() {
        @Override
        public void add(Follower follower) {
            throw new AssertionError("a refused activity added a follower");
        }

        @Override
        public void remove(String target, String actor) {
            throw new AssertionError("a refused activity removed the follower " + actor);
        }

        @Override
        public List<Follower> of(String target) {
            return List.of();
        }

        @Override
        public List<String> followedBy(String actor) {
            return List.of(BASE + "/video-channels/main");
        }
    };

    private static final VideoReactions UNTOUCHABLE_REACTIONS = (VideoReactions) java.lang.reflect.Proxy.newProxyInstance(
            VideoReactions.class.getClassLoader(), new Class<?>[] {VideoReactions.class}, (proxy, method, args) -> {
                throw new AssertionError("a refused activity reached the reactions: " + method.getName());
            });

    /** Actor handling that knows no remote actor and may change none. */
    private static ActorHandling noActors(StoredComment comments) {
        return new ActorHandling(null, UNTOUCHABLE_CACHE, UNTOUCHABLE_FOLLOWERS, comments(comments));
    }

    @Test
    void peerTubeDeleteByAnActorWhoDoesNotOwnTheObjectIsRefused() {
        // The hand-edited fixture: actor other_peertube.test, object owned by peertube.test/accounts/root.
        ObjectNode delete = Fixtures.json(Fixtures.PEERTUBE_DEV + "video_delete_not_owner.json");
        StoredComment stored = new StoredComment(delete.path("object").asText(), "http://peertube.test/accounts/root");
        new DeleteHandling(new ActorHandling(null, UNTOUCHABLE_CACHE, UNTOUCHABLE_FOLLOWERS, comments(stored)),
                comments(stored)).deleted(Fixtures.envelope(delete), delete);
        assertEquals(List.of(), stored.writes);
    }

    @Test
    void mastodonDeleteOfAStatusRemovesTheCommentOnlyWhenItsAuthorSendsIt() {
        ObjectNode delete = Fixtures.json(Fixtures.MASTODON + "activities/delete.json");
        String status = delete.path("object").path("id").asText();

        StoredComment byFelix = new StoredComment(status, "https://mastodon.madrid/users/felix");
        ObjectNode forged = delete.deepCopy().put("actor", "https://mastodon.madrid/users/mallory");
        new DeleteHandling(noActors(byFelix), comments(byFelix)).deleted(Fixtures.envelope(forged), forged);
        assertEquals(List.of(), byFelix.writes, "mallory cannot delete felix's comment");

        new DeleteHandling(noActors(byFelix), comments(byFelix)).deleted(Fixtures.envelope(delete), delete);
        assertEquals(List.of("update " + status + " text= deleted=true", "remove " + status), byFelix.writes,
                "no replies: marked deleted and out of the thread");
    }

    @Test
    void updateOfANoteIsRefusedUnlessTheSenderIsTheNoteAndTheCommentAuthor() {
        ObjectNode create = Fixtures.json(Fixtures.MASTODON + "activities/create_note.json");
        String note = create.path("object").path("id").asText();
        StoredComment stored = new StoredComment(note, "https://mastodon.madrid/users/felix");

        ObjectNode byOther = create.deepCopy().put("type", "Update").put("id", note + "#update-1")
                .put("actor", "https://mastodon.madrid/users/mallory");
        comments(stored).updated(Fixtures.envelope(byOther), byOther);
        ObjectNode misattributed = byOther.deepCopy();
        ((ObjectNode) misattributed.path("object")).put("attributedTo", "https://mastodon.madrid/users/mallory");
        comments(stored).updated(Fixtures.envelope(misattributed), misattributed);
        assertEquals(List.of(), stored.writes, "neither another sender nor another attributedTo may edit");

        ObjectNode byAuthor = create.deepCopy().put("type", "Update").put("id", note + "#update-2");
        ((ObjectNode) byAuthor.path("object")).put("content", "<p>edited <b>text</b></p>");
        comments(stored).updated(Fixtures.envelope(byAuthor), byAuthor);
        assertEquals(List.of("update " + note + " text=edited text deleted=false"), stored.writes);
    }

    @Test
    void updateOfAnActorBySomeoneElseIsRefused() {
        ObjectNode person = Fixtures.json(Fixtures.PEERTUBE + "objects/person.json");
        String id = person.path("id").asText();
        ObjectNode update = Json.MAPPER.createObjectNode().put("id", id + "#updates/1").put("type", "Update")
                .put("actor", "https://tilvids.com/video-channels/thelinuxexperiment_channel");
        update.set("object", person);
        // No way to fetch an actor: reaching for one would fail the test. By itself, see SignedInboxTest.
        new ActorHandling(null, UNTOUCHABLE_CACHE, UNTOUCHABLE_FOLLOWERS, null).updated(Fixtures.envelope(update), update);
    }

    @Test
    void deleteOfAnActorBySomeoneElseIsRefused() {
        ObjectNode delete = Json.MAPPER.createObjectNode().put("id", "https://mastodon.madrid/users/mallory#delete")
                .put("type", "Delete").put("actor", "https://mastodon.madrid/users/mallory")
                .put("object", "https://mastodon.madrid/users/felix");
        StoredComment byFelix = new StoredComment("https://mastodon.madrid/users/felix/statuses/1",
                "https://mastodon.madrid/users/felix");
        RemoteActor felix = new RemoteActor("https://mastodon.madrid/users/felix", "Person",
                "https://mastodon.madrid/users/felix/inbox", Optional.empty(), "https://mastodon.madrid/users/felix#main-key",
                "-----BEGIN PUBLIC KEY-----", "felix", Optional.empty(), Optional.empty());
        RemoteActorCache knowsFelix = new RemoteActorCache() {
            @Override
            public Optional<Cached> find(String actorId) {
                return Optional.of(new Cached(felix, CLOCK.instant())).filter(c -> c.actor().id().equals(actorId));
            }

            @Override
            public void save(RemoteActor actor, Instant fetchedAt) {
                throw new AssertionError("a refused Delete reached the actor cache");
            }
        };
        for (RemoteActorCache cache : List.of(UNTOUCHABLE_CACHE, knowsFelix)) {
            ActorHandling actors = new ActorHandling(null, cache, UNTOUCHABLE_FOLLOWERS, comments(byFelix));
            new DeleteHandling(actors, comments(byFelix)).deleted(Fixtures.envelope(delete), delete);
        }
        assertEquals(List.of(), byFelix.writes);
    }

    @Test
    void undoOfALikeByAnotherActorIsRefused() {
        ObjectNode undo = Fixtures.json(Fixtures.MASTODON + "activities/undo_like_page.json")
                .put("actor", "https://mastodon.madrid/users/mallory");
        new VideoReactionHandling(new OurVideos(null, BASE), UNTOUCHABLE_REACTIONS, v -> { }, CLOCK)
                .undoRate(Fixtures.envelope(undo), undo);
    }
}
