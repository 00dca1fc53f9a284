package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.localstack.emulator.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The REST API's entities in the shapes of {@code @peertube/peertube-types} 8.2.3: PeerTube's
 * numeric ids (a video reachable by number, uuid and short uuid; a channel by its {@code
 * channelId} in an upload; comments and threads by number) and every required field of Video,
 * VideoDetails, AccountSummary, VideoChannelSummary, Account, VideoChannel, User and VideoComment
 * present with its JSON kind.
 */
class PeerTubeShapesIT {

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        Api.use(SharedNuage.get());
    }

    /** JSON kinds as PeerTube's types declare them; {@code |null} where PeerTube itself sends null. */
    private static void assertKinds(JsonNode node, String what, String... fieldsAndKinds) {
        for (int i = 0; i < fieldsAndKinds.length; i += 2) {
            String field = fieldsAndKinds[i];
            Set<String> allowed = Set.of(fieldsAndKinds[i + 1].split("\\|"));
            assertTrue(node.has(field), what + " has no " + field + ": " + node);
            JsonNode value = node.get(field);
            String kind = value.isNull() ? "null" : value.isNumber() ? "number" : value.isTextual() ? "string"
                    : value.isBoolean() ? "boolean" : value.isArray() ? "array" : "object";
            assertTrue(allowed.contains(kind), what + "." + field + " is a " + kind + ", not " + allowed + ": " + value);
        }
    }

    private static void assertConstant(JsonNode node, String what, String idKind) {
        assertKinds(node, what, "id", idKind, "label", "string");
    }

    private static void assertActorImages(JsonNode images, String what) {
        for (JsonNode image : images) {
            assertKinds(image, what, "width", "number", "height", "number", "path", "string", "fileUrl", "string",
                    "createdAt", "string", "updatedAt", "string");
        }
    }

    private static void assertSummary(JsonNode actor, String what) {
        assertKinds(actor, what, "id", "number", "name", "string", "displayName", "string", "url", "string",
                "host", "string", "avatars", "array");
        assertActorImages(actor.get("avatars"), what + ".avatars");
    }

    private static void assertAccount(JsonNode account, String what) {
        assertSummary(account, what);
        assertKinds(account, what, "followingCount", "number", "followersCount", "number", "createdAt", "string",
                "description", "string", "updatedAt", "string");
    }

    private static void assertChannel(JsonNode channel, String what) {
        assertSummary(channel, what);
        assertKinds(channel, what, "followingCount", "number", "followersCount", "number", "createdAt", "string",
                "description", "string", "support", "string|null", "isLocal", "boolean", "updatedAt", "string",
                "banners", "array");
    }

    private static void assertVideo(JsonNode video, String what) {
        assertKinds(video, what, "id", "number", "uuid", "string", "shortUUID", "string", "createdAt", "string",
                "updatedAt", "string", "publishedAt", "string", "originallyPublishedAt", "string|null",
                "category", "object", "licence", "object", "language", "object", "privacy", "object",
                "description", "string|null", "truncatedDescription", "string|null", "duration", "number",
                "isLocal", "boolean", "name", "string", "aspectRatio", "number|null", "isLive", "boolean",
                "thumbnailPath", "string|null", "previewPath", "string|null", "thumbnails", "array",
                "embedPath", "string", "url", "string", "views", "number", "viewers", "number", "downloads", "number",
                "likes", "number", "dislikes", "number", "comments", "number", "nsfw", "boolean",
                "nsfwFlags", "number", "nsfwSummary", "string|null", "account", "object", "channel", "object");
        assertConstant(video.get("category"), what + ".category", "number|null");
        assertConstant(video.get("licence"), what + ".licence", "number|null");
        assertConstant(video.get("language"), what + ".language", "string|null");
        assertConstant(video.get("privacy"), what + ".privacy", "number");
        for (JsonNode thumbnail : video.get("thumbnails")) {
            assertKinds(thumbnail, what + ".thumbnails", "width", "number", "height", "number", "aspectRatio", "string",
                    "fileUrl", "string");
        }
    }

    private static void assertDetails(JsonNode video, String what) {
        assertVideo(video, what);
        assertKinds(video, what, "support", "string|null", "tags", "array", "commentsPolicy", "object",
                "downloadEnabled", "boolean", "waitTranscoding", "boolean", "state", "object", "trackerUrls", "array",
                "files", "array", "streamingPlaylists", "array");
        assertConstant(video.get("state"), what + ".state", "number");
        assertConstant(video.get("commentsPolicy"), what + ".commentsPolicy", "number");
        assertAccount(video.get("account"), what + ".account");
        assertChannel(video.get("channel"), what + ".channel");
        for (JsonNode file : video.get("files")) {
            assertFile(file, what + ".files");
        }
        for (JsonNode playlist : video.get("streamingPlaylists")) {
            assertKinds(playlist, what + ".streamingPlaylists", "id", "number", "type", "number",
                    "playlistUrl", "string", "segmentsSha256Url", "string", "redundancies", "array", "files", "array");
            for (JsonNode file : playlist.get("files")) {
                assertFile(file, what + ".streamingPlaylists.files");
                assertKinds(file, what + ".streamingPlaylists.files", "playlistUrl", "string");
            }
        }
    }

    private static void assertFile(JsonNode file, String what) {
        assertKinds(file, what, "id", "number", "resolution", "object", "size", "number", "torrentUrl", "string",
                "torrentDownloadUrl", "string", "fileUrl", "string", "fileDownloadUrl", "string", "fps", "number",
                "magnetUri", "string|null", "hasAudio", "boolean", "hasVideo", "boolean", "storage", "number");
        assertConstant(file.get("resolution"), what + ".resolution", "number");
    }

    private static void assertComment(JsonNode comment, String what) {
        assertKinds(comment, what, "id", "number", "url", "string", "text", "string", "threadId", "number",
                "inReplyToCommentId", "number|null", "videoId", "number", "createdAt", "string", "updatedAt", "string",
                "deletedAt", "string|null", "isDeleted", "boolean", "totalRepliesFromVideoAuthor", "number",
                "totalReplies", "number", "account", "object", "heldForReview", "boolean");
        assertAccount(comment.get("account"), what + ".account");
    }

    @Test
    void theSignedInUserAndTheirChannelsCarryPeerTubesNumbersAndFields() throws Exception {
        String[] user = Api.newUser();
        JsonNode me = Api.getJson("/api/v1/users/me", user[1]);
        assertKinds(me, "User", "id", "number", "username", "string", "email", "string", "pendingEmail", "string|null",
                "emailVerified", "boolean", "emailPublic", "boolean", "nsfwPolicy", "string",
                "nsfwFlagsDisplayed", "number", "nsfwFlagsHidden", "number", "nsfwFlagsBlurred", "number",
                "nsfwFlagsWarned", "number", "autoPlayVideo", "boolean", "autoPlayNextVideo", "boolean",
                "autoPlayNextVideoPlaylist", "boolean", "p2pEnabled", "boolean", "videosHistoryEnabled", "boolean",
                "videoLanguages", "array", "language", "string", "role", "object", "videoQuota", "number",
                "videoQuotaDaily", "number", "theme", "string", "account", "object", "blocked", "boolean",
                "noInstanceConfigWarningModal", "boolean", "noWelcomeModal", "boolean",
                "noAccountSetupWarningModal", "boolean", "createdAt", "string", "pluginAuth", "string|null",
                "lastLoginDate", "string|null", "twoFactorEnabled", "boolean", "newFeaturesInfoRead", "number",
                "specialPlaylists", "array", "videoChannels", "array");
        assertConstant(me.get("role"), "User.role", "number");
        assertAccount(me.get("account"), "User.account");
        JsonNode channel = me.get("videoChannels").get(0);
        assertChannel(channel, "User.videoChannels");
        assertEquals(me.get("account").get("id").asLong(), channel.get("ownerAccountId").asLong());
        assertEquals(me.get("id").asLong(), me.get("account").get("userId").asLong(), "the user's account names it");

        // The account and the channel endpoints give the same numbers, whole.
        JsonNode account = Api.getJson("/api/v1/accounts/" + user[0], null);
        assertAccount(account, "Account");
        assertEquals(me.get("account").get("id").asLong(), account.get("id").asLong());
        JsonNode shown = Api.getJson("/api/v1/video-channels/" + user[0] + "_channel", null);
        assertChannel(shown, "VideoChannel");
        assertAccount(shown.get("ownerAccount"), "VideoChannel.ownerAccount");
        assertEquals(channel.get("id").asLong(), shown.get("id").asLong());

        // A second user gets other numbers; a channel they create gets the next one of channels.
        String[] other = Api.newUser();
        JsonNode otherMe = Api.getJson("/api/v1/users/me", other[1]);
        assertNotEquals(me.get("id").asLong(), otherMe.get("id").asLong());
        HttpResponse<String> created = Api.json("POST", "/api/v1/video-channels", other[1],
                Map.of("name", other[0] + "_music", "displayName", "Music"));
        assertEquals(200, created.statusCode(), created.body());
        long createdId = Api.JSON.readTree(created.body()).path("videoChannel").path("id").asLong();
        assertTrue(createdId > otherMe.get("videoChannels").get(0).get("id").asLong(), created.body());
        assertEquals(createdId, Api.getJson("/api/v1/video-channels/" + other[0] + "_music", null).get("id").asLong());

        // users/{id} is for administrators: the user by number.
        assertEquals(403, Api.send("GET", "/api/v1/users/" + otherMe.get("id").asLong(), user[1], null, null)
                .statusCode());
        String root = Api.JSON.readTree(Api.tokenRequest(Map.of("grant_type", "password", "username", "root",
                "password", SharedNuage.ROOT_PASSWORD)).body()).path("access_token").asText();
        JsonNode byNumber = Api.getJson("/api/v1/users/" + otherMe.get("id").asLong(), root);
        assertEquals(other[0], byNumber.get("username").asText());
        assertEquals(otherMe.get("id").asLong(), byNumber.get("id").asLong());
        assertEquals(404, Api.send("GET", "/api/v1/users/987654321", root, null, null).statusCode());
    }

    @Test
    void aVideoIsReachedByNumberUuidAndShortUuidAndShowsEveryRequiredField() throws Exception {
        String[] user = Api.newUser();
        String uuid = Api.publishClip(user, tmp);
        JsonNode byUuid = Api.getJson("/api/v1/videos/" + uuid, user[1]);
        assertDetails(byUuid, "VideoDetails");
        long id = byUuid.get("id").asLong();
        JsonNode byNumber = Api.getJson("/api/v1/videos/" + id, null);
        JsonNode byShort = Api.getJson("/api/v1/videos/" + byUuid.get("shortUUID").asText(), null);
        assertEquals(uuid, byNumber.get("uuid").asText());
        assertEquals(uuid, byShort.get("uuid").asText());
        assertEquals(id, byShort.get("id").asLong());
        assertEquals(404, Api.send("GET", "/api/v1/videos/" + (id + 1_000_000), null, null, null).statusCode(),
                "a number that names no video");

        assertEquals(Map.of("id", 1, "label", "Public"), Api.JSON.convertValue(byUuid.get("privacy"), Map.class));
        assertTrue(byUuid.get("category").get("id").isNull(), byUuid.toString());
        assertEquals("Unknown", byUuid.get("category").get("label").asText());
        assertTrue(byUuid.get("language").get("id").isNull(), "PeerTube's unknown language: " + byUuid);
        assertEquals("Unknown", byUuid.get("language").get("label").asText());
        assertEquals("Published", byUuid.get("state").get("label").asText());
        assertEquals("/videos/embed/" + uuid, byUuid.get("embedPath").asText());
        assertTrue(byUuid.get("url").asText().endsWith("/videos/watch/" + uuid), byUuid.get("url").asText());
        assertEquals(2, byUuid.get("thumbnails").size(), "the thumbnail and the preview: " + byUuid);
        // The clip is 320x240.
        assertEquals("4:3", byUuid.get("thumbnails").get(0).get("aspectRatio").asText());
        assertEquals(user[0], byUuid.get("account").get("name").asText());

        // PeerTube's thumbnail path, after the instance's URL, leads to the image.
        HttpResponse<String> thumbnail = Api.send("GET", byUuid.get("thumbnailPath").asText(), null, null, null);
        assertEquals(302, thumbnail.statusCode(), thumbnail.body());
        assertEquals(byUuid.get("thumbnailUrl").asText(), thumbnail.headers().firstValue("Location").orElse(""));

        // Edited by number, the labels follow PeerTube's tables.
        HttpResponse<String> edited = Api.json("PUT", "/api/v1/videos/" + id, user[1],
                Map.of("category", 4, "licence", 2, "language", "fr"));
        assertEquals(204, edited.statusCode(), edited.body());
        JsonNode after = Api.getJson("/api/v1/videos/" + id, null);
        assertEquals(Map.of("id", 4, "label", "Art"), Api.JSON.convertValue(after.get("category"), Map.class));
        assertEquals(Map.of("id", 2, "label", "Attribution - Share Alike"),
                Api.JSON.convertValue(after.get("licence"), Map.class));
        assertEquals(Map.of("id", "fr", "label", "French"), Api.JSON.convertValue(after.get("language"), Map.class));

        // In lists: the same number, summaries of the account and channel.
        JsonNode list = Api.getJson("/api/v1/accounts/" + user[0] + "/videos", null);
        assertKinds(list, "ResultList", "total", "number", "data", "array");
        JsonNode listed = StreamSupport.stream(list.get("data").spliterator(), false)
                .filter(v -> v.get("uuid").asText().equals(uuid)).findFirst().orElseThrow();
        assertVideo(listed, "Video");
        assertSummary(listed.get("account"), "Video.account");
        assertSummary(listed.get("channel"), "Video.channel");
        assertEquals(id, listed.get("id").asLong());
        assertEquals(byUuid.get("channel").get("id").asLong(), listed.get("channel").get("id").asLong());
        JsonNode me = Api.getJson("/api/v1/users/me", user[1]);
        assertEquals(me.get("videoChannels").get(0).get("id").asLong(), listed.get("channel").get("id").asLong());
        assertEquals(me.get("account").get("id").asLong(), listed.get("account").get("id").asLong());

        // The rating route takes the number too, and answers with it.
        JsonNode rating = Api.getJson("/api/v1/users/me/videos/" + id + "/rating", user[1]);
        assertEquals(id, rating.get("videoId").asLong());
    }

    /**
     * A video stored before numbers existed has neither its number on its item nor the number's
     * items: its first read numbers it (with the conditional writes) and keeps the number on its
     * item, and the number reaches it from then on.
     */
    @Test
    void aVideoStoredBeforeNumbersIsNumberedOnItsFirstReadAndKeepsItsNumber() throws Exception {
        String[] user = Api.newUser();
        String uuid = Api.publishClip(user, tmp);
        String table = SharedNuage.STACK.table().name();
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(SharedNuage.get().endpoints())) {
            Map<String, AttributeValue> videoKey = Map.of("PK", AttributeValue.fromS("VIDEO#" + uuid),
                    "SK", AttributeValue.fromS("VIDEO"));
            long before = Long.parseLong(dynamo.getItem(g -> g.tableName(table).key(videoKey).consistentRead(true))
                    .item().get("numId").n());
            // As the table was before this change: no number anywhere for the video.
            dynamo.updateItem(u -> u.tableName(table).key(videoKey).updateExpression("REMOVE numId"));
            dynamo.deleteItem(d -> d.tableName(table).key(Map.of("PK", AttributeValue.fromS("IDREF#VIDEO#" + uuid),
                    "SK", AttributeValue.fromS("ID"))));
            dynamo.deleteItem(d -> d.tableName(table).key(Map.of("PK", AttributeValue.fromS("ID#VIDEO#" + before),
                    "SK", AttributeValue.fromS("ID"))));
            assertEquals(404, Api.send("GET", "/api/v1/videos/" + before, null, null, null).statusCode());

            long after = Api.getJson("/api/v1/videos/" + uuid, null).get("id").asLong();
            assertTrue(after > before, "a new number from the counter: " + after + " after " + before);
            assertEquals(after, Api.getJson("/api/v1/videos/" + uuid, null).get("id").asLong(), "the same on every read");
            assertEquals(Long.toString(after), dynamo.getItem(g -> g.tableName(table).key(videoKey).consistentRead(true))
                    .item().get("numId").n(), "kept on the video's item");
            assertEquals(uuid, Api.getJson("/api/v1/videos/" + after, null).get("uuid").asText());
        }
    }

    @Test
    void anUploadNamesItsChannelByPeerTubesChannelIdAndNoOnesChannelIsRefused() throws Exception {
        String[] user = Api.newUser();
        String[] stranger = Api.newUser();
        long channelId = Api.getJson("/api/v1/users/me", user[1]).get("videoChannels").get(0).get("id").asLong();
        long strangersChannel = Api.getJson("/api/v1/users/me", stranger[1]).get("videoChannels").get(0).get("id").asLong();

        HttpResponse<String> started = Api.json("POST", "/api/v1/videos/uploads", user[1], Map.of("name", "By number",
                "channelId", channelId, "size", 1000, "contentType", "video/mp4"));
        assertEquals(200, started.statusCode(), started.body());
        JsonNode video = Api.JSON.readTree(started.body()).get("video");
        assertEquals(user[0] + "_channel", video.get("channel").get("name").asText());
        assertEquals(channelId, video.get("channel").get("id").asLong());
        assertTrue(video.get("id").isIntegralNumber(), video.toString());

        HttpResponse<String> notTheirs = Api.json("POST", "/api/v1/videos/uploads", user[1], Map.of("name", "Not mine",
                "channelId", strangersChannel, "size", 1000, "contentType", "video/mp4"));
        assertEquals(403, notTheirs.statusCode(), notTheirs.body());
        HttpResponse<String> nobodys = Api.json("POST", "/api/v1/videos/uploads", user[1], Map.of("name", "Nowhere",
                "channelId", 987_654_321, "size", 1000, "contentType", "video/mp4"));
        assertEquals(400, nobodys.statusCode(), nobodys.body());
        assertTrue(nobodys.body().contains("channelId 987654321"), nobodys.body());
    }

    @Test
    void commentsAndTheirThreadsAreNumberedAndReachedByNumber() throws Exception {
        String[] author = Api.newUser();
        String[] reader = Api.newUser();
        String uuid = Api.publishClip(author, tmp);
        long videoId = Api.getJson("/api/v1/videos/" + uuid, null).get("id").asLong();

        HttpResponse<String> posted = Api.json("POST", "/api/v1/videos/" + videoId + "/comment-threads", reader[1],
                Map.of("text", "Lovely waves"));
        assertEquals(200, posted.statusCode(), posted.body());
        JsonNode thread = Api.JSON.readTree(posted.body()).get("comment");
        assertComment(thread, "VideoComment");
        long threadId = thread.get("id").asLong();
        assertEquals(threadId, thread.get("threadId").asLong(), "a thread's first comment is its thread");
        assertEquals(videoId, thread.get("videoId").asLong());
        assertTrue(thread.get("inReplyToCommentId").isNull());

        HttpResponse<String> replied = Api.json("POST", "/api/v1/videos/" + videoId + "/comments/" + threadId,
                author[1], Map.of("text", "Thank you"));
        assertEquals(200, replied.statusCode(), replied.body());
        JsonNode reply = Api.JSON.readTree(replied.body()).get("comment");
        assertComment(reply, "VideoComment");
        assertEquals(threadId, reply.get("threadId").asLong());
        assertEquals(threadId, reply.get("inReplyToCommentId").asLong());
        assertNotEquals(threadId, reply.get("id").asLong());

        JsonNode threads = Api.getJson("/api/v1/videos/" + uuid + "/comment-threads", null);
        assertKinds(threads, "VideoCommentThreads", "total", "number", "totalNotDeletedComments", "number", "data", "array");
        assertEquals(threadId, threads.get("data").get(0).get("id").asLong());
        assertEquals(1, threads.get("data").get(0).get("totalReplies").asInt());
        assertEquals(1, threads.get("data").get(0).get("totalRepliesFromVideoAuthor").asInt());

        JsonNode tree = Api.getJson("/api/v1/videos/" + videoId + "/comment-threads/" + threadId, null);
        assertComment(tree.get("comment"), "VideoCommentThreadTree.comment");
        assertEquals(reply.get("id").asLong(), tree.get("children").get(0).get("comment").get("id").asLong());
        assertEquals(List.of(), Api.JSON.convertValue(tree.get("children").get(0).get("children"), List.class));

        JsonNode video = Api.getJson("/api/v1/videos/" + videoId, null);
        assertEquals(2, video.get("comments").asInt(), "PeerTube counts a video's comments");
    }
}
