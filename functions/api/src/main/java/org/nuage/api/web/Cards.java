package org.nuage.api.web;

import static org.nuage.api.web.Html.esc;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Video cards as lists show them, made from the API's video JSON (ours and other servers'). */
final class Cards {

    private Cards() {
    }

    /** A grid of cards, or {@code empty} as a paragraph when there are none. */
    static String grid(List<Map<String, Object>> videos, String empty, Instant now) {
        if (videos.isEmpty()) {
            return "<p class=\"empty\">" + esc(empty) + "</p>";
        }
        StringBuilder html = new StringBuilder("<ul class=\"cards\">");
        for (Map<String, Object> video : videos) {
            html.append(card(video, now));
        }
        return html.append("</ul>").toString();
    }

    @SuppressWarnings("unchecked")
    static String card(Map<String, Object> video, Instant now) {
        boolean local = !Boolean.FALSE.equals(video.get("isLocal"));
        String href = local ? "/w/" + esc(video.get("shortUUID")) : esc(Html.safeUrl(video.get("url")));
        Map<String, Object> channel = (Map<String, Object>) video.getOrDefault("channel", Map.of());
        Object host = channel.get("host");
        // Our channels are named without our host, as on every page of ours.
        String channelName = String.valueOf(channel.get("name")) + (host == null || local ? "" : "@" + host);
        String channelHref = local ? "/video-channels/" + esc(channel.get("name")) : esc(Html.safeUrl(channel.get("url")));
        String thumb = Html.safeUrl(video.get("thumbnailUrl"));
        String at = String.valueOf(video.getOrDefault("publishedAt", video.get("createdAt")));
        long duration = video.get("duration") instanceof Number n ? n.longValue() : 0;
        StringBuilder html = new StringBuilder(600);
        html.append("<li class=\"card\"><a class=\"thumb\" href=\"").append(href).append("\">");
        if (thumb.isEmpty()) {
            html.append("<span class=\"noimg\" role=\"img\" aria-label=\"No thumbnail yet\"></span>");
        } else {
            html.append("<img src=\"").append(esc(thumb)).append("\" alt=\"\" loading=\"lazy\" width=\"280\" height=\"158\">");
        }
        html.append("<span class=\"duration\">").append(Html.duration(duration)).append("</span></a>")
                .append("<h3><a href=\"").append(href).append("\">").append(esc(video.get("name"))).append("</a></h3>")
                .append("<p class=\"meta\"><a href=\"").append(channelHref).append("\">").append(esc(channelName))
                .append("</a><br>").append(video.get("views") instanceof Number n ? ActorPages.plural(n.longValue(), "view") : "")
                .append(" · ");
        try {
            html.append("<time datetime=\"").append(esc(at)).append("\">").append(Html.age(Instant.parse(at), now))
                    .append("</time>");
        } catch (java.time.format.DateTimeParseException e) {
            html.append(esc(at));
        }
        return html.append("</p></li>").toString();
    }

    /** Newer/older links for a list shown a page at a time. */
    static String pager(String path, String extraQuery, int page, boolean more) {
        if (page <= 1 && !more) {
            return "";
        }
        StringBuilder html = new StringBuilder("<nav class=\"pager\" aria-label=\"Pages\">");
        if (page > 1) {
            html.append("<a rel=\"prev\" href=\"").append(path).append("?").append(extraQuery).append("page=")
                    .append(page - 1).append("\">Newer</a>");
        }
        html.append("<span>Page ").append(page).append("</span>");
        if (more) {
            html.append("<a rel=\"next\" href=\"").append(path).append("?").append(extraQuery).append("page=")
                    .append(page + 1).append("\">Older</a>");
        }
        return html.append("</nav>").toString();
    }
}
