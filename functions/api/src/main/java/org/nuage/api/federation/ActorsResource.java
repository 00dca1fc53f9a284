package org.nuage.api.federation;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nuage.api.web.ActorPages;
import org.nuage.api.web.WebSession;
import org.nuage.core.Refusal;
import org.nuage.core.comment.CommentService;
import org.nuage.core.comment.Comments;
import org.nuage.core.federation.VideoObjects;
import org.nuage.core.federation.actor.ActorDirectory;
import org.nuage.core.federation.follow.Follower;
import org.nuage.core.federation.follow.Followers;
import org.nuage.core.federation.follow.Subscription;
import org.nuage.core.federation.follow.Subscriptions;
import org.nuage.core.video.RatingService;
import org.nuage.core.video.ShortUuid;
import org.nuage.core.video.VideoCatalog;
import org.nuage.core.video.VideoReactions;

/**
 * The actors' URLs. ActivityPub servers ask for JSON ({@code application/activity+json} or
 * {@code application/ld+json; profile="https://www.w3.org/ns/activitystreams"}) and get the actor;
 * browsers following the same link get a page.
 */
@Path("/")
public class ActorsResource {

    /** What ActivityPub answers carry; Mastodon checks for it. */
    static final String ACTIVITY_JSON = "application/activity+json; charset=utf-8";

    /** Actors per collection page (followers, following), as PeerTube pages its collections. */
    static final int PAGE_SIZE = 50;

    private final ActorDirectory actors;
    private final Followers followers;
    private final VideoObjects videoObjects;
    private final VideoCatalog videos;
    private final Comments comments;
    private final CommentService commentService;
    private final VideoReactions reactions;
    private final RatingService ratings;
    private final Subscriptions subscriptions;
    private final ActorPages pages;
    private final WebSession session;

    public ActorsResource(ActorDirectory actors, Followers followers, VideoObjects videoObjects, VideoCatalog videos,
            Comments comments, CommentService commentService, VideoReactions reactions, Subscriptions subscriptions,
            ActorPages pages, WebSession session, RatingService ratings) {
        this.ratings = ratings;
        this.pages = pages;
        this.session = session;
        this.subscriptions = subscriptions;
        this.actors = actors;
        this.followers = followers;
        this.videoObjects = videoObjects;
        this.videos = videos;
        this.comments = comments;
        this.commentService = commentService;
        this.reactions = reactions;
    }

    /** A comment written here, as the Note other servers fetch (remote comments live on their own servers). */
    @GET
    @Path("videos/watch/{uuid}/comments/{commentId}")
    public Response comment(@PathParam("uuid") String id, @PathParam("commentId") String commentId,
            @HeaderParam("Accept") String accept) {
        Map<String, Object> note = ShortUuid.resolve(id).flatMap(videos::find).flatMap(videoObjects::video)
                .flatMap(v -> comments.of(String.valueOf(v.get("uuid"))).stream()
                        .filter(c -> c.local() && c.id().equals(commentId)).findFirst())
                .map(commentService::note)
                .orElseThrow(() -> Refusal.notFound("no comment " + commentId));
        return answer(note, accept);
    }

    /**
     * A video's page, and its ActivityPub Video object for servers. Private videos and videos not
     * yet published are not found, whoever asks: federation has no notion of a signed-in owner.
     */
    @GET
    @Path("videos/watch/{uuid}")
    public Response video(@PathParam("uuid") String id, @HeaderParam("Accept") String accept,
            @CookieParam(WebSession.SESSION_COOKIE) String cookie) {
        if (!wantsActivityJson(accept)) {
            return pages.watch(id, session.viewer(cookie));
        }
        Map<String, Object> video = ShortUuid.resolve(id).flatMap(videos::find)
                .flatMap(v -> videoObjects.video(v, reactions.counters(v.uuid()).views()))
                .orElseThrow(() -> Refusal.notFound("no video " + id));
        return answer(video, accept);
    }

    /**
     * A like or dislike by one of our accounts, at its id ({@code {account}/likes/{video uuid}/{n}}),
     * while it stands: PeerTube's rate ids resolve the same way.
     */
    @GET
    @Path("accounts/{name}/{kind: likes|dislikes}/{uuid}/{n}")
    public Response rate(@PathParam("name") String name, @PathParam("kind") String kind, @PathParam("uuid") String uuid,
            @PathParam("n") String n, @HeaderParam("Accept") String accept) {
        String activityId = videoObjects.accountUrl(name) + "/" + kind + "/" + uuid + "/" + n;
        Map<String, Object> activity = ratings.activity(name, uuid, activityId)
                .orElseThrow(() -> Refusal.notFound("no " + kind.substring(0, kind.length() - 1) + " " + activityId));
        return answer(activity, accept);
    }

    /**
     * How many like or dislike the video: PeerTube's followers read {@code totalItems} when they
     * learn of a change, and only that, so the collection lists no items (rates of remote actors are
     * kept by actor, not by activity).
     */
    @GET
    @Path("videos/watch/{uuid}/{kind: likes|dislikes}")
    public Response rates(@PathParam("uuid") String id, @PathParam("kind") String kind) {
        String uuid = ShortUuid.resolve(id).flatMap(videos::find).flatMap(videoObjects::video)
                .map(v -> String.valueOf(v.get("uuid"))).orElseThrow(() -> Refusal.notFound("no video " + id));
        VideoReactions.Counters counters = reactions.counters(uuid);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@context", "https://www.w3.org/ns/activitystreams");
        json.put("id", videoObjects.videoUrl(uuid) + "/" + kind);
        json.put("type", "OrderedCollection");
        json.put("totalItems", kind.equals("likes") ? counters.likes() : counters.dislikes());
        return Response.ok(json).type(ACTIVITY_JSON).build();
    }

    /** Who shared the video: the ids of their Announces, as PeerTube's video shares collection lists them. */
    @GET
    @Path("videos/watch/{uuid}/announces")
    public Response announces(@PathParam("uuid") String id, @QueryParam("page") Integer page) {
        String uuid = ShortUuid.resolve(id).flatMap(videos::find).flatMap(videoObjects::video)
                .map(v -> String.valueOf(v.get("uuid"))).orElseThrow(() -> Refusal.notFound("no video " + id));
        return collection(videoObjects.videoUrl(uuid) + "/announces",
                reactions.shares(uuid).stream().map(VideoReactions.Share::announceId).toList(), page);
    }

    @GET
    @Path("accounts/{name}/followers")
    public Response accountFollowers(@PathParam("name") String name, @QueryParam("page") Integer page) {
        return followers(String.valueOf(actors.account(name).get("id")), page);
    }

    @GET
    @Path("video-channels/{name}/followers")
    public Response channelFollowers(@PathParam("name") String name, @QueryParam("page") Integer page) {
        return followers(String.valueOf(actors.channel(name).get("id")), page);
    }

    /** Whom an account follows (the instance actor: the servers it follows), accepted follows only. */
    @GET
    @Path("accounts/{name}/following")
    public Response accountFollowing(@PathParam("name") String name, @QueryParam("page") Integer page) {
        String actorUrl = String.valueOf(actors.account(name).get("id"));
        return collection(actorUrl + "/following", subscriptions.of(actorUrl).stream().filter(Subscription::isAccepted)
                .map(Subscription::target).toList(), page);
    }

    /** Channels follow nobody; PeerTube serves the same empty collection. */
    @GET
    @Path("video-channels/{name}/following")
    public Response channelFollowing(@PathParam("name") String name, @QueryParam("page") Integer page) {
        return collection(actors.channel(name).get("id") + "/following", List.of(), page);
    }

    private Response followers(String actorUrl, Integer page) {
        return collection(actorUrl + "/followers", followers.of(actorUrl).stream().map(Follower::actor).toList(), page);
    }

    /**
     * A paged {@code OrderedCollection}: the collection says how many and where the first page is;
     * each page lists up to {@value #PAGE_SIZE} ids.
     */
    private static Response collection(String id, List<String> all, Integer page) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@context", "https://www.w3.org/ns/activitystreams");
        if (page == null) {
            json.put("id", id);
            json.put("type", "OrderedCollection");
            json.put("totalItems", all.size());
            json.put("first", id + "?page=1");
        } else {
            if (page < 1) {
                throw Refusal.badRequest("page starts at 1");
            }
            json.put("id", id + "?page=" + page);
            json.put("type", "OrderedCollectionPage");
            json.put("partOf", id);
            json.put("totalItems", all.size());
            json.put("orderedItems", all.stream().skip((long) (page - 1) * PAGE_SIZE).limit(PAGE_SIZE).toList());
            if ((long) page * PAGE_SIZE < all.size()) {
                json.put("next", id + "?page=" + (page + 1));
            }
        }
        return Response.ok(json).type(ACTIVITY_JSON).build();
    }

    @GET
    @Path("accounts/{name}")
    public Response account(@PathParam("name") String name, @HeaderParam("Accept") String accept,
            @CookieParam(WebSession.SESSION_COOKIE) String cookie) {
        Map<String, Object> account = actors.account(name);
        if (!wantsActivityJson(accept) && !ActorDirectory.INSTANCE_ACTOR.equals(name)) {
            return pages.account(name, session.viewer(cookie));
        }
        return answer(account, accept);
    }

    @GET
    @Path("video-channels/{name}")
    public Response channel(@PathParam("name") String name, @HeaderParam("Accept") String accept,
            @CookieParam(WebSession.SESSION_COOKIE) String cookie) {
        Map<String, Object> channel = actors.channel(name);
        if (!wantsActivityJson(accept)) {
            return pages.channel(name, session.viewer(cookie));
        }
        return answer(channel, accept);
    }

    /** Whether the client asked for ActivityStreams rather than a page. */
    static boolean wantsActivityJson(String accept) {
        if (accept == null) {
            return false;
        }
        String value = accept.toLowerCase(Locale.ROOT);
        return value.contains("application/activity+json") || value.contains("application/ld+json");
    }

    /**
     * The object as ActivityStreams JSON for servers; for browsers, a plain page with its name,
     * handle and text that links to the JSON (the instance actor has no page of its own).
     */
    private static Response answer(Map<String, Object> object, String accept) {
        if (wantsActivityJson(accept)) {
            return Response.ok(object).type(ACTIVITY_JSON).header("Vary", "Accept").build();
        }
        String name = html(String.valueOf(object.getOrDefault("name", object.get("type"))));
        Object text = object.containsKey("summary") ? object.get("summary") : object.get("content");
        String handle = object.get("preferredUsername") == null ? ""
                : "<p>@" + html(String.valueOf(object.get("preferredUsername"))) + "</p>";
        String page = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + name + "</title>"
                + "<link rel=\"alternate\" type=\"application/activity+json\" href=\"" + html(String.valueOf(object.get("id"))) + "\">"
                + "</head><body><h1>" + name + "</h1>" + handle
                + "<p>" + (text == null ? "" : html(String.valueOf(text))) + "</p></body></html>\n";
        return Response.ok(page).type("text/html; charset=utf-8").header("Vary", "Accept").build();
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
