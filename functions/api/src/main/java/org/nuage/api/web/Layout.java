package org.nuage.api.web;

import static org.nuage.api.web.Html.esc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.nuage.aws.config.InstanceConfig;

/**
 * The frame of every page: landmarks, the header with search and the account links, the
 * stylesheet and the small script. Pages give their title, extra head tags and main content.
 */
@ApplicationScoped
public class Layout {

    /** Bumped when nuage.css or nuage.js change, so browsers may cache them for a year. */
    public static final String ASSETS_VERSION = "4";

    private final String instanceName;
    private final String base;

    public Layout(InstanceConfig instance) {
        this.instanceName = instance.name();
        this.base = instance.publicUrl().toString().replaceAll("/+$", "");
    }

    public String base() {
        return base;
    }

    public String instanceName() {
        return instanceName;
    }

    /** A whole page. {@code head} is trusted markup made by the caller; {@code main} too. */
    public String page(String title, String head, Viewer viewer, String main) {
        StringBuilder html = new StringBuilder(4096 + main.length());
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"color-scheme\" content=\"light dark\">")
                .append("<title>").append(esc(title)).append(" - ").append(esc(instanceName)).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/nuage.css?v=").append(ASSETS_VERSION).append("\">")
                .append("<script src=\"/static/nuage.js?v=").append(ASSETS_VERSION).append("\" defer></script>");
        if (viewer.signedIn()) {
            html.append("<meta name=\"csrf-token\" content=\"").append(esc(viewer.csrf())).append("\">");
        }
        html.append(head).append("</head><body>")
                .append("<a class=\"skip\" href=\"#main\">Skip to content</a>")
                .append("<header class=\"top\"><a class=\"brand\" href=\"/\">").append(esc(instanceName)).append("</a>")
                .append("<form class=\"search\" role=\"search\" action=\"/search\" method=\"get\">")
                .append("<label for=\"q\" class=\"sr\">Search videos, channels or a handle</label>")
                .append("<input id=\"q\" name=\"search\" type=\"search\" placeholder=\"Search\" required>")
                .append("<button type=\"submit\">Search</button></form>")
                .append("<nav aria-label=\"Account\"><ul>");
        if (viewer.signedIn()) {
            html.append("<li><a href=\"/videos/upload\">Upload</a></li>")
                    .append("<li><a href=\"/my-library/videos\">My videos</a></li>")
                    .append("<li><a href=\"/my-account\">").append(esc(viewer.username().get())).append("</a></li>")
                    .append("<li><form action=\"/logout\" method=\"post\"><input type=\"hidden\" name=\"csrf\" value=\"")
                    .append(esc(viewer.csrf())).append("\"><button type=\"submit\" class=\"link\">Sign out</button></form></li>");
        } else {
            html.append("<li><a href=\"/videos/upload\">Upload</a></li>")
                    .append("<li><a href=\"/login\">Sign in</a></li>")
                    .append("<li><a href=\"/signup\">Register</a></li>");
        }
        html.append("</ul></nav></header><main id=\"main\">").append(main).append("</main>")
                .append("<footer><p>").append(esc(instanceName))
                .append(" runs Nuage. <a href=\"/feeds/videos.xml\">RSS</a> · <a href=\"/api/v1/openapi\">API</a></p></footer>")
                .append("</body></html>\n");
        return html.toString();
    }

    /** A page as a response: HTML, never cached by shared caches (it may show who is signed in). */
    public Response ok(String html) {
        return Response.ok(html).type("text/html; charset=utf-8").header("Cache-Control", "private, no-cache")
                .header("Vary", "Accept, Cookie").build();
    }

    /** A page telling what went wrong, with its status. */
    public Response error(int status, String message, Viewer viewer) {
        return Response.status(status).type("text/html; charset=utf-8")
                .entity(page("Error", "", viewer, "<section class=\"narrow\"><h1>" + (status == 404 ? "Not found" : "Sorry")
                        + "</h1><p class=\"error\" role=\"alert\">" + esc(message) + "</p><p><a href=\"/\">Home</a></p></section>"))
                .build();
    }
}
