package org.nuage.api.embed;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nuage.core.json.Json;

/**
 * The player's markup, the contract between the pages and {@code /static/player.js}: the
 * {@code <video id="nuage-player">} with its data attributes, the MP4 source that plays without
 * JavaScript, the P2P stats line, the stylesheet and the script. Rendered from the video's API
 * representation ({@code VideoViews.detail}), so every page that plays a video says the same.
 */
public final class PlayerMarkup {

    private PlayerMarkup() {
    }

    /** The markup for {@code video} (the API's JSON of a published video), announcing to {@code trackers}. */
    @SuppressWarnings("unchecked")
    public static String of(Map<String, Object> video, List<URI> trackers) {
        List<Map<String, Object>> apiFiles = (List<Map<String, Object>>) video.getOrDefault("files", List.of());
        List<Map<String, Object>> files = new ArrayList<>();
        for (Map<String, Object> file : apiFiles) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("resolution", ((Map<String, Object>) file.get("resolution")).get("id"));
            entry.put("fps", file.get("fps"));
            entry.put("size", file.get("size"));
            entry.put("url", file.get("fileUrl"));
            entry.put("torrentUrl", file.get("torrentUrl"));
            entry.put("magnetUri", file.get("magnetUri"));
            files.add(entry);
        }
        List<Map<String, Object>> playlists = (List<Map<String, Object>>) video.getOrDefault("streamingPlaylists",
                List.of());
        // PeerTube's player shows the preview, the larger image, before playback; lists use the thumbnail.
        Object poster = video.getOrDefault("previewUrl", video.get("thumbnailUrl"));
        StringBuilder html = new StringBuilder();
        html.append("<video id=\"nuage-player\" controls playsinline preload=\"metadata\" crossorigin=\"anonymous\"");
        if (poster != null) {
            html.append(" poster=\"").append(attribute(poster.toString())).append('"');
        }
        html.append(" data-uuid=\"").append(attribute(String.valueOf(video.get("uuid")))).append('"');
        if (!playlists.isEmpty()) {
            html.append(" data-hls=\"").append(attribute(String.valueOf(playlists.getFirst().get("playlistUrl"))))
                    .append('"');
        }
        html.append(" data-files=\"").append(attribute(Json.write(files))).append('"');
        html.append(" data-trackers=\"").append(attribute(Json.write(trackers.stream().map(URI::toString).toList())))
                .append("\">\n");
        if (!files.isEmpty()) {
            // Highest first, so the middle one suits most screens without JavaScript.
            html.append("  <source src=\"").append(attribute(String.valueOf(files.get(files.size() / 2).get("url"))))
                    .append("\" type=\"video/mp4\">\n");
        }
        html.append("</video>\n");
        html.append("<div id=\"nuage-p2p-stats\" role=\"status\" aria-live=\"polite\" data-peers=\"0\""
                + " data-p2p-bytes=\"0\" data-webseed-bytes=\"0\"></div>\n");
        html.append("<link rel=\"stylesheet\" href=\"/static/player.css\">\n");
        html.append("<script src=\"/static/player.js\" defer></script>\n");
        return html.toString();
    }

    /** {@code text} safe inside a double- or single-quoted HTML attribute, and as element text. */
    public static String attribute(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
