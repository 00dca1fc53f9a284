package org.nuage.core.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nuage.core.Refusal;
import org.nuage.core.federation.VideoFederation;
import org.nuage.core.federation.VideoObjects;
import org.nuage.core.federation.delivery.Delivery;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.follow.Follower;
import org.nuage.core.federation.follow.Followers;
import org.nuage.core.federation.index.RemoteVideo;
import org.nuage.core.federation.index.RemoteVideos;
import org.nuage.core.federation.remote.RemoteActor;
import org.nuage.core.federation.remote.RemoteActorCache;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.json.Json;
import org.nuage.core.queue.WorkQueue;
import org.nuage.core.video.VideoReactions.ActorRate;
import org.nuage.core.video.VideoReactions.Rate;

class RatingServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    private static final String BASE = "https://nuage.example";
    private static final String UUID = "717c9d87-c912-4943-a392-49fadf2f235d";
    private static final String REMOTE_UUID = "0e04770d-2da5-4ec8-905c-6c8e56e51dbc";
    private static final String VIDEO_URL = BASE + "/videos/watch/" + UUID;
    private static final String FAN = BASE + "/accounts/fan";
    private static final String PEER = "https://peertube.example";

    private final List<Delivery> queued = new ArrayList<>();
    private final Map<String, ActorRate> rates = new HashMap<>();
    /** The videos whose followers were to be told the new counts (ViewsFederation's coalesced Update). */
    private final List<String> countsChanged = new ArrayList<>();
    private Video.Privacy privacy = Video.Privacy.PUBLIC;

    private RatingService service() {
        VideoCatalog catalog = proxy(VideoCatalog.class, (method, args) -> method.equals("find")
                ? Optional.of(new Video(UUID, "root", "root_channel", new Video.VideoMetadata("terre", "", privacy,
                        List.of(), Optional.empty(), Optional.empty(), Optional.empty(), false, true, true),
                        Video.State.PUBLISHED, Optional.empty(), 0, Optional.empty(), CLOCK.instant()))
                        .filter(v -> v.uuid().equals(args[0]))
                : null);
        RemoteVideo remote = new RemoteVideo(PEER + "/videos/watch/" + REMOTE_UUID, PEER + "/w/x", REMOTE_UUID,
                new Video.VideoMetadata("ailleurs", "", Video.Privacy.PUBLIC, List.of(), Optional.empty(),
                        Optional.empty(), Optional.empty(), false, true, true), 10, Optional.empty(),
                PEER + "/accounts/carol", PEER + "/video-channels/carol_channel", CLOCK.instant(), CLOCK.instant(),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty());
        RemoteVideos remoteVideos = proxy(RemoteVideos.class, (method, args) -> method.equals("findByUuid")
                ? Optional.of(remote).filter(v -> v.uuid().equals(args[0])) : null);
        // Two followers of the account and channel share one server's inbox; a third is elsewhere.
        Followers followers = proxy(Followers.class, (method, args) -> switch (String.valueOf(args[0])) {
            case BASE + "/accounts/root" -> List.of(follower("https://a.example/users/ann", "https://a.example/inbox"));
            case BASE + "/video-channels/root_channel" -> List.of(
                    follower("https://a.example/users/bob", "https://a.example/inbox"),
                    follower("https://m.example/users/max", "https://m.example/inbox"));
            default -> List.of();
        });
        RemoteActor carol = new RemoteActor(PEER + "/accounts/carol", "Person", PEER + "/accounts/carol/inbox",
                Optional.of(PEER + "/inbox"), PEER + "/accounts/carol#main-key", "", "carol", Optional.empty(),
                Optional.empty());
        RemoteActors actors = new RemoteActors(null, u -> Map.of(), new RemoteActorCache() {
            @Override
            public Optional<Cached> find(String actorId) {
                return Optional.of(new Cached(carol, CLOCK.instant())).filter(c -> c.actor().id().equals(actorId));
            }

            @Override
            public void save(RemoteActor actor, Instant fetchedAt) {
            }
        }, CLOCK);
        WorkQueue queue = (name, body) -> queued.add(Json.read(body, Delivery.class));
        OutboundService outbound = new OutboundService(queue, null, null, null, CLOCK);
        VideoObjects objects = new VideoObjects(null, null, URI.create(BASE));
        return new RatingService(catalog, remoteVideos, reactions(), objects,
                new VideoFederation(objects, followers, outbound), actors, outbound, video -> countsChanged.add(video.uuid()));
    }

    private VideoReactions reactions() {
        return proxy(VideoReactions.class, (method, args) -> {
            String key = args[0] + " " + args[1];
            return switch (method) {
                case "rateOf" -> Optional.ofNullable(rates.get(key));
                case "rate" -> {
                    ActorRate old = rates.get(key);
                    rates.put(key, new ActorRate((Rate) args[2], (String) args[3]));
                    yield old == null || old.rate() != args[2];
                }
                case "unrate" -> rates.remove(key) != null;
                default -> throw new AssertionError(method);
            };
        });
    }

    private static Follower follower(String actor, String inbox) {
        return new Follower("", actor, inbox, actor + "/follow", CLOCK.instant());
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.util.function.BiFunction<String, Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> answer.apply(method.getName(), args));
    }

    private List<JsonNode> sent(String type) {
        return queued.stream().map(d -> Json.tree(d.activity())).filter(a -> a.path("type").asText().equals(type)).toList();
    }

    @Test
    void aLikeOfOurVideoGoesFromTheUsersAccountToTheFollowersOfItsAccountAndChannelOncePerServer() {
        service().rate("fan", UUID, "like");
        assertEquals(List.of(UUID), countsChanged, "the video's followers are to get its new counts");

        assertEquals(List.of("https://a.example/inbox", "https://m.example/inbox"),
                queued.stream().map(Delivery::inbox).toList());
        assertTrue(queued.stream().allMatch(d -> d.signer().equals(FAN)), "signed by the user's account");
        JsonNode like = sent("Like").getFirst();
        assertEquals(FAN, like.path("actor").asText());
        assertEquals(VIDEO_URL, like.path("object").asText());
        assertTrue(like.path("id").asText().startsWith(FAN + "/likes/" + UUID + "/"), like.toString());
        // PeerTube's audience of a public video: the public, with the account's followers in copy.
        assertEquals("https://www.w3.org/ns/activitystreams#Public", like.path("to").path(0).asText());
        assertEquals(BASE + "/accounts/root/followers", like.path("cc").path(0).asText());
        assertEquals(like.path("id").asText(), rates.get(UUID + " " + FAN).activityId(), "kept for the Undo");
    }

    @Test
    void switchingToADislikeUndoesTheLikeByItsIdFirstAndEachRateHasItsOwnId() {
        RatingService service = service();
        service.rate("fan", UUID, "like");
        String likeId = sent("Like").getFirst().path("id").asText();
        queued.clear();

        service.rate("fan", UUID, "dislike");
        assertEquals(List.of("Undo", "Undo", "Dislike", "Dislike"),
                queued.stream().map(d -> Json.tree(d.activity()).path("type").asText()).toList());
        JsonNode undo = sent("Undo").getFirst();
        assertEquals(likeId + "/undo", undo.path("id").asText());
        assertEquals(FAN, undo.path("actor").asText());
        assertEquals("Like", undo.path("object").path("type").asText());
        assertEquals(likeId, undo.path("object").path("id").asText());
        assertEquals(VIDEO_URL, undo.path("object").path("object").asText());
        assertTrue(sent("Dislike").getFirst().path("id").asText().startsWith(FAN + "/dislikes/" + UUID + "/"));
        queued.clear();

        service.rate("fan", UUID, "like");
        String again = sent("Like").getFirst().path("id").asText();
        assertTrue(!again.equals(likeId), "a new like has a new id, so receivers that drop seen ids take it");
    }

    @Test
    void noneTakesTheRateBackAndARatingTheUserAlreadyHasSendsNothing() {
        RatingService service = service();
        service.rate("fan", UUID, "none");
        assertEquals(List.of(), queued, "nothing to take back");
        service.rate("fan", UUID, "like");
        queued.clear();
        service.rate("fan", UUID, "like");
        assertEquals(List.of(), queued);
        assertEquals("like", service.ratingOf("fan", UUID));

        service.rate("fan", UUID, "none");
        assertEquals(List.of("Undo", "Undo"), queued.stream().map(d -> Json.tree(d.activity()).path("type").asText()).toList());
        assertEquals("none", service.ratingOf("fan", UUID));
    }

    @Test
    void aRateOfARemoteVideoGoesToItsAccountsServerAddressedToTheAccountAlone() {
        RatingService service = service();
        service.rate("fan", ShortUuid.of(REMOTE_UUID), "dislike");
        assertEquals(List.of(), countsChanged, "the origin counts a remote video's rates, not us");

        assertEquals(List.of(PEER + "/inbox"), queued.stream().map(Delivery::inbox).toList());
        JsonNode dislike = sent("Dislike").getFirst();
        assertEquals(PEER + "/videos/watch/" + REMOTE_UUID, dislike.path("object").asText());
        assertEquals(List.of(PEER + "/accounts/carol"), Json.read(dislike.path("to").toString(), List.class));
        assertEquals(0, dislike.path("cc").size());
        assertEquals("dislike", service.ratingOf("fan", REMOTE_UUID));
        assertEquals(Optional.of(dislike.path("id").asText()),
                service.activity("fan", REMOTE_UUID, dislike.path("id").asText()).map(a -> String.valueOf(a.get("id"))),
                "its id resolves while it stands");
    }

    @Test
    void aPrivateVideoIsRatedByItsOwnerButNotFederated() {
        privacy = Video.Privacy.PRIVATE;
        RatingService service = service();
        assertEquals(404, assertThrows(Refusal.class, () -> service.rate("fan", UUID, "like")).status());
        service.rate("root", UUID, "like");
        assertEquals(List.of(), queued);
        assertEquals("like", service.ratingOf("root", UUID));
    }

    @Test
    void anUnknownVideoIsNotFoundAndAnUnknownRatingABadRequest() {
        RatingService service = service();
        assertEquals(400, assertThrows(Refusal.class, () -> service.rate("fan", UUID, "love")).status());
        assertEquals(404, assertThrows(Refusal.class,
                () -> service.rate("fan", "9b1c8a3e-0000-4000-8000-000000000000", "like")).status());
        assertEquals(404, assertThrows(Refusal.class, () -> service.rate("fan", "not a video", "like")).status());
        assertEquals(List.of(), queued);
        assertTrue(rates.isEmpty());
    }
}
