package org.nuage.core.federation;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nuage.core.media.ObjectStore;
import org.nuage.core.transcode.RenditionOutput;
import org.nuage.core.transcode.StillImage;
import org.nuage.core.transcode.TranscodeJob;
import org.nuage.core.transcode.TranscodeJobs;
import org.nuage.core.transcode.TranscodeService;
import org.nuage.core.video.Video;

/**
 * Our videos as ActivityPub {@code Video} objects in PeerTube's shape (what PeerTube's parser
 * reads: {@code url[]} with the page first, MP4s with their sizes, torrents, magnets, the HLS
 * playlist; {@code duration} as {@code PT{seconds}S}), plus an {@code attachment} that Mastodon,
 * which ignores {@code url[]}, plays inline.
 */
public final class VideoObjects {

    public static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

    /**
     * Mastodon refuses remote video attachments over 99 MB ({@code MediaAttachment::VIDEO_LIMIT},
     * 4.x); we stay well under with the largest rendition up to 720p that is under 40 MB, the
     * limit of older Mastodon versions still in use.
     */
    static final long MASTODON_ATTACHMENT_LIMIT_BYTES = 40L * 1024 * 1024;
    static final int MASTODON_ATTACHMENT_MAX_RESOLUTION = 720;

    /**
     * Defines every member our Video objects use, the later ones as PeerTube's context does: a member
     * the context leaves out is dropped from the signed graph by Mastodon's and PeerTube's JSON-LD
     * processors, and makes Fedify's (jsonld.js in safe mode) refuse our LD signature outright.
     */
    static final List<Object> CONTEXT = List.of("https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1",
            Map.ofEntries(Map.entry("pt", "https://joinpeertube.org/ns#"), Map.entry("sc", "http://schema.org/"),
                    Map.entry("Hashtag", "as:Hashtag"), Map.entry("uuid", "sc:identifier"),
                    Map.entry("category", "sc:category"), Map.entry("licence", "sc:license"),
                    Map.entry("sensitive", "as:sensitive"), Map.entry("language", "sc:inLanguage"),
                    Map.entry("commentsEnabled", "pt:commentsEnabled"), Map.entry("downloadEnabled", "pt:downloadEnabled"),
                    Map.entry("waitTranscoding", "sc:Boolean"), Map.entry("state", "pt:state"),
                    Map.entry("Infohash", "pt:Infohash"), Map.entry("identifier", "sc:identifier"),
                    Map.entry("views", number("pt:views")), Map.entry("size", number("pt:size")),
                    Map.entry("fps", number("pt:fps")), Map.entry("commentsPolicy", number("pt:commentsPolicy")),
                    Map.entry("dislikes", Map.of("@id", "as:dislikes", "@type", "@id"))));

    private static Map<String, String> number(String id) {
        return Map.of("@id", id, "@type", "sc:Number");
    }

    private final TranscodeJobs jobs;
    private final ObjectStore store;
    private final String base;

    public VideoObjects(TranscodeJobs jobs, ObjectStore store, URI base) {
        this.jobs = jobs;
        this.store = store;
        this.base = base.toString().replaceAll("/+$", "");
    }

    public String videoUrl(String uuid) {
        return base + "/videos/watch/" + uuid;
    }

    public String accountUrl(String name) {
        return base + "/accounts/" + name;
    }

    public String channelUrl(String name) {
        return base + "/video-channels/" + name;
    }

    /** The Video object of a published public or unlisted video; empty for anything else. */
    public Optional<Map<String, Object>> video(Video video) {
        return video(video, 0);
    }

    /** The Video object with its {@code views} count, which PeerTube's followers copy from it. */
    public Optional<Map<String, Object>> video(Video video, long views) {
        if (video.state() != Video.State.PUBLISHED || video.metadata().privacy() == Video.Privacy.PRIVATE) {
            return Optional.empty();
        }
        Optional<TranscodeJob> job = jobs.find(video.uuid());
        if (job.isEmpty()) {
            return Optional.empty();
        }
        List<RenditionOutput> outputs = jobs.outputs(video.uuid()).stream()
                .sorted(Comparator.comparingInt(RenditionOutput::resolution).reversed()).toList();
        String id = videoUrl(video.uuid());
        Video.VideoMetadata m = video.metadata();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@context", CONTEXT);
        json.putAll(audience(video));
        json.put("type", "Video");
        json.put("id", id);
        json.put("name", m.name());
        json.put("duration", "PT" + Math.round(job.get().sourceSeconds()) + "S");
        json.put("uuid", video.uuid());
        m.category().ifPresent(c -> json.put("category", Map.of("identifier", c.toString(), "name", "")));
        m.licence().ifPresent(l -> json.put("licence", Map.of("identifier", l.toString(), "name", "")));
        m.language().ifPresent(l -> json.put("language", Map.of("identifier", l, "name", l)));
        json.put("views", views);
        json.put("sensitive", m.nsfw());
        json.put("waitTranscoding", true);
        json.put("state", 1);
        json.put("commentsEnabled", m.commentsEnabled());
        // PeerTube 6.2+: 1 enabled, 2 disabled.
        json.put("commentsPolicy", m.commentsEnabled() ? 1 : 2);
        json.put("downloadEnabled", m.downloadEnabled());
        json.put("published", video.createdAt().toString());
        json.put("updated", video.createdAt().toString());
        json.put("tag", m.tags().stream().map(t -> Map.of("type", "Hashtag", "name", t)).toList());
        json.put("mediaType", "text/markdown");
        json.put("content", m.description());
        json.put("icon", job.get().plan().images().stream().map(this::image).toList());
        json.put("url", urls(video, job.get(), outputs));
        json.put("attributedTo", List.of(Map.of("type", "Person", "id", accountUrl(video.owner())),
                Map.of("type", "Group", "id", channelUrl(video.channel()))));
        attachment(outputs).ifPresent(a -> json.put("attachment", List.of(a)));
        // PeerTube's followers read the counts from these collections' totalItems when the video changes.
        json.put("likes", id + "/likes");
        json.put("dislikes", id + "/dislikes");
        json.put("shares", id + "/announces");
        return Optional.of(json);
    }

    /** Public videos are addressed to everyone, unlisted ones to the followers with the public in copy. */
    public Map<String, Object> audience(Video video) {
        String followers = accountUrl(video.owner()) + "/followers";
        return video.metadata().privacy() == Video.Privacy.PUBLIC
                ? Map.of("to", List.of(PUBLIC), "cc", List.of(followers))
                : Map.of("to", List.of(followers), "cc", List.of(PUBLIC));
    }

    private Map<String, Object> image(StillImage image) {
        return Map.of("type", "Image", "url", store.publicUrl(image.key()).toString(), "mediaType", "image/jpeg",
                "width", image.width(), "height", image.height());
    }

    private List<Object> urls(Video video, TranscodeJob job, List<RenditionOutput> outputs) {
        List<Object> urls = new ArrayList<>();
        // First: Mastodon takes the first text/html link for the link card.
        urls.add(Map.of("type", "Link", "mediaType", "text/html", "href", videoUrl(video.uuid())));
        for (RenditionOutput output : outputs) {
            Map<String, Object> size = Map.of("height", output.height(), "width", output.width(), "fps",
                    Math.round(output.fps()));
            Map<String, Object> mp4 = new LinkedHashMap<>(Map.of("type", "Link", "mediaType", "video/mp4",
                    "href", store.publicUrl(output.mp4Key()).toString(), "size", output.mp4Bytes()));
            mp4.putAll(size);
            urls.add(mp4);
            Map<String, Object> torrent = new LinkedHashMap<>(Map.of("type", "Link", "mediaType", "application/x-bittorrent",
                    "href", store.publicUrl(output.torrentKey()).toString()));
            torrent.putAll(size);
            urls.add(torrent);
            Map<String, Object> magnet = new LinkedHashMap<>(Map.of("type", "Link",
                    "mediaType", "application/x-bittorrent;x-scheme-handler/magnet", "href", output.magnetUri()));
            magnet.putAll(size);
            urls.add(magnet);
        }
        List<Object> hlsTags = new ArrayList<>();
        hlsTags.add(Map.of("type", "Link", "name", "sha256", "mediaType", "application/json",
                "href", store.publicUrl(TranscodeService.segmentsSha256Key(job.plan())).toString()));
        for (RenditionOutput output : outputs) {
            hlsTags.add(Map.of("type", "Link", "mediaType", "application/x-mpegURL",
                    "href", store.publicUrl(output.hlsPlaylistKey()).toString(), "height", output.height(),
                    "width", output.width(), "fps", Math.round(output.fps())));
        }
        urls.add(Map.of("type", "Link", "mediaType", "application/x-mpegURL",
                "href", store.publicUrl(job.plan().masterPlaylistKey()).toString(), "tag", hlsTags));
        return urls;
    }

    /** The MP4 Mastodon plays inline: the largest up to 720p within its size limit, else the smallest. */
    private Optional<Map<String, Object>> attachment(List<RenditionOutput> outputs) {
        Optional<RenditionOutput> chosen = outputs.stream()
                .filter(o -> o.resolution() > 0 && o.resolution() <= MASTODON_ATTACHMENT_MAX_RESOLUTION
                        && o.mp4Bytes() <= MASTODON_ATTACHMENT_LIMIT_BYTES)
                .max(Comparator.comparingInt(RenditionOutput::resolution))
                .or(() -> outputs.stream().filter(o -> o.resolution() > 0).min(Comparator.comparingLong(RenditionOutput::mp4Bytes)));
        return chosen.map(o -> Map.of("type", "Document", "mediaType", "video/mp4",
                "url", store.publicUrl(o.mp4Key()).toString(), "width", o.width(), "height", o.height()));
    }
}
