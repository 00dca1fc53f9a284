package org.nuage.core.federation.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.nuage.core.Refusal;
import org.nuage.core.federation.follow.Subscription;
import org.nuage.core.video.MetadataRules;
import org.nuage.core.video.Video;

/**
 * Reads PeerTube's {@code Video} object into a {@link RemoteVideo}, with PeerTube's checks of remote
 * videos: the id, the owners and the media on the origin's host, every stored URL http(s) and at
 * most {@value #MAX_URL} characters, the name 3 to 120 characters; invalid tags, category, licence
 * and language are dropped and a long description is cut, as PeerTube does, rather than losing the video.
 */
public final class ActivityToRemoteVideo {

    /** PeerTube's limit on URLs of remote objects ({@code CONSTRAINTS_FIELDS.VIDEOS.URL}). */
    public static final int MAX_URL = 2000;

    private static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");

    /** Why a Video object is not stored; the message says which field and rule. */
    public static final class InvalidVideo extends RuntimeException {
        public InvalidVideo(String message) {
            super(message);
        }
    }

    private ActivityToRemoteVideo() {
    }

    /**
     * The video {@code object} describes, which must live on {@code originHost} (the host of the
     * actor that signed the activity, or of the URL it was fetched from).
     */
    public static RemoteVideo parse(JsonNode object, String originHost) {
        if (object == null || !object.isObject() || !"Video".equals(object.path("type").asText())) {
            throw new InvalidVideo("the object is not a Video");
        }
        String id = url(object.path("id")).orElseThrow(() -> new InvalidVideo("the Video has no http(s) id"));
        if (!Subscription.hostOf(id).equals(originHost)) {
            throw new InvalidVideo("the Video " + id + " is not on " + originHost + ", the host it came from");
        }
        String uuid = object.path("uuid").asText("").toLowerCase(Locale.ROOT);
        if (!UUID.matcher(uuid).matches()) {
            throw new InvalidVideo("the Video " + id + " has no valid uuid");
        }
        String account = null;
        String channel = null;
        for (JsonNode owner : object.path("attributedTo")) {
            Optional<String> ownerId = url(owner.isTextual() ? owner : owner.path("id"));
            String type = owner.path("type").asText();
            if (ownerId.isEmpty() || !Subscription.hostOf(ownerId.get()).equals(originHost)) {
                throw new InvalidVideo("the Video " + id + " is attributed to an actor of another host");
            }
            if (type.equals("Person") && account == null) {
                account = ownerId.get();
            } else if (type.equals("Group") && channel == null) {
                channel = ownerId.get();
            }
        }
        if (account == null || channel == null) {
            throw new InvalidVideo("the Video " + id + " must be attributedTo a Person (its account) and a Group (its channel)");
        }
        Instant published = instant(object.path("published"))
                .orElseThrow(() -> new InvalidVideo("the Video " + id + " has no valid published date"));
        Instant updated = instant(object.path("updated")).orElse(published);
        long seconds;
        try {
            seconds = Duration.parse(object.path("duration").asText("")).toSeconds();
        } catch (DateTimeParseException e) {
            throw new InvalidVideo("the Video " + id + " has no ISO-8601 duration such as PT31S");
        }
        if (seconds < 0) {
            throw new InvalidVideo("the Video " + id + " has a negative duration");
        }
        Video.VideoMetadata metadata = metadata(object, id);

        String page = id;
        Optional<String> hls = Optional.empty();
        List<Mp4> mp4s = new ArrayList<>();
        for (JsonNode link : object.path("url")) {
            String mediaType = link.path("mediaType").asText("");
            Optional<String> href = url(link.path("href"));
            if (href.isEmpty()) {
                // ws: trackers, magnets and broken links are not ours to keep.
                continue;
            }
            if (mediaType.equals("text/html") && page.equals(id)) {
                page = href.get();
            } else if (mediaType.equals("video/mp4")) {
                mp4s.add(new Mp4(href.get(), link.path("height").asInt(0)));
            } else if (mediaType.equalsIgnoreCase("application/x-mpegURL") && hls.isEmpty()) {
                hls = href;
                // PeerTube lists each HLS rendition's fragmented MP4 in the playlist's tag.
                for (JsonNode inner : link.path("tag")) {
                    if (inner.path("mediaType").asText("").equals("video/mp4")) {
                        url(inner.path("href")).ifPresent(u -> mp4s.add(new Mp4(u, inner.path("height").asInt(0))));
                    }
                }
            }
        }
        mp4s.sort((a, b) -> Integer.compare(b.height(), a.height()));
        return new RemoteVideo(id, page, uuid, metadata, seconds, thumbnail(object), account, channel, published,
                updated, mp4s.stream().map(Mp4::url).distinct().toList(), hls, count(object.path("likes")),
                count(object.path("views")));
    }

    private record Mp4(String url, int height) {
    }

    private static Video.VideoMetadata metadata(JsonNode object, String id) {
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : object.path("tag")) {
            String name = tag.path("name").asText("").strip();
            if ("Hashtag".equals(tag.path("type").asText()) && name.length() >= 2 && name.length() <= 30
                    && name.codePoints().noneMatch(Character::isISOControl) && tags.size() < MetadataRules.MAX_TAGS) {
                tags.add(name);
            }
        }
        String description = object.path("content").asText("");
        if (description.codePointCount(0, description.length()) > MetadataRules.MAX_DESCRIPTION) {
            description = description.substring(0, description.offsetByCodePoints(0, MetadataRules.MAX_DESCRIPTION));
        }
        // Control characters other than line breaks and tabs are dropped, not refused: the text is someone else's.
        description = description.codePoints().filter(c -> !Character.isISOControl(c) || c == '\n' || c == '\r'
                || c == '\t').collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        String language = object.path("language").path("identifier").asText(null);
        boolean isPublic = false;
        for (JsonNode to : object.path("to")) {
            isPublic |= PUBLIC.equals(to.asText()) || "as:Public".equals(to.asText()) || "Public".equals(to.asText());
        }
        try {
            return MetadataRules.check(object.path("name").asText(""), description, isPublic ? "public" : "unlisted",
                    tags, identifier(object.path("category")), identifier(object.path("licence")),
                    language != null && LANGUAGE.matcher(language).matches() ? language : null,
                    object.path("sensitive").asBoolean(false), object.path("commentsEnabled").asBoolean(true),
                    object.path("downloadEnabled").asBoolean(true));
        } catch (Refusal e) {
            throw new InvalidVideo("the Video " + id + ": " + e.getMessage());
        }
    }

    /** PeerTube's {@code {"identifier": "11", "name": ...}}; out of its 1..100 range it is dropped. */
    private static Integer identifier(JsonNode node) {
        try {
            int value = Integer.parseInt(node.path("identifier").asText(""));
            return value >= 1 && value <= 100 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The thumbnail: PeerTube lists the thumbnail then the preview in {@code icon}; the narrowest is the thumbnail. */
    private static Optional<String> thumbnail(JsonNode object) {
        JsonNode icons = object.path("icon");
        String best = null;
        int bestWidth = Integer.MAX_VALUE;
        Iterable<JsonNode> all = icons.isArray() ? icons : List.of(icons);
        for (JsonNode icon : all) {
            Optional<String> u = url(icon.path("url"));
            int width = icon.path("width").asInt(Integer.MAX_VALUE - 1);
            if (u.isPresent() && width < bestWidth) {
                best = u.get();
                bestWidth = width;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A number, or a collection's {@code totalItems}; PeerTube gives {@code likes} as a bare URL, which says nothing. */
    private static Optional<Long> count(JsonNode node) {
        JsonNode n = node.isObject() ? node.path("totalItems") : node;
        return n.canConvertToLong() && n.isIntegralNumber() && n.asLong() >= 0 ? Optional.of(n.asLong()) : Optional.empty();
    }

    private static Optional<Instant> instant(JsonNode node) {
        try {
            return node.isTextual() ? Optional.of(Instant.parse(node.asText())) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** An http(s) URL with a host, at most {@value #MAX_URL} characters; anything else is empty. */
    static Optional<String> url(JsonNode node) {
        if (!node.isTextual() || node.asText().length() > MAX_URL) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(node.asText());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getUserInfo() == null
                    ? Optional.of(node.asText()) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
