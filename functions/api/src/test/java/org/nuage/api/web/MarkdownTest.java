package org.nuage.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void rendersEmphasisAndLinksWithNoFollow() {
        String html = Markdown.toHtml("Made with **ffmpeg**, see [the site](https://ffmpeg.org).");
        assertTrue(html.contains("<strong>ffmpeg</strong>"), html);
        assertTrue(html.contains(" href=\"https://ffmpeg.org\""), html);
        assertTrue(html.contains(" rel=\"nofollow noopener noreferrer\""), html);
        assertTrue(html.contains(">the site</a>"), html);
    }

    @Test
    void escapesRawHtmlInsteadOfPassingItThrough() {
        String html = Markdown.toHtml("hi <script>alert(1)</script> <img src=x onerror=alert(1)>");
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
    }

    @Test
    void dropsJavascriptAndDataLinks() {
        assertFalse(Markdown.toHtml("[x](javascript:alert(1))").contains("javascript:"));
        assertFalse(Markdown.toHtml("[x](data:text/html,<b>hi</b>)").contains("data:"));
    }

    @Test
    void turnsImagesIntoLinksSoViewersDoNotFetchFromThirdParties() {
        String html = Markdown.toHtml("![a cat](https://example.org/cat.png)");
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains(" href=\"https://example.org/cat.png\""), html);
        assertTrue(html.contains(">a cat</a>"), html);
    }

    @Test
    void emptyDescriptionIsNoHtml() {
        assertEquals("", Markdown.toHtml(null));
        assertEquals("", Markdown.toHtml("  "));
    }
}
