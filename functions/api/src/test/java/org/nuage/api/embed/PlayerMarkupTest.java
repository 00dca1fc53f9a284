package org.nuage.api.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nuage.core.json.Json;

/** The player markup is the pages' contract with player.js: its attributes must survive any video's data. */
class PlayerMarkupTest {

    private static final String MEDIA = "https://media.example/videos/7c9d/";

    private static Map<String, Object> file(int resolution) {
        return Map.of("resolution", Map.of("id", resolution, "label", resolution + "p"), "fps", 30, "size", 1000L * resolution,
                "fileUrl", MEDIA + "mp4/" + resolution + ".mp4", "torrentUrl", MEDIA + "torrent/" + resolution + ".torrent",
                "magnetUri", "magnet:?xt=urn:btih:abc&dn=" + resolution + ".mp4&tr=wss%3A%2F%2Ft.example");
    }

    private static Map<String, Object> video(List<Map<String, Object>> files) {
        return Map.of("uuid", "7c9d0b6e-52a4-4a4e-9d55-1f5ad54d3c2b", "previewUrl", MEDIA + "preview.jpg",
                "files", files, "streamingPlaylists", List.of(Map.of("playlistUrl", MEDIA + "hls/master.m3u8")));
    }

    private static String attribute(String html, String name) {
        Matcher m = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(html);
        assertTrue(m.find(), name + " in " + html);
        return m.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    @Test
    void carriesFilesTrackersAndPlaylistAsTheContractSays() throws Exception {
        String html = PlayerMarkup.of(video(List.of(file(720), file(360), file(144))),
                List.of(URI.create("ws://127.0.0.1:8000/announce"), URI.create("http://127.0.0.1:8000/announce")));

        assertTrue(html.startsWith("<video id=\"nuage-player\" controls playsinline preload=\"metadata\" crossorigin=\"anonymous\""));
        assertEquals(MEDIA + "preview.jpg", attribute(html, "poster"));
        assertEquals(MEDIA + "hls/master.m3u8", attribute(html, "data-hls"));
        JsonNode files = Json.tree(attribute(html, "data-files"));
        assertEquals(3, files.size());
        assertEquals(720, files.get(0).path("resolution").asInt());
        assertEquals(MEDIA + "mp4/720.mp4", files.get(0).path("url").asText());
        assertEquals(MEDIA + "torrent/720.torrent", files.get(0).path("torrentUrl").asText());
        assertTrue(files.get(0).path("magnetUri").asText().contains("&tr=wss%3A%2F%2Ft.example"));
        assertEquals(List.of("ws://127.0.0.1:8000/announce", "http://127.0.0.1:8000/announce"),
                Json.MAPPER.convertValue(Json.tree(attribute(html, "data-trackers")), List.class));
        assertEquals(MEDIA + "mp4/360.mp4", attribute(html, "src"), "the middle rendition plays without JavaScript");
        assertTrue(html.contains("<div id=\"nuage-p2p-stats\" role=\"status\" aria-live=\"polite\" data-peers=\"0\""
                + " data-p2p-bytes=\"0\" data-webseed-bytes=\"0\"></div>"));
        assertTrue(html.contains("<script src=\"/static/player.js\" defer></script>"));
    }

    @Test
    void quotesInUrlsCannotLeaveTheirAttributes() {
        Map<String, Object> hostile = Map.of("resolution", Map.of("id", 240), "fps", 25, "size", 1L,
                "fileUrl", "https://m.example/a'\"><script>alert(1)</script>.mp4", "torrentUrl", "t", "magnetUri", "m");
        String html = PlayerMarkup.of(video(List.of(hostile)), List.of());

        assertFalse(html.contains("<script>alert"), html);
        assertEquals("https://m.example/a'\"><script>alert(1)</script>.mp4",
                Json.tree(attribute(html, "data-files")).get(0).path("url").asText());
        assertEquals("[]", attribute(html, "data-trackers"));
    }

    @Test
    void aVideoWithoutHlsOrFilesHasNeitherAttributeNorSource() {
        String html = PlayerMarkup.of(Map.of("uuid", "u", "files", List.of(), "streamingPlaylists", List.of()), List.of());
        assertFalse(html.contains("data-hls"), html);
        assertFalse(html.contains("<source"), html);
        assertFalse(html.contains("poster="), html);
    }
}
