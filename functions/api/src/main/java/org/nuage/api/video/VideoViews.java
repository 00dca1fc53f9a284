package org.nuage.api.video;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.nuage.api.Parallel;
import org.nuage.api.account.Representations;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.core.account.Account;
import org.nuage.core.account.AccountStore;
import org.nuage.core.account.Channel;
import org.nuage.core.comment.Comment;
import org.nuage.core.comment.Comments;
import org.nuage.core.id.IdKind;
import org.nuage.core.id.NumericIds;
import org.nuage.core.video.MetadataRules;
import org.nuage.core.video.VideoConstants;
import org.nuage.core.federation.index.RemoteVideo;
import org.nuage.core.media.ObjectStore;
import org.nuage.core.transcode.Rendition;
import org.nuage.core.transcode.RenditionOutput;
import org.nuage.core.transcode.StillImage;
import org.nuage.core.transcode.TranscodeJob;
import org.nuage.core.transcode.TranscodeJobs;
import org.nuage.core.transcode.TranscodePlan;
import org.nuage.core.transcode.TranscodeService;
import org.nuage.core.video.ShortUuid;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;
import org.nuage.core.video.VideoReactions;

/**
 * Videos as the API shows them, in PeerTube's shapes: a summary for lists, and the full video with
 * its files, HLS playlists, torrents and transcoding progress. Media URLs are absolute: the files
 * live in the public bucket, not on the API's host.
 */
@ApplicationScoped
public class VideoViews {

    /**
     * PeerTube's {@code VideoState} ids where it has the state (1 published, 2 to transcode, 7
     * transcoding failed); PeerTube has no uploading state, as it creates the video after the upload.
     */
    static int stateId(Video.State state) {
        return switch (state) {
            case PUBLISHED -> 1;
            case TRANSCODING -> 2;
            case FAILED -> 7;
            case UPLOADING -> 0;
        };
    }

    /** PeerTube's {@code VideoPrivacy} ids. */
    static int privacyId(Video.Privacy privacy) {
        return switch (privacy) {
            case PUBLIC -> 1;
            case UNLISTED -> 2;
            case PRIVATE -> 3;
        };
    }

    /** Where PeerTube serves a video's thumbnail and preview; ours answer with a redirect to the media bucket. */
    public static final String THUMBNAIL_PATH = "/lazy-static/thumbnails/";
    public static final String PREVIEW_PATH = "/lazy-static/previews/";

    private final TranscodeJobs jobs;
    private final ObjectStore store;
    private final VideoReactions reactions;
    private final NumericIds ids;
    private final Representations representations;
    private final AccountStore accounts;
    private final Comments comments;
    private final VideoCatalog catalog;
    private final String base;
    private final List<String> trackers;

    public VideoViews(TranscodeJobs jobs, ObjectStore store, VideoReactions reactions, NumericIds ids,
            Representations representations, AccountStore accounts, Comments comments, InstanceConfig instance,
            org.nuage.aws.config.TrackerConfig trackers, VideoCatalog catalog) {
        this.catalog = catalog;
        this.trackers = trackers.trackers().stream().map(Object::toString).toList();
        this.jobs = jobs;
        this.store = store;
        this.reactions = reactions;
        this.ids = ids;
        this.representations = representations;
        this.accounts = accounts;
        this.comments = comments;
        this.base = instance.publicUrl().toString();
    }

    /**
     * What a list shows of a video: no files, one read of its job for the duration and images,
     * one of its counters.
     */
    public Map<String, Object> summary(Video video) {
        return summary(video, jobs.find(video.uuid()));
    }

    /**
     * The summaries of a page of videos, in its order, from two batched reads made at the same time
     * (the jobs, the counters) instead of two reads per card.
     */
    public List<Map<String, Object>> summaries(List<Video> videos) {
        return summaries(videos, cardData(videos.stream().map(Video::uuid).toList()));
    }

    /** What cards show beyond the video's own item: its job (duration, images), its counters and how many comments it has. */
    public record CardData(Map<String, TranscodeJob> jobs, Map<String, VideoReactions.Counters> counters,
            Map<String, Long> comments) {
    }

    /**
     * The jobs and counters of {@code uuids}, two batched reads made at the same time; a page that
     * is still finding out which of them it shows (trending) reads them alongside.
     */
    public CardData cardData(Collection<String> uuids) {
        if (uuids.isEmpty()) {
            return new CardData(Map.of(), Map.of(), Map.of());
        }
        CompletableFuture<Map<String, VideoReactions.Counters>> counters = Parallel.submit(() -> reactions.counters(uuids));
        List<String> all = List.copyOf(uuids);
        CompletableFuture<List<Long>> commentCounts = Parallel.submit(() -> Parallel.map(all, this::commentCount));
        Map<String, TranscodeJob> found = jobs.findAll(uuids);
        Map<String, Long> counted = new java.util.HashMap<>();
        List<Long> countList = Parallel.join(commentCounts);
        for (int i = 0; i < all.size(); i++) {
            counted.put(all.get(i), countList.get(i));
        }
        return new CardData(found, Parallel.join(counters), counted);
    }

    /** The summaries of {@code videos}, whose jobs and counters are in {@code data}. */
    public List<Map<String, Object>> summaries(List<Video> videos, CardData data) {
        Owners owners = owners(videos);
        Map<String, Long> numbers = numbers(videos);
        return videos.stream().map(v -> summary(v, Optional.ofNullable(data.jobs().get(v.uuid())),
                data.counters().getOrDefault(v.uuid(), VideoReactions.Counters.NONE), numbers.get(v.uuid()),
                Optional.ofNullable(data.comments().get(v.uuid())).orElseGet(() -> commentCount(v.uuid())), owners,
                false)).toList();
    }

    /**
     * The videos' numbers: those their items keep, the others read from the numbers' own items (or
     * given now) in one batch and kept on their items for the next read.
     */
    private Map<String, Long> numbers(List<Video> videos) {
        Map<String, Long> numbers = new java.util.HashMap<>();
        List<String> missing = new ArrayList<>();
        for (Video video : videos) {
            if (video.numericId() > 0) {
                numbers.put(video.uuid(), video.numericId());
            } else {
                missing.add(video.uuid());
            }
        }
        if (!missing.isEmpty()) {
            Map<String, Long> found = ids.idsOf(IdKind.VIDEO, missing);
            Parallel.map(missing, uuid -> {
                catalog.recordNumber(uuid, found.get(uuid));
                return uuid;
            });
            numbers.putAll(found);
        }
        return numbers;
    }

    /** The video's number, kept on its item if it was not yet. */
    public long number(Video video) {
        return numbers(List.of(video)).get(video.uuid());
    }

    private Map<String, Object> summary(Video video, Optional<TranscodeJob> job) {
        CompletableFuture<VideoReactions.Counters> counters = Parallel.submit(() -> reactions.counters(video.uuid()));
        CompletableFuture<Long> count = Parallel.submit(() -> commentCount(video.uuid()));
        long id = number(video);
        Owners owners = owners(List.of(video));
        return summary(video, job, Parallel.join(counters), id, Parallel.join(count), owners, false);
    }

    /**
     * The accounts and channels of a page of videos and their summaries, each read and numbered
     * once, all at the same time.
     */
    private record Owners(Map<String, Optional<Account>> accounts, Map<String, Optional<Channel>> channels,
            Map<String, Map<String, Object>> accountSummaries, Map<String, Map<String, Object>> channelSummaries) {
    }

    private Owners owners(List<Video> videos) {
        List<String> names = videos.stream().map(Video::owner).distinct().toList();
        List<String> channelNames = videos.stream().map(Video::channel).distinct().toList();
        CompletableFuture<List<Map.Entry<Optional<Channel>, Map<String, Object>>>> channels = Parallel.submit(
                () -> Parallel.map(channelNames, name -> {
                    Optional<Channel> channel = accounts.findChannel(name);
                    return Map.entry(channel, channel.map(representations::channelSummary).orElseGet(() -> gone(
                            representations.channelId(name), name, representations.channelUrl(name))));
                }));
        List<Map.Entry<Optional<Account>, Map<String, Object>>> found = Parallel.map(names, name -> {
            Optional<Account> account = accounts.findAccount(name);
            return Map.entry(account, account.map(representations::accountSummary).orElseGet(() -> gone(
                    representations.accountId(name), name, representations.accountUrl(name))));
        });
        List<Map.Entry<Optional<Channel>, Map<String, Object>>> foundChannels = Parallel.join(channels);
        Owners owners = new Owners(new java.util.HashMap<>(), new java.util.HashMap<>(), new java.util.HashMap<>(),
                new java.util.HashMap<>());
        for (int i = 0; i < names.size(); i++) {
            owners.accounts().put(names.get(i), found.get(i).getKey());
            owners.accountSummaries().put(names.get(i), found.get(i).getValue());
        }
        for (int i = 0; i < channelNames.size(); i++) {
            owners.channels().put(channelNames.get(i), foundChannels.get(i).getKey());
            owners.channelSummaries().put(channelNames.get(i), foundChannels.get(i).getValue());
        }
        return owners;
    }

    /** Comments PeerTube counts on a video: those not deleted. */
    private long commentCount(String uuid) {
        return comments.of(uuid).stream().filter(c -> !c.deleted()).count();
    }

    private Map<String, Object> summary(Video video, Optional<TranscodeJob> job, VideoReactions.Counters counters,
            long id, long commentCount, Owners owners, boolean whole) {
        Video.VideoMetadata m = video.metadata();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("uuid", video.uuid());
        json.put("shortUUID", ShortUuid.of(video.uuid()));
        json.put("url", base + "/videos/watch/" + video.uuid());
        json.put("name", m.name());
        common(json, m, whole);
        json.put("commentsEnabled", m.commentsEnabled());
        json.put("downloadEnabled", m.downloadEnabled());
        json.put("state", state(video.state()));
        video.failureReason().ifPresent(r -> json.put("failureReason", r));
        json.put("duration", job.map(j -> (long) Math.round(j.sourceSeconds())).orElse(0L));
        json.put("aspectRatio", null);
        List<Map<String, Object>> thumbnails = new ArrayList<>();
        job.ifPresent(j -> {
            for (StillImage image : j.plan().images()) {
                boolean thumbnail = image.kind() == StillImage.Kind.THUMBNAIL;
                String field = thumbnail ? "thumbnailUrl" : "previewUrl";
                // Images exist once their task is done; before that a list shows its placeholder.
                if (j.imagesDone()) {
                    String url = store.publicUrl(image.key()).toString();
                    json.put(field, url);
                    json.put(thumbnail ? "thumbnailPath" : "previewPath",
                            (thumbnail ? THUMBNAIL_PATH : PREVIEW_PATH) + video.uuid() + ".jpg");
                    thumbnails.add(thumbnail(image.width(), image.height(), url));
                }
                if (thumbnail && image.height() > 0) {
                    json.put("aspectRatio", Math.round(image.width() * 100.0 / image.height()) / 100.0);
                }
            }
        });
        // PeerTube sends null paths while a video has no image (a live waiting for its stream).
        json.putIfAbsent("thumbnailPath", null);
        json.putIfAbsent("previewPath", null);
        json.put("thumbnails", thumbnails);
        json.put("embedPath", "/videos/embed/" + video.uuid());
        json.put("embedUrl", base + "/videos/embed/" + video.uuid());
        json.put("isLocal", true);
        json.put("isLive", false);
        json.put("views", counters.views());
        json.put("viewers", 0);
        json.put("downloads", 0);
        json.put("likes", counters.likes());
        json.put("dislikes", counters.dislikes());
        json.put("comments", commentCount);
        json.put("waitTranscoding", true);
        json.put("blacklisted", false);
        json.put("blacklistedReason", null);
        Optional<Account> owner = owners.accounts().getOrDefault(video.owner(), Optional.empty());
        Optional<Channel> channel = owners.channels().getOrDefault(video.channel(), Optional.empty());
        if (whole && owner.isPresent() && channel.isPresent()) {
            json.put("account", representations.account(owner.get()));
            json.put("channel", representations.channel(channel.get(), owner.get()));
        } else {
            // A copy: the summaries are shared by the page's videos of the same owner.
            json.put("account", new LinkedHashMap<>(owners.accountSummaries().get(video.owner())));
            json.put("channel", new LinkedHashMap<>(owners.channelSummaries().get(video.channel())));
        }
        json.put("createdAt", video.createdAt().toString());
        // Nuage keeps no publication or edit dates: a video is public from its creation on.
        json.put("publishedAt", video.createdAt().toString());
        json.put("updatedAt", video.createdAt().toString());
        json.put("originallyPublishedAt", null);
        return json;
    }

    /** What a video shows of an account or channel that is no longer stored. */
    private Map<String, Object> gone(long id, String name, String url) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", name);
        json.put("displayName", name);
        json.put("url", url);
        json.put("host", representations.host());
        json.put("avatars", List.of());
        return json;
    }

    /** The fields of PeerTube's Video that a local and a remote video fill alike from their metadata. */
    private static void common(Map<String, Object> json, Video.VideoMetadata m, boolean whole) {
        String truncated = MetadataRules.truncated(m.description());
        json.put("description", whole ? m.description() : truncated);
        json.put("truncatedDescription", truncated);
        json.put("support", null);
        json.put("privacy", VideoConstants.constant(VideoConstants.PRIVACIES, Optional.of(privacyId(m.privacy()))));
        json.put("category", VideoConstants.constant(VideoConstants.CATEGORIES, m.category()));
        json.put("licence", VideoConstants.constant(VideoConstants.LICENCES, m.licence()));
        json.put("language", VideoConstants.language(m.language()));
        json.put("tags", m.tags());
        json.put("nsfw", m.nsfw());
        json.put("nsfwFlags", 0);
        json.put("nsfwSummary", null);
        json.put("commentsPolicy", VideoConstants.constant(VideoConstants.COMMENTS_POLICIES,
                Optional.of(m.commentsEnabled() ? 1 : 2)));
    }

    /** PeerTube's {@code ThumbnailAspectRatio} values, each with its width over height. */
    private static final Map<String, Double> THUMBNAIL_RATIOS = Map.of("16:9", 16 / 9.0, "16:10", 16 / 10.0,
            "4:3", 4 / 3.0, "5:4", 5 / 4.0, "1:1", 1.0);

    /**
     * One size of a video's image as PeerTube's {@code Thumbnail}: the thumbnail and the preview are
     * both in {@code thumbnails}, which replaces {@code thumbnailPath} and {@code previewPath}.
     */
    private static Map<String, Object> thumbnail(int width, int height, String url) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("width", width);
        json.put("height", height);
        double ratio = height > 0 ? (double) width / height : 16 / 9.0;
        // The named ratio nearest the image's; PeerTube names no other.
        json.put("aspectRatio", THUMBNAIL_RATIOS.entrySet().stream()
                .min(java.util.Comparator.comparingDouble(e -> Math.abs(e.getValue() - ratio))).orElseThrow().getKey());
        json.put("fileUrl", url);
        return json;
    }

    /** PeerTube's {@code state}; Nuage's uploading state, which PeerTube has not, keeps its own label. */
    private static Map<String, Object> state(Video.State state) {
        int id = stateId(state);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("label", id == 0 ? label(state.name()) : VideoConstants.label(VideoConstants.STATES, id));
        return json;
    }

    /**
     * A video of another server in PeerTube's list shape, with {@code isLocal: false} and the
     * origin's host on its account and channel; its files stay where they are.
     */
    public Map<String, Object> remote(RemoteVideo video) {
        return remote(video, false);
    }

    private Map<String, Object> remote(RemoteVideo video, boolean whole) {
        Video.VideoMetadata m = video.metadata();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", ids.idOf(IdKind.VIDEO, video.uuid()));
        json.put("uuid", video.uuid());
        json.put("shortUUID", ShortUuid.of(video.uuid()));
        json.put("url", video.url());
        json.put("name", m.name());
        common(json, m, whole);
        json.put("state", state(Video.State.PUBLISHED));
        json.put("duration", video.durationSeconds());
        json.put("aspectRatio", null);
        video.thumbnailUrl().ifPresent(t -> json.put("thumbnailUrl", t));
        // Paths on this instance, as PeerTube gives another server's video (VideoImagesResource
        // points them at the origin's image); null only when the origin named no image.
        json.put("thumbnailPath", video.thumbnailUrl().map(t -> THUMBNAIL_PATH + video.uuid() + ".jpg").orElse(null));
        json.put("previewPath", video.thumbnailUrl().map(t -> PREVIEW_PATH + video.uuid() + ".jpg").orElse(null));
        json.put("thumbnails", video.thumbnailUrl().map(t -> List.of(thumbnail(0, 0, t))).orElse(List.of()));
        json.put("embedPath", "/videos/embed/" + video.uuid());
        json.put("views", video.views().orElse(0L));
        json.put("viewers", 0);
        json.put("downloads", 0);
        json.put("likes", video.likes().orElse(0L));
        json.put("dislikes", 0L);
        json.put("comments", 0);
        json.put("isLocal", false);
        json.put("isLive", false);
        json.put("waitTranscoding", false);
        json.put("blacklisted", false);
        json.put("blacklistedReason", null);
        if (whole) {
            Map<String, Object> account = representations.remoteAccount(video.accountId(),
                    name(video.accountId()), video.published());
            Map<String, Object> channel = representations.remoteAccount(video.channelId(),
                    name(video.channelId()), video.published());
            channel.put("id", representations.remoteSummary(IdKind.CHANNEL, video.channelId()).get("id"));
            channel.remove("userId");
            channel.put("support", null);
            channel.put("isLocal", false);
            channel.put("banners", List.of());
            json.put("account", account);
            json.put("channel", channel);
        } else {
            json.put("account", representations.remoteSummary(IdKind.ACCOUNT, video.accountId()));
            json.put("channel", representations.remoteSummary(IdKind.CHANNEL, video.channelId()));
        }
        json.put("publishedAt", video.published().toString());
        json.put("createdAt", video.published().toString());
        json.put("updatedAt", video.updated().toString());
        json.put("originallyPublishedAt", null);
        json.put("files", video.mp4Urls().stream().map(u -> Map.of("fileUrl", u)).toList());
        json.put("streamingPlaylists", video.hlsPlaylistUrl().map(u -> List.of(Map.<String, Object>of("id", 1, "type", 1,
                "playlistUrl", u))).orElse(List.of()));
        return json;
    }

    /**
     * A remote video alone, with our users' likes and dislikes of it where the origin's Video object
     * gives no count (PeerTube gives {@code likes} as a collection's URL): the rates we sent are all
     * we know of. Lists skip that read, one per video, and show the origin's counts only.
     */
    public Map<String, Object> remoteDetail(RemoteVideo video) {
        Map<String, Object> json = remote(video, true);
        // The origin's trackers are in its torrents; the Video object does not name them.
        json.put("trackerUrls", List.of());
        json.put("commentsPolicy", VideoConstants.constant(VideoConstants.COMMENTS_POLICIES, Optional.of(1)));
        VideoReactions.Counters ours = reactions.counters(video.uuid());
        json.put("likes", video.likes().orElse(ours.likes()));
        json.put("dislikes", ours.dislikes());
        return json;
    }

    /** PeerTube names actors by the last segment of their URL. */
    private static String name(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** The whole video: files, streaming playlists and, while it is transcoded, the progress per rendition. */
    public Map<String, Object> detail(Video video) {
        CompletableFuture<VideoReactions.Counters> counters = Parallel.submit(() -> reactions.counters(video.uuid()));
        CompletableFuture<Long> count = Parallel.submit(() -> commentCount(video.uuid()));
        CompletableFuture<Owners> owners = Parallel.submit(() -> owners(List.of(video)));
        Optional<TranscodeJob> job = jobs.find(video.uuid());
        long id = number(video);
        Map<String, Object> json = summary(video, job, Parallel.join(counters), id, Parallel.join(count),
                Parallel.join(owners), true);
        // The trackers its torrents and magnet links announce.
        json.put("trackerUrls", trackers);
        List<RenditionOutput> outputs = job.isPresent() ? ordered(jobs.outputs(video.uuid())) : List.of();
        boolean published = video.state() == Video.State.PUBLISHED;
        List<Map<String, Object>> files = new ArrayList<>();
        List<Map<String, Object>> playlistFiles = new ArrayList<>();
        if (published) {
            int n = 0;
            for (RenditionOutput output : outputs) {
                // PeerTube numbers files in its database; ours are numbered within the video, MP4s then HLS.
                files.add(file(++n, output));
                Map<String, Object> hls = file(outputs.size() + n, output);
                hls.put("playlistUrl", store.publicUrl(output.hlsPlaylistKey()).toString());
                playlistFiles.add(hls);
            }
        }
        json.put("files", files);
        List<Map<String, Object>> playlists = new ArrayList<>();
        if (published && job.isPresent()) {
            TranscodePlan plan = job.get().plan();
            Map<String, Object> playlist = new LinkedHashMap<>();
            playlist.put("id", 1);
            // PeerTube's VideoStreamingPlaylistType.HLS.
            playlist.put("type", 1);
            playlist.put("playlistUrl", store.publicUrl(plan.masterPlaylistKey()).toString());
            playlist.put("segmentsSha256Url", store.publicUrl(TranscodeService.segmentsSha256Key(plan)).toString());
            playlist.put("redundancies", List.of());
            playlist.put("files", playlistFiles);
            playlists.add(playlist);
        }
        json.put("streamingPlaylists", playlists);
        if (video.state() == Video.State.TRANSCODING) {
            json.put("transcoding", progress(job));
        }
        return json;
    }

    private Map<String, Object> file(int id, RenditionOutput output) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("id", id);
        file.put("resolution", resolution(output));
        file.put("size", output.mp4Bytes());
        file.put("fps", output.fps());
        file.put("width", output.width());
        file.put("height", output.height());
        String url = store.publicUrl(output.mp4Key()).toString();
        file.put("fileUrl", url);
        file.put("fileDownloadUrl", url);
        String torrent = store.publicUrl(output.torrentKey()).toString();
        file.put("torrentUrl", torrent);
        file.put("torrentDownloadUrl", torrent);
        file.put("hasAudio", true);
        file.put("hasVideo", output.resolution() > 0);
        // PeerTube's FileStorage.OBJECT_STORAGE: the bytes are in a bucket, not on the server's disk.
        file.put("storage", 1);
        file.put("infoHash", output.infoHash());
        file.put("magnetUri", output.magnetUri());
        return file;
    }

    private static Map<String, Object> progress(Optional<TranscodeJob> job) {
        Map<String, Object> progress = new LinkedHashMap<>();
        if (job.isEmpty()) {
            // Probing: the plan is made once the upload is known to be a video.
            progress.put("progress", 0);
            progress.put("renditions", List.of());
            return progress;
        }
        TranscodeJob j = job.get();
        progress.put("progress", j.percent());
        List<Map<String, Object>> renditions = new ArrayList<>();
        for (Rendition rendition : j.plan().renditions()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("resolution", rendition.resolution());
            r.put("label", rendition.hasVideo() ? rendition.resolution() + "p" : "Audio");
            r.put("done", j.renditionDone(rendition.name()));
            if (j.chunked(rendition)) {
                r.put("chunks", j.plan().chunks().chunks().size());
                r.put("chunksDone", j.chunksFinished(rendition.name()));
            }
            renditions.add(r);
        }
        progress.put("renditions", renditions);
        return progress;
    }

    private static List<RenditionOutput> ordered(List<RenditionOutput> outputs) {
        return outputs.stream().sorted(Comparator.comparingInt(RenditionOutput::resolution).reversed()).toList();
    }

    private static Map<String, Object> resolution(RenditionOutput output) {
        return Map.of("id", output.resolution(), "label", output.resolution() > 0 ? output.resolution() + "p" : "Audio");
    }

    static String label(String constant) {
        return constant.charAt(0) + constant.substring(1).toLowerCase(Locale.ROOT);
    }
}
