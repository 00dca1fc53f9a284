package org.nuage.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.localstack.e2e.browser.Chromium;
import org.nuage.localstack.runner.LocalNuage;
import org.nuage.localstack.runner.LoopbackPeer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web interface in a real browser (Debian's Chromium): a person registers, uploads a clip through
 * the upload page and watches its progress bar fill, waits for the page to say it is published,
 * watches it, comments, gives the account and the channel an avatar, and every page is saved as a
 * screenshot, on a desktop and on a 360 px phone, each in light and dark mode, under target/screenshots.
 */
class WebUiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path tmp;

    static LocalNuage nuage;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        nuage = SharedNuage.get();
        base = nuage.url().toString().replaceAll("/+$", "");
    }

    @Test
    void pagesMayOnlyBeFramedByThisInstance() throws Exception {
        for (String path : new String[] {"/", "/login", "/signup", "/w/no-such-video"}) {
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("SAMEORIGIN", page.headers().firstValue("X-Frame-Options").orElse(""), path);
            String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(policy.contains("frame-ancestors 'self'"), path + ": " + policy);
            assertTrue(policy.contains("script-src 'self'") && policy.contains("object-src 'none'"), path + ": " + policy);
        }
    }

    @Test
    void registersUploadsWatchesCommentsAndEveryPageRendersOnDesktopAndPhone() throws Exception {
        Path clip = Media.clip(tmp, 6);
        String user = "web" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String password = "a-long-password";
        WebDriver desktop = Chromium.start(false);
        String watchUrl;
        String shortId;
        try {
            Chromium.colorScheme(desktop, "light");
            desktop.get(base + "/");
            Chromium.screenshots(desktop, "desktop", "light", "home-anonymous");
            desktop.get(base + "/signup");
            Chromium.screenshots(desktop, "desktop", "light", "register");
            desktop.findElement(By.id("username")).sendKeys(user);
            desktop.findElement(By.id("displayName")).sendKeys("Web Tester");
            desktop.findElement(By.id("email")).sendKeys(user + "@example.org");
            desktop.findElement(By.id("password")).sendKeys(password);
            desktop.findElement(By.cssSelector("form[action='/signup'] button[type=submit]")).click();
            wait(desktop, 20).until(d -> d.getCurrentUrl().equals(base + "/"));
            assertTrue(desktop.findElement(By.cssSelector("header nav")).getText().contains(user),
                    "the header names the signed-in user");
            // The session is an HttpOnly cookie: scripts cannot read it.
            assertEquals("", js(desktop, "return document.cookie"));

            desktop.get(base + "/videos/upload");
            Chromium.screenshots(desktop, "desktop", "light", "upload");
            desktop.findElement(By.id("file")).sendKeys(clip.toString());
            desktop.findElement(By.id("name")).clear();
            desktop.findElement(By.id("name")).sendKeys("Browser clip");
            desktop.findElement(By.id("description")).sendKeys("Made by **ffmpeg**. <script>alert(1)</script>");
            desktop.findElement(By.id("upload-start")).click();
            wait(desktop, 60).until(d -> "100".equals(d.findElement(By.id("upload-progress")).getDomProperty("value")));
            Chromium.screenshots(desktop, "desktop", "light", "upload-progress");
            wait(desktop, 300).until(d -> "published".equals(d.findElement(By.id("upload-state")).getDomAttribute("data-state")));
            Chromium.screenshots(desktop, "desktop", "light", "upload-published");
            desktop.findElement(By.id("watch-link")).click();
            wait(desktop, 20).until(d -> d.getCurrentUrl().contains("/w/"));
            shortId = desktop.getCurrentUrl().substring(desktop.getCurrentUrl().lastIndexOf('/') + 1);
            watchUrl = desktop.getCurrentUrl();

            // Under the pages' Content-Security-Policy the player still plays from the bucket.
            HttpResponse<String> watchPage = HTTP.send(HttpRequest.newBuilder(URI.create(watchUrl)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(watchPage.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'self'"));
            assertPlays(desktop);
            // Half of the 6 s clip played: the page reports a view.
            wait(desktop, 30).until(d -> "true".equals(js(d, "return document.getElementById('nuage-player').dataset.viewCounted")));
            assertEquals(0L, js(desktop, "return document.querySelectorAll('.description script').length"),
                    "HTML in a description is shown as text, never run");
            assertTrue(desktop.findElement(By.cssSelector(".description strong")).getText().contains("ffmpeg"));
            Chromium.screenshots(desktop, "desktop", "light", "watch");

            desktop.findElement(By.id("comment-text")).sendKeys("First comment from a browser");
            desktop.findElement(By.cssSelector(".comment-form button[type=submit]")).click();
            wait(desktop, 20).until(d -> d.findElements(By.cssSelector(".comment .text")).stream()
                    .anyMatch(e -> e.getText().contains("First comment from a browser")));
            Chromium.screenshots(desktop, "desktop", "light", "watch-commented");

            desktop.findElement(By.cssSelector(".rates button")).click();
            wait(desktop, 20).until(d -> d.findElement(By.cssSelector(".rates button .count")).getText().equals("1"));

            String oembed = desktop.findElement(By.cssSelector("link[type='application/json+oembed']")).getDomAttribute("href");
            HttpResponse<String> card = HTTP.send(HttpRequest.newBuilder(URI.create(oembed)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, card.statusCode(), card.body());
            JsonNode json = Api.JSON.readTree(card.body());
            assertEquals("video", json.path("type").asText());
            assertTrue(json.path("html").asText().matches("<iframe [^>]*src=\"" + java.util.regex.Pattern.quote(base)
                    + "/videos/embed/[0-9a-f-]{36}\"[^>]*></iframe>"), json.path("html").asText());
            assertEquals("Browser clip", json.path("title").asText());
            // The session cookie alone does not let another site's form act: writes need the page's CSRF token.
            String session = desktop.manage().getCookieNamed("nuage_session").getValue();
            assertTrue(desktop.manage().getCookieNamed("nuage_session").isHttpOnly());
            String commentsUrl = base + "/api/v1/videos/" + shortId + "/comment-threads";
            for (String csrf : new String[] {null, "forged"}) {
                HttpRequest.Builder forged = HttpRequest.newBuilder(URI.create(commentsUrl)).header("Cookie", "nuage_session=" + session)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"forged\"}"));
                if (csrf != null) {
                    forged.header("X-CSRF-Token", csrf);
                }
                HttpResponse<String> refused = HTTP.send(forged.build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(403, refused.statusCode(), refused.body());
                assertTrue(refused.body().contains("X-CSRF-Token"), refused.body());
            }
            HttpResponse<String> threads = HTTP.send(HttpRequest.newBuilder(URI.create(commentsUrl)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(1, Api.JSON.readTree(threads.body()).path("total").asInt(), "only the page's comment was stored");

            assertTrue(watchPageWeight(watchUrl, session) <= 300 * 1024, "the watch page fits its 300 KB budget");

            HttpResponse<String> openApi = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/openapi")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, openApi.statusCode());
            assertTrue(openApi.body().contains("/api/v1/videos/uploads"), openApi.body());

            HttpResponse<String> feed = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/feeds/videos.xml")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(feed.body().contains("<title>Browser clip</title>") && feed.body().contains("<enclosure url=\"http"),
                    feed.body());
            assertTrue(desktop.findElement(By.cssSelector("meta[name='twitter:player']")).getDomAttribute("content")
                    .startsWith(base + "/videos/embed/"));

            desktop.get(base + "/");
            assertTrue(desktop.findElement(By.id("trending")).isDisplayed(), "a viewed video of this week is trending");
            desktop.get(base + "/my-account");
            desktop.findElement(By.id("profile-name")).clear();
            desktop.findElement(By.id("profile-name")).sendKeys("Renamed Tester");
            var save = desktop.findElement(By.cssSelector("form[data-api='/api/v1/users/me'] button[type=submit]"));
            save.click();
            // The script reloads the page once the API has answered.
            wait(desktop, 20).until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(save));
            desktop.get(base + "/accounts/" + user);
            assertEquals("Renamed Tester", desktop.findElement(By.cssSelector("main h1")).getText());
            assertEquals("R", desktop.findElement(By.cssSelector(".actor-head .avatar-none")).getText(),
                    "an initial stands in until there is an avatar");

            // Avatars through /my-account, the account's and then the channel's, each previewed before it is sent.
            Path face = tmp.resolve("face.png");
            javax.imageio.ImageIO.write(AvatarIT.image(640, 480), "png", face.toFile());
            String channel = user + "_channel";
            desktop.get(base + "/my-account");
            assertEquals("span", desktop.findElement(By.id("avatar-preview-me")).getTagName());
            desktop.findElement(By.id("avatarfile-me")).sendKeys(face.toString());
            wait(desktop, 10).until(d -> String.valueOf(d.findElement(By.id("avatar-preview-me")).getDomAttribute("src"))
                    .startsWith("blob:"));
            Chromium.screenshots(desktop, "desktop", "light", "my-account-avatar-preview");
            var pick = desktop.findElement(By.cssSelector("form[data-api='/api/v1/users/me/avatar/pick'] button[type=submit]"));
            pick.click();
            wait(desktop, 30).until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(pick));
            assertTrue(String.valueOf(desktop.findElement(By.id("avatar-preview-me")).getDomAttribute("src")).contains("/avatars/"),
                    "the page shows the stored avatar");
            assertEquals(1, desktop.findElements(By.cssSelector("form[data-api='/api/v1/users/me/avatar'][data-method=DELETE]")).size(),
                    "and offers to remove it");
            desktop.findElement(By.id("avatarfile-ch-" + channel)).sendKeys(face.toString());
            var pickChannel = desktop.findElement(By.cssSelector("form[data-api='/api/v1/video-channels/" + channel
                    + "/avatar/pick'] button[type=submit]"));
            pickChannel.click();
            wait(desktop, 30).until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(pickChannel));
            desktop.get(base + "/video-channels/" + channel);
            var channelAvatar = desktop.findElement(By.cssSelector(".actor-head img.avatar"));
            assertTrue(channelAvatar.getDomAttribute("alt").startsWith("Avatar of "), channelAvatar.getDomAttribute("alt"));
            assertTrue(channelAvatar.getDomAttribute("src").contains("/avatars/"), channelAvatar.getDomAttribute("src"));
            wait(desktop, 20).until(d -> ((Number) js(d, "var i = document.querySelector('.actor-head img.avatar');"
                    + " return i.complete ? i.naturalWidth : 0")).intValue() > 0);
            desktop.get(watchUrl);
            assertEquals(1, desktop.findElements(By.cssSelector(".channel-box img.avatar")).size(), "the channel line has it");
            assertEquals(1, desktop.findElements(By.cssSelector(".comment .who img.avatar")).size(),
                    "and the comment of its owner the account's");

            for (var page : pages(user, shortId).entrySet()) {
                desktop.get(base + page.getValue());
                Chromium.screenshots(desktop, "desktop", "light", page.getKey());
                if (!page.getKey().equals("feed")) {
                    assertEquals(1, desktop.findElements(By.cssSelector("main")).size(), page + " has its main landmark");
                    assertEquals(0L, js(desktop, "return document.querySelectorAll('img:not([alt])').length"),
                            page + ": every image has alt text");
                }
            }
            desktop.get(base + "/");
            desktop.findElement(By.cssSelector("header form[action='/logout'] button")).click();
            wait(desktop, 20).until(d -> d.findElements(By.cssSelector("a[href='/login']")).size() > 0);
            Chromium.screenshots(desktop, "desktop", "light", "home-signed-out");
            desktop.get(base + "/login");
            Chromium.screenshots(desktop, "desktop", "light", "login");

            // A visitor from another instance follows the channel from there: WebFinger finds their
            // server's remote-follow page, and the browser is sent to it with the channel's URL.
            try (LoopbackPeer peer = LoopbackPeer.start("alice")) {
                desktop.get(watchUrl);
                desktop.findElement(By.cssSelector(".remote-follow summary")).click();
                desktop.findElement(By.id("handle")).sendKeys("@alice@" + peer.host());
                Chromium.screenshots(desktop, "desktop", "light", "watch-remote-follow");
                desktop.findElement(By.cssSelector(".remote-follow button[type=submit]")).click();
                String expected = peer.base() + "/authorize_interaction?uri="
                        + java.net.URLEncoder.encode(base + "/video-channels/" + user + "_channel", java.nio.charset.StandardCharsets.UTF_8);
                wait(desktop, 20).until(d -> d.getCurrentUrl().equals(expected));
            }
            desktop.get(base + "/remote-follow?uri=" + java.net.URLEncoder.encode(base + "/video-channels/" + user + "_channel",
                    java.nio.charset.StandardCharsets.UTF_8) + "&handle=not-a-handle");
            assertTrue(desktop.findElement(By.cssSelector("main .error")).getText().contains("not a handle"));
        } finally {
            desktop.quit();
        }

        WebDriver phone = Chromium.start(true);
        try {
            Chromium.colorScheme(phone, "dark");
            phone.get(base + "/");
            Chromium.screenshots(phone, "phone", "dark", "home-anonymous");
            phone.get(base + "/login");
            Chromium.screenshots(phone, "phone", "dark", "login");
            phone.findElement(By.id("username")).sendKeys(user);
            phone.findElement(By.id("password")).sendKeys(password);
            phone.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
            wait(phone, 20).until(d -> d.getCurrentUrl().equals(base + "/"));
            Map<String, String> pages = new java.util.LinkedHashMap<>(Map.of("home", "/", "upload", "/videos/upload",
                    "watch", "/w/" + shortId));
            pages.putAll(pages(user, shortId));
            pages.remove("feed");
            for (var page : pages.entrySet()) {
                phone.get(base + page.getValue());
                Chromium.screenshots(phone, "phone", "dark", page.getKey());
                long overflow = (Long) js(phone, "return document.documentElement.scrollWidth - window.innerWidth");
                assertTrue(overflow <= 0, page + " is " + overflow + " px wider than a 360 px phone");
            }
            phone.get(base + "/signup");
            Chromium.screenshots(phone, "phone", "dark", "register");
            phone.get(watchUrl);
            assertPlays(phone);
        } finally {
            phone.quit();
        }
    }

    /** The pages every run screenshots, by a name that stays the same from run to run. */
    private static Map<String, String> pages(String user, String shortId) {
        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("home", "/");
        pages.put("my-account", "/my-account");
        pages.put("my-videos", "/my-library/videos");
        pages.put("channel", "/video-channels/" + user + "_channel");
        pages.put("account", "/accounts/" + user);
        pages.put("search", "/search?search=browser");
        pages.put("watch-long-url", "/videos/watch/" + shortId);
        pages.put("feed", "/feeds/videos.xml");
        return pages;
    }

    /**
     * The watch page's weight without the video: its HTML (as a signed-in viewer sees it) and every
     * stylesheet and script it loads, each gzip-compressed, printed for the README. Scripts of the
     * player that are not on this branch answer 404 and count nothing; the printout says which.
     */
    private static long watchPageWeight(String watchUrl, String session) throws Exception {
        String html = HTTP.send(HttpRequest.newBuilder(URI.create(watchUrl)).header("Cookie", "nuage_session=" + session).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long total = gzipped(html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder report = new StringBuilder("watch page weight (gzip): html " + total + " B");
        var assets = java.util.regex.Pattern.compile("(?:href|src)=\"(/static/[^\"]+\\.(?:css|js)[^\"]*)\"").matcher(html);
        while (assets.find()) {
            HttpResponse<byte[]> asset = HTTP.send(HttpRequest.newBuilder(URI.create(base + assets.group(1))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (asset.statusCode() == 200) {
                long size = gzipped(asset.body());
                total += size;
                report.append(", ").append(assets.group(1)).append(" ").append(size).append(" B");
            } else {
                report.append(", ").append(assets.group(1)).append(" absent (").append(asset.statusCode()).append(")");
            }
        }
        System.out.println(report.append("; total ").append(String.format(java.util.Locale.ROOT, "%.1f KB", total / 1024.0)));
        return total;
    }

    private static long gzipped(byte[] bytes) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.size();
    }

    /** The watch page's player plays: its current time moves. */
    private static void assertPlays(WebDriver driver) {
        js(driver, "var v = document.getElementById('nuage-player'); v.muted = true; v.play();");
        wait(driver, 30).until(d -> ((Number) js(d, "return document.getElementById('nuage-player').currentTime"))
                .doubleValue() > 0.5);
    }

    private static Object js(WebDriver driver, String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static WebDriverWait wait(WebDriver driver, int seconds) {
        // The pages' scripts replace the parts they update (counters, lists): an element found a moment
        // before may be gone when it is read, which only means "look again".
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

}
