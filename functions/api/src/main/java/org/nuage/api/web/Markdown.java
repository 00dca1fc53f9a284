package org.nuage.api.web;

import java.util.List;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Video descriptions as HTML. PeerTube renders them as Markdown; the text comes from users and
 * other servers, so raw HTML in it is escaped, link targets other than http(s) and mailto are
 * dropped, links leave with {@code rel="nofollow noopener noreferrer"}, and images become links
 * (a description must not make every viewer's browser fetch from a third party).
 */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            // The default list allows data: too.
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
            .softbreak("<br>")
            .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "nofollow noopener noreferrer");
                }
            })
            .build();

    private Markdown() {
    }

    /** The description as safe HTML; empty for none. */
    public static String toHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        Node document = PARSER.parse(markdown);
        replaceImages(document);
        return RENDERER.render(document);
    }

    private static void replaceImages(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            if (child instanceof Image image) {
                Link link = new Link(image.getDestination(), image.getTitle());
                String alt = image.getFirstChild() instanceof Text t ? t.getLiteral() : image.getDestination();
                link.appendChild(new Text(alt));
                image.insertBefore(link);
                image.unlink();
            } else {
                replaceImages(child);
            }
            child = next;
        }
    }

}
