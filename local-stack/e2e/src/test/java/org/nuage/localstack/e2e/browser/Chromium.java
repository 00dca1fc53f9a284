package org.nuage.localstack.e2e.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through the system chromedriver: browser downloads do not work here,
 * and Selenium Manager would try one.
 */
public final class Chromium {

    private Chromium() {
    }

    /**
     * A new headless browser with its own profile (so two of them are two viewers), {@code width}×{@code height}
     * CSS pixels.
     */
    public static WebDriver start(int width, int height) {
        var options = new ChromeOptions();
        if (width < 500) {
            // Headless Chromium keeps windows at least 500 px wide; phones are emulated instead.
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true)));
        }
        options.setBinary(executable("NUAGE_CHROMIUM", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // CI runs as root, where Chromium's sandbox refuses to start
                "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height,
                // Media starts without a click, as a test cannot click "play" like a person.
                "--autoplay-policy=no-user-gesture-required",
                // WebRTC between two viewers on one machine uses loopback candidates, off by default.
                "--allow-loopback-in-peer-connection",
                "--disable-features=WebRtcHideLocalIpsWithMdns");
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(executable("NUAGE_CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
                .build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** A phone-sized browser (360 px wide) or a desktop one. */
    public static WebDriver start(boolean phone) {
        return phone ? start(360, 740) : start(1280, 900);
    }

    /** Saves what {@code driver} shows as {@code target/screenshots/<name>.png}, for people to review. */
    public static Path screenshot(WebDriver driver, String name) {
        try {
            var dir = Files.createDirectories(Path.of("target", "screenshots"));
            var file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the page's {@code prefers-color-scheme} {@code light} or {@code dark}, as the DevTools protocol emulates it. */
    public static void colorScheme(WebDriver driver, String scheme) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", java.util.List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /**
     * Saves what {@code driver} shows in both colour schemes, as {@code <device>-light-<name>.png} and
     * {@code <device>-dark-<name>.png}, without loading the page again: the emulated scheme changes,
     * the page restyles, and the scheme it had ({@code current}) is put back.
     */
    public static void screenshots(WebDriver driver, String device, String current, String name) {
        String other = current.equals("dark") ? "light" : "dark";
        screenshot(driver, device + "-" + current + "-" + name);
        colorScheme(driver, other);
        settle(driver);
        screenshot(driver, device + "-" + other + "-" + name);
        colorScheme(driver, current);
        settle(driver);
    }

    /** Waits two animation frames, so the page is painted in its new style before the next screenshot. */
    private static void settle(WebDriver driver) {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                + "requestAnimationFrame(function () { requestAnimationFrame(function () { done(); }); });");
    }

    private static String executable(String variable, String fallback) {
        var configured = System.getenv(variable);
        return configured == null || configured.isBlank() ? fallback : configured;
    }
}
