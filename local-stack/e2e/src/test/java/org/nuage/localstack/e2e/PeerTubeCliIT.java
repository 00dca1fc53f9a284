package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.localstack.runner.LocalNuage;

/**
 * PeerTube's own CLI ({@code @peertube/peertube-cli} 1.0.3, pinned in {@code node/peertube-cli})
 * against the packaged functions: it registers an account (an OAuth token from Nuage), uploads a
 * clip with PeerTube's legacy upload and waits, as it does on PeerTube, until the video has a torrent,
 * which here means published.
 */
class PeerTubeCliIT {

    /** The CLI keeps it in a .netrc, whose tokens end at whitespace: a password with spaces comes back cut. */
    private static final String PASSWORD = "correct-horse-battery";
    private static final long CLI_TIMEOUT_SECONDS = 300;

    @TempDir
    static Path tmp;

    static LocalNuage nuage;

    @BeforeAll
    static void start() throws Exception {
        nuage = SharedNuage.get();
        Api.use(nuage);
    }

    /** What the CLI printed and how it ended. */
    record Run(int exitCode, String output) {
    }

    /**
     * Runs the CLI with {@code home} as its HOME and XDG config directory, where it keeps the
     * accounts it knows ({@code .netrc}) and its default instance.
     */
    static Run cli(Path home, String... args) throws Exception {
        Path script = Path.of(System.getProperty("nuage.home", "../..")).toAbsolutePath().normalize()
                .resolve("local-stack/e2e/node/peertube-cli/node_modules/@peertube/peertube-cli/dist/peertube.js");
        assertTrue(Files.isRegularFile(script), "the build installs the CLI (npm ci in node/peertube-cli): " + script);
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(tmp, "cli", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        // NODE_ENV=test would make the CLI read its configuration from its own install directory.
        env.remove("NODE_ENV");
        env.remove("NODE_APP_INSTANCE");
        Process process = builder.start();
        if (!process.waitFor(CLI_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not finish in " + CLI_TIMEOUT_SECONDS + " s: " + command + "\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** Registers a user whose password the CLI can keep, and returns {username, access token}. */
    static String[] registered() throws Exception {
        String username = "cli" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> registered = Api.json("POST", "/api/v1/users/register", null, Map.of(
                "username", username, "password", PASSWORD, "email", username + "@example.org"));
        assertEquals(204, registered.statusCode(), registered.body());
        HttpResponse<String> tokens = Api.tokenRequest(Map.of("grant_type", "password", "username", username,
                "password", PASSWORD));
        assertEquals(200, tokens.statusCode(), tokens.body());
        return new String[] {username, Api.JSON.readTree(tokens.body()).path("access_token").asText()};
    }

    /** A HOME in which the CLI has signed in as {@code username} with {@code auth add}, its default instance. */
    static Path signedIn(String username) throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home-" + username));
        String url = nuage.url().toString().replaceAll("/+$", "");
        Run added = cli(home, "auth", "add", "-u", url, "-U", username, "-p", PASSWORD);
        assertEquals(0, added.exitCode(), added.output());
        String netrc = Files.readString(home.resolve(".netrc"), StandardCharsets.UTF_8);
        assertTrue(netrc.contains(url) && netrc.contains(username), "the CLI kept the account it signed in with: " + netrc);
        Run listed = cli(home, "auth", "list");
        assertTrue(listed.output().contains(username), listed.output());
        return home;
    }

    @Test
    void peerTubesCliSignsInUploadsAClipAndItIsPublishedWithItsMetadata() throws Exception {
        String[] user = registered();
        Path home = signedIn(user[0]);

        Path clip = Media.clip(tmp, 2).toAbsolutePath();
        // No URL or credentials: the CLI takes the default instance and gets a token again from them.
        Run uploaded = cli(home, "upload", "--file", clip.toString(), "--video-name", "Sent by PeerTube's CLI",
                "--video-description", "A test pattern with a beep", "--tags", "cli,peertube", "--language", "en",
                "--category", "15", "--licence", "2", "--privacy", "2", "--support", "Thanks for watching");
        assertEquals(0, uploaded.exitCode(), uploaded.output());
        assertTrue(uploaded.output().contains("Video Sent by PeerTube's CLI uploaded."), uploaded.output());

        JsonNode mine = Api.getJson("/api/v1/users/me/videos", user[1]);
        assertEquals(1, mine.path("total").asInt(), mine.toString());
        String uuid = mine.path("data").path(0).path("uuid").asText();
        JsonNode video = LegacyUploadIT.published(uuid, user[1]);
        assertEquals("Sent by PeerTube's CLI", video.path("name").asText());
        assertEquals("A test pattern with a beep", video.path("description").asText());
        assertEquals("[\"cli\",\"peertube\"]", video.path("tags").toString());
        assertEquals("en", video.path("language").path("id").asText());
        assertEquals(15, video.path("category").path("id").asInt());
        assertEquals(2, video.path("licence").path("id").asInt());
        assertEquals(2, video.path("privacy").path("id").asInt());
        assertEquals(false, video.path("nsfw").asBoolean());
        assertEquals(user[0] + "_channel", video.path("channel").path("name").asText());
        assertTrue(video.path("files").path(0).path("torrentUrl").asText().endsWith(".torrent"), video.toString());
    }

    /**
     * A file that starts like an MP4 passes the API's check of its first bytes, so the upload is
     * accepted as on PeerTube; the transcoder's probe then refuses it. The video is PeerTube's state
     * 7 (transcoding failed) with the reason, and the CLI, waiting for a torrent, stops on its empty
     * file list with an error and a non-zero exit instead of waiting for ever.
     */
    @Test
    void aFileThatOnlyStartsLikeAVideoFailsAndTheCliStopsWithAnError() throws Exception {
        String[] user = registered();
        Path home = signedIn(user[0]);
        byte[] start = java.util.Arrays.copyOf(Files.readAllBytes(Media.clip(tmp, 2)), 32);
        byte[] broken = new byte[200_000];
        new java.util.Random(3).nextBytes(broken);
        System.arraycopy(start, 0, broken, 0, start.length);
        Path file = Files.write(tmp.resolve("broken.mp4"), broken);

        Run uploaded = cli(home, "upload", "--file", file.toAbsolutePath().toString(), "--video-name", "Broken");
        assertTrue(uploaded.exitCode() != 0, uploaded.output());
        System.out.println("[PeerTubeCliIT] the CLI on a video that failed (exit " + uploaded.exitCode() + "):\n"
                + uploaded.output());
        JsonNode mine = Api.getJson("/api/v1/users/me/videos", user[1]);
        assertEquals(1, mine.path("total").asInt(), mine.toString());
        JsonNode video = Api.getJson("/api/v1/videos/" + mine.path("data").path(0).path("uuid").asText(), user[1]);
        assertEquals(7, video.path("state").path("id").asInt(), video.toString());
        assertFalse(video.path("failureReason").asText().isEmpty(), video.toString());
        assertEquals(0, video.path("files").size(), video.toString());
    }
}
