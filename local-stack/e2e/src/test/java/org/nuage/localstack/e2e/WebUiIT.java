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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.localstack.e2e.browser.Chromium;
import org.nuage.localstack.runner.LocalNuage;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web interface in a real browser (Debian's Chromium): a person registers, uploads a clip through
 * the upload page and watches its progress bar fill, waits for the page to say it is published,
 * watches it, comments, and every page is saved as a screenshot, on a desktop and on a 360 px phone
 * (in dark mode) under target/screenshots.
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
    void registersUploadsWatchesCommentsAndEveryPageRendersOnDesktopAndPhone() throws Exception {
        Path clip = Media.clip(tmp, 6);
        String user = "web" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String password = "a-long-password";
        WebDriver desktop = Chromium.start(false);
        String watchUrl;
        String shortId;
        try {
            desktop.get(base + "/");
            Chromium.screenshot(desktop, "desktop-home-anonymous");
            desktop.get(base + "/signup");
            Chromium.screenshot(desktop, "desktop-register");
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
            Chromium.screenshot(desktop, "desktop-upload");
            desktop.findElement(By.id("file")).sendKeys(clip.toString());
            desktop.findElement(By.id("name")).clear();
            desktop.findElement(By.id("name")).sendKeys("Browser clip");
            desktop.findElement(By.id("description")).sendKeys("Made by **ffmpeg**. <script>alert(1)</script>");
            desktop.findElement(By.id("upload-start")).click();
            wait(desktop, 60).until(d -> "100".equals(d.findElement(By.id("upload-progress")).getDomProperty("value")));
            Chromium.screenshot(desktop, "desktop-upload-progress");
            wait(desktop, 300).until(d -> "published".equals(d.findElement(By.id("upload-state")).getDomAttribute("data-state")));
            Chromium.screenshot(desktop, "desktop-upload-published");
            desktop.findElement(By.id("watch-link")).click();
            wait(desktop, 20).until(d -> d.getCurrentUrl().contains("/w/"));
            shortId = desktop.getCurrentUrl().substring(desktop.getCurrentUrl().lastIndexOf('/') + 1);
            watchUrl = desktop.getCurrentUrl();

            assertPlays(desktop);
            assertEquals(0L, js(desktop, "return document.querySelectorAll('.description script').length"),
                    "HTML in a description is shown as text, never run");
            assertTrue(desktop.findElement(By.cssSelector(".description strong")).getText().contains("ffmpeg"));
            Chromium.screenshot(desktop, "desktop-watch");

            desktop.findElement(By.id("comment-text")).sendKeys("First comment from a browser");
            desktop.findElement(By.cssSelector(".comment-form button[type=submit]")).click();
            wait(desktop, 20).until(d -> d.findElements(By.cssSelector(".comment .text")).stream()
                    .anyMatch(e -> e.getText().contains("First comment from a browser")));
            Chromium.screenshot(desktop, "desktop-watch-commented");

            desktop.findElement(By.cssSelector(".rates button")).click();
            wait(desktop, 20).until(d -> d.findElement(By.cssSelector(".rates button")).getText().contains("1"));

            String oembed = desktop.findElement(By.cssSelector("link[type='application/json+oembed']")).getDomAttribute("href");
            HttpResponse<String> card = HTTP.send(HttpRequest.newBuilder(URI.create(oembed)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, card.statusCode(), card.body());
            JsonNode json = Api.JSON.readTree(card.body());
            assertEquals("video", json.path("type").asText());
            assertTrue(json.path("html").asText().matches("<iframe [^>]*src=\"" + java.util.regex.Pattern.quote(base)
                    + "/videos/embed/[0-9a-f-]{36}\"[^>]*></iframe>"), json.path("html").asText());
            assertEquals("Browser clip", json.path("title").asText());
            assertTrue(desktop.findElement(By.cssSelector("meta[name='twitter:player']")).getDomAttribute("content")
                    .startsWith(base + "/videos/embed/"));

            List<String> pages = pages(user, shortId);
            for (String page : pages) {
                desktop.get(base + page);
                Chromium.screenshot(desktop, "desktop-" + slug(page));
                assertTrue(desktop.findElements(By.cssSelector("main")).size() == 1, page + " has its main landmark");
            }
            desktop.get(base + "/");
            desktop.findElement(By.cssSelector("header form[action='/logout'] button")).click();
            wait(desktop, 20).until(d -> d.findElements(By.cssSelector("a[href='/login']")).size() > 0);
            Chromium.screenshot(desktop, "desktop-home-signed-out");
        } finally {
            desktop.quit();
        }

        WebDriver phone = Chromium.start(true);
        try {
            ((ChromeDriver) phone).executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            phone.get(base + "/login");
            Chromium.screenshot(phone, "phone-dark-login");
            phone.findElement(By.id("username")).sendKeys(user);
            phone.findElement(By.id("password")).sendKeys(password);
            phone.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
            wait(phone, 20).until(d -> d.getCurrentUrl().equals(base + "/"));
            List<String> pages = new ArrayList<>(List.of("/", "/videos/upload", "/w/" + shortId, "/signup"));
            pages.addAll(pages(user, shortId));
            for (String page : pages) {
                phone.get(base + page);
                Chromium.screenshot(phone, "phone-dark-" + slug(page));
                long overflow = (Long) js(phone, "return document.documentElement.scrollWidth - window.innerWidth");
                assertTrue(overflow <= 0, page + " is " + overflow + " px wider than a 360 px phone");
            }
            phone.get(watchUrl);
            assertPlays(phone);
        } finally {
            phone.quit();
        }
    }

    private static List<String> pages(String user, String shortId) {
        return List.of("/my-account", "/my-library/videos", "/video-channels/" + user + "_channel", "/accounts/" + user,
                "/search?search=browser", "/videos/watch/" + shortId);
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
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(200));
    }

    private static String slug(String page) {
        String s = page.replaceAll("[^a-zA-Z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "home" : s;
    }
}
