package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void peerTubesCliSignsInUploadsAClipAndItIsPublishedWithItsMetadata() throws Exception {
        String username = "cli" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> registered = Api.json("POST", "/api/v1/users/register", null, Map.of(
                "username", username, "password", PASSWORD, "email", username + "@example.org"));
        assertEquals(204, registered.statusCode(), registered.body());
        HttpResponse<String> tokens = Api.tokenRequest(Map.of("grant_type", "password", "username", username,
                "password", PASSWORD));
        assertEquals(200, tokens.statusCode(), tokens.body());
        String[] user = {username, Api.JSON.readTree(tokens.body()).path("access_token").asText()};
        Path home = Files.createDirectories(tmp.resolve("home-" + user[0]));
        String url = nuage.url().toString().replaceAll("/+$", "");

        Run added = cli(home, "auth", "add", "-u", url, "-U", user[0], "-p", PASSWORD);
        assertEquals(0, added.exitCode(), added.output());
        String netrc = Files.readString(home.resolve(".netrc"), StandardCharsets.UTF_8);
        assertTrue(netrc.contains(url) && netrc.contains(user[0]), "the CLI kept the account it signed in with: " + netrc);
        Run listed = cli(home, "auth", "list");
        assertTrue(listed.output().contains(user[0]), listed.output());

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
}
