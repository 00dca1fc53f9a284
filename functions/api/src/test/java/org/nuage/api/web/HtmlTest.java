package org.nuage.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesEverythingThatCouldLeaveTextOrAnAttribute() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;", Html.esc("<a href=\"x\" title='y'>&"));
        assertEquals("", Html.esc(null));
    }

    @Test
    void keepsOnlyHttpAndLocalUrls() {
        assertEquals("https://example.org/a", Html.safeUrl("https://example.org/a"));
        assertEquals("/w/abc", Html.safeUrl("/w/abc"));
        assertEquals("", Html.safeUrl("javascript:alert(1)"));
        assertEquals("", Html.safeUrl("//evil.example/x"));
    }

    @Test
    void formatsDurationsAndAges() {
        assertEquals("0:07", Html.duration(7));
        assertEquals("4:05", Html.duration(245));
        assertEquals("1:02:03", Html.duration(3723));
        Instant now = Instant.parse("2026-01-10T00:00:00Z");
        assertEquals("just now", Html.age(now.minusSeconds(20), now));
        assertEquals("3 days ago", Html.age(now.minusSeconds(3 * 86400 + 5), now));
        assertEquals("1 hour ago", Html.age(now.minusSeconds(3700), now));
    }

    @Test
    void csrfTokenIsBoundToTheSessionAndComparedExactly() {
        String token = WebSession.csrfFor("session-a");
        assertTrue(WebSession.validCsrf("session-a", token));
        assertFalse(WebSession.validCsrf("session-b", token));
        assertFalse(WebSession.validCsrf("session-a", null));
        assertFalse(WebSession.validCsrf(null, token));
        assertFalse(token.contains("session-a"));
    }

    @Test
    void anonymousCsrfNeedsTheCookieAndTheFieldToMatch() {
        String value = WebSession.randomToken();
        assertTrue(WebSession.validAnonymousCsrf(value, value));
        assertFalse(WebSession.validAnonymousCsrf(value, WebSession.randomToken()));
        assertFalse(WebSession.validAnonymousCsrf(null, value));
        assertFalse(WebSession.validAnonymousCsrf("short", "short"));
    }

    @Test
    void signInSendsPeopleOnlyToPathsOfThisSite() {
        assertEquals("/videos/upload", PagesResource.localPath("/videos/upload"));
        assertEquals("/", PagesResource.localPath("https://evil.example/"));
        assertEquals("/", PagesResource.localPath("//evil.example/"));
        assertEquals("/", PagesResource.localPath("/\\evil.example"));
        assertEquals("/", PagesResource.localPath(null));
    }
}
