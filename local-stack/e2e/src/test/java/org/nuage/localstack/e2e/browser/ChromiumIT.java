package org.nuage.localstack.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/** The browser the web tests use starts, runs script, and saves a screenshot. */
class ChromiumIT {

    @Test
    void startsHeadlessAndRunsScript() {
        var driver = Chromium.start(true);
        try {
            // Like every Nuage page, it declares a device-width viewport, without which phones lay out 980 px.
            driver.get("data:text/html,<meta name=viewport content=\"width=device-width\"><title>ok</title><p>hello");
            assertEquals("ok", driver.getTitle());
            assertEquals(360L, ((JavascriptExecutor) driver).executeScript("return window.innerWidth"));
            Chromium.screenshot(driver, "chromium-smoke");
        } finally {
            driver.quit();
        }
    }
}
