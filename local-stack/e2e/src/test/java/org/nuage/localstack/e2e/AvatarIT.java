package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nuage.localstack.emulator.AwsClients;
import org.nuage.localstack.runner.LocalNuage;
import org.nuage.localstack.runner.LoopbackPeer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Avatars through the packaged api function, in PeerTube's API shapes: the picture goes up as a
 * multipart form, comes back as three squares in the public media bucket, shows in the API and on
 * the actor as {@code icon}, reaches followers as an {@code Update}, and is replaced or removed
 * without leaving objects behind; bad pictures and other people's channels change nothing.
 */
class AvatarIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Duration ASYNC = Duration.ofSeconds(60);

    static LocalNuage nuage;
    static LoopbackPeer peer;
    static S3Client s3;
    static String base;
    static String mediaBucket;

    @BeforeAll
    static void start() throws Exception {
        nuage = SharedNuage.get();
        Api.use(nuage);
        s3 = AwsClients.s3(nuage.endpoints());
        peer = LoopbackPeer.start("fern");
        base = nuage.url().toString().replaceAll("/+$", "");
        mediaBucket = SharedNuage.STACK.media().name();
    }

    @AfterAll
    static void stop() {
        peer.close();
        s3.close();
    }

    @Test
    void anAccountsAvatarIsCutIntoPublicSquaresShownEverywhereAndSentToFollowers() throws Exception {
        String[] user = Api.newUser();
        String account = base + "/accounts/" + user[0];
        follow("fern", account);

        HttpResponse<String> picked = pick("/api/v1/users/me/avatar/pick", user[1], "avatarfile", "me.png", "image/png",
                picture(800, 500, "png"));
        assertEquals(200, picked.statusCode(), picked.body());
        JsonNode avatars = Api.JSON.readTree(picked.body()).path("avatars");
        assertEquals(List.of(600, 120, 48), widths(avatars));
        for (JsonNode avatar : avatars) {
            HttpResponse<byte[]> file = HTTP.send(HttpRequest.newBuilder(URI.create(avatar.path("fileUrl").asText())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, file.statusCode(), "anyone may fetch " + avatar.path("fileUrl").asText());
            assertEquals("image/jpeg", file.headers().firstValue("Content-Type").orElse(""));
            assertTrue(file.headers().firstValue("Cache-Control").orElse("").contains("immutable"));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(file.body()));
            assertEquals(avatar.path("width").asInt(), image.getWidth());
            assertEquals(avatar.path("width").asInt(), image.getHeight(), "a square");
            // PeerTube's path, on this server, points at the same file.
            HttpResponse<String> path = HTTP.send(HttpRequest.newBuilder(URI.create(base + avatar.path("path").asText()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(301, path.statusCode());
            assertEquals(avatar.path("fileUrl").asText(), path.headers().firstValue("Location").orElse(""));
        }
        List<String> first = keys(avatars);
        assertTrue(objects().containsAll(first));
        assertTrue(first.getFirst().matches("avatars/[0-9a-f-]{36}-600\\.jpg"), first.getFirst());

        JsonNode me = Api.JSON.readTree(Api.send("GET", "/api/v1/users/me", user[1], null, null).body());
        assertEquals(avatars, me.path("account").path("avatars"));
        assertEquals(avatars, Api.JSON.readTree(Api.send("GET", "/api/v1/accounts/" + user[0], null, null, null).body())
                .path("avatars"));

        JsonNode person = Api.activityJson(account, 200);
        assertEquals("Image", person.path("icon").path(0).path("type").asText());
        assertEquals("image/jpeg", person.path("icon").path(0).path("mediaType").asText());
        assertEquals(600, person.path("icon").path(0).path("width").asInt());
        assertEquals(600, person.path("icon").path(0).path("height").asInt());
        assertEquals(avatars.path(0).path("fileUrl").asText(), person.path("icon").path(0).path("url").asText());

        JsonNode update = Await.until("the Update of the account at fern's inbox", ASYNC, () -> peer.received().stream()
                .map(r -> tree(r.body())).filter(a -> a.path("type").asText().equals("Update")
                        && a.path("actor").asText().equals(account)
                        && a.path("object").path("icon").path(0).path("url").asText().equals(
                                avatars.path(0).path("fileUrl").asText()))
                .findFirst());
        assertEquals("Person", update.path("object").path("type").asText());
        assertEquals(account, update.path("object").path("id").asText());
        assertTrue(update.path("id").asText().startsWith(account + "/updates/"), update.path("id").asText());

        // A new picture: new keys, and the old ones are gone.
        HttpResponse<String> again = pick("/api/v1/users/me/avatar/pick", user[1], "avatarfile", "me.jpg", "image/jpeg",
                picture(300, 300, "jpeg"));
        assertEquals(200, again.statusCode(), again.body());
        List<String> second = keys(Api.JSON.readTree(again.body()).path("avatars"));
        List<String> stored = objects();
        assertTrue(stored.containsAll(second));
        assertTrue(first.stream().noneMatch(stored::contains), "the replaced sizes were deleted");

        HttpResponse<String> removed = Api.send("DELETE", "/api/v1/users/me/avatar", user[1], null, null);
        assertEquals(204, removed.statusCode(), removed.body());
        List<String> left = objects();
        assertTrue(second.stream().noneMatch(left::contains), "the removed sizes were deleted");
        assertEquals(0, Api.JSON.readTree(Api.send("GET", "/api/v1/accounts/" + user[0], null, null, null).body())
                .path("avatars").size());
        assertTrue(Api.activityJson(account, 200).path("icon").isMissingNode(), "no icon without an avatar");
        Await.until("the Update without an icon", ASYNC, () -> peer.received().stream()
                .map(r -> tree(r.body())).filter(a -> a.path("type").asText().equals("Update")
                        && a.path("actor").asText().equals(account) && a.path("object").path("icon").isMissingNode())
                .findFirst());
    }

    @Test
    void onlyItsOwnerChangesAChannelsAvatar() throws Exception {
        String[] alice = Api.newUser();
        String[] bob = Api.newUser();
        String channel = alice[0] + "_channel";
        byte[] png = picture(200, 200, "png");
        int before = objects().size();

        HttpResponse<String> refused = pick("/api/v1/video-channels/" + channel + "/avatar/pick", bob[1], "avatarfile",
                "x.png", "image/png", png);
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals(before, objects().size(), "nothing stored for bob");
        assertEquals(401, pick("/api/v1/video-channels/" + channel + "/avatar/pick", null, "avatarfile", "x.png",
                "image/png", png).statusCode());

        HttpResponse<String> picked = pick("/api/v1/video-channels/" + channel + "/avatar/pick", alice[1], "avatarfile",
                "x.png", "image/png", png);
        assertEquals(200, picked.statusCode(), picked.body());
        JsonNode avatars = Api.JSON.readTree(picked.body()).path("avatars");
        assertEquals(avatars, Api.JSON.readTree(Api.send("GET", "/api/v1/video-channels/" + channel, null, null, null).body())
                .path("avatars"));
        JsonNode group = Api.activityJson(base + "/video-channels/" + channel, 200);
        assertEquals("Group", group.path("type").asText());
        assertEquals(avatars.path(0).path("fileUrl").asText(), group.path("icon").path(0).path("url").asText());

        assertEquals(403, Api.send("DELETE", "/api/v1/video-channels/" + channel + "/avatar", bob[1], null, null).statusCode());
        assertTrue(objects().containsAll(keys(avatars)), "bob removed nothing");
        assertEquals(204, Api.send("DELETE", "/api/v1/video-channels/" + channel + "/avatar", alice[1], null, null).statusCode());
        List<String> left = objects();
        assertTrue(keys(avatars).stream().noneMatch(left::contains));
    }

    @Test
    void picturesThatAreBrokenHugeOrNoPicturesAreRefusedWithAReasonAndNothingStored() throws Exception {
        String[] user = Api.newUser();
        HttpResponse<String> kept = pick("/api/v1/users/me/avatar/pick", user[1], "avatarfile", "ok.png", "image/png",
                picture(64, 64, "png"));
        assertEquals(200, kept.statusCode(), kept.body());
        JsonNode avatars = Api.JSON.readTree(kept.body()).path("avatars");
        List<String> stored = objects();

        // 6,000 × 6,000 one-bit pixels: a few kilobytes that would decode to 144 MB.
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(6000, 6000, BufferedImage.TYPE_BYTE_BINARY), "png", bomb);
        byte[] tooLarge = new byte[4 * 1024 * 1024 + 1];
        tooLarge[0] = (byte) 0xff;
        Object[][] cases = {
                {"avatarfile", "page.png", "image/png", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8),
                        "not a PNG, JPEG, GIF or WebP"},
                {"avatarfile", "bomb.png", "image/png", bomb.toByteArray(), "at most 4096×4096"},
                {"avatarfile", "big.jpg", "image/jpeg", tooLarge, "at most 4194304"},
                {"avatarfile", "cut.png", "image/png", java.util.Arrays.copyOf(picture(300, 300, "png"), 100), "not a readable PNG"},
                {"picture", "ok.png", "image/png", picture(64, 64, "png"), "'avatarfile' field is required"}};
        for (Object[] c : cases) {
            HttpResponse<String> refused = pick("/api/v1/users/me/avatar/pick", user[1], (String) c[0], (String) c[1],
                    (String) c[2], (byte[]) c[3]);
            assertEquals(400, refused.statusCode(), c[1] + ": " + refused.body());
            assertTrue(Api.JSON.readTree(refused.body()).path("detail").asText().contains((String) c[4]),
                    c[1] + ": " + refused.body());
        }
        assertEquals(stored, objects(), "no object stored or deleted");
        assertEquals(avatars, Api.JSON.readTree(Api.send("GET", "/api/v1/accounts/" + user[0], null, null, null).body())
                .path("avatars"), "the avatar is the one before");
    }

    /** A POST of a multipart form with one file, as PeerTube's client sends an avatar. */
    static HttpResponse<String> pick(String path, String token, String field, String fileName, String type, byte[] bytes)
            throws Exception {
        String boundary = "nuage-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(bytes);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A picture with some detail, so the encoders have something to compress. */
    static byte[] picture(int width, int height, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image(width, height), format, out);
        return out.toByteArray();
    }

    static BufferedImage image(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x1e3a5f));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 12; i++) {
            g.setColor(Color.getHSBColor(i / 12f, .7f, .9f));
            g.fillOval(i * width / 14, i * height / 14, width / 3, height / 3);
        }
        g.dispose();
        return image;
    }

    private static void follow(String who, String actor) throws Exception {
        String id = peer.base() + "/follows/" + UUID.randomUUID();
        String body = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + id
                + "\",\"type\":\"Follow\",\"actor\":\"" + peer.actorUrl(who) + "\",\"object\":\"" + actor + "\"}";
        assertEquals(202, Api.postToInbox(peer, who, body).statusCode());
        Await.until("the Accept of " + who, ASYNC, () -> peer.received().stream()
                .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(id)).findFirst());
    }

    private static JsonNode tree(byte[] json) {
        try {
            return Api.JSON.readTree(json);
        } catch (java.io.IOException e) {
            return Api.JSON.createObjectNode();
        }
    }

    /** Every avatar object in the media bucket. */
    private static List<String> objects() {
        return s3.listObjectsV2Paginator(l -> l.bucket(mediaBucket).prefix("avatars/")).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    private static List<String> keys(JsonNode avatars) {
        List<String> keys = new ArrayList<>();
        for (JsonNode avatar : avatars) {
            String url = avatar.path("fileUrl").asText();
            keys.add(url.substring(url.indexOf("/avatars/") + 1));
        }
        assertFalse(keys.isEmpty());
        return keys;
    }

    private static List<Integer> widths(JsonNode avatars) {
        List<Integer> widths = new ArrayList<>();
        avatars.forEach(a -> widths.add(a.path("width").asInt()));
        return widths;
    }
}
