package org.nuage.core.comment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nuage.core.json.Json;

class PlainTextTest {

    @Test
    void markupIsDroppedAndEntitiesDecodedSoNothingCanInjectHtml() {
        assertEquals("a < b & \"c\"", CommentService.plainText("<p>a &lt; b &amp; &quot;c&quot;</p>"));
        assertEquals("one\ntwo\n\nthree", CommentService.plainText("<p>one<br>two</p><p>three</p>"));
        assertEquals("hi alert(1)", CommentService.plainText("<p>hi <script>alert(1)</script></p>"));
        assertEquals("&lt;b&gt;", CommentService.plainText("&amp;lt;b&amp;gt;"), "decoded once, not twice");
    }

    @Test
    void aRealMastodonReplyBecomesItsText() throws IOException {
        try (InputStream in = PlainTextTest.class.getResourceAsStream("/activitypub/lemmy/assets/mastodon/objects/note_1.json")) {
            String content = Json.tree(new String(in.readAllBytes(), StandardCharsets.UTF_8)).path("content").asText();
            String text = CommentService.plainText(content);
            assertEquals(-1, text.indexOf('<'), text);
            assertEquals(true, text.startsWith("@retiolus i have never been disappointed by a thinkpad."), text);
        }
    }
}
