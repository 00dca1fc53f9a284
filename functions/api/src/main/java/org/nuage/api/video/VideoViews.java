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
import org.nuage.core.federation.follow.Subscription;
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

    private final TranscodeJobs jobs;
    private final ObjectStore store;
    private final VideoReactions reactions;

    public VideoViews(TranscodeJobs jobs, ObjectStore store, VideoReactions reactions) {
        this.jobs = jobs;
        this.store = store;
        this.reactions = reactions;
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

    /** What cards show beyond the video's own item: its job (duration, images) and its counters. */
    public record CardData(Map<String, TranscodeJob> jobs, Map<String, VideoReactions.Counters> counters) {
    }

    /**
     * The jobs and counters of {@code uuids}, two batched reads made at the same time; a page that
     * is still finding out which of them it shows (trending) reads them alongside.
     */
    public CardData cardData(Collection<String> uuids) {
        if (uuids.isEmpty()) {
            return new CardData(Map.of(), Map.of());
        }
        CompletableFuture<Map<String, VideoReactions.Counters>> counters = Parallel.submit(() -> reactions.counters(uuids));
        Map<String, TranscodeJob> found = jobs.findAll(uuids);
        return new CardData(found, Parallel.join(counters));
    }

    /** The summaries of {@code videos}, whose jobs and counters are in {@code data}. */
    public List<Map<String, Object>> summaries(List<Video> videos, CardData data) {
        return videos.stream().map(v -> summary(v, Optional.ofNullable(data.jobs().get(v.uuid())),
                data.counters().getOrDefault(v.uuid(), VideoReactions.Counters.NONE))).toList();
    }

    private Map<String, Object> summary(Video video, Optional<TranscodeJob> job) {
        return summary(video, job, reactions.counters(video.uuid()));
    }

    private Map<String, Object> summary(Video video, Optional<TranscodeJob> job, VideoReactions.Counters counters) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uuid", video.uuid());
        json.put("shortUUID", ShortUuid.of(video.uuid()));
        json.put("name", video.metadata().name());
        json.put("description", video.metadata().description());
        json.put("privacy", Map.of("id", privacyId(video.metadata().privacy()), "label", label(video.metadata().privacy().name())));
        json.put("category", idOrNull(video.metadata().category()));
        json.put("licence", idOrNull(video.metadata().licence()));
        json.put("language", Map.of("id", video.metadata().language().orElse(""), "label", video.metadata().language().orElse("")));
        json.put("tags", video.metadata().tags());
        json.put("nsfw", video.metadata().nsfw());
        json.put("commentsEnabled", video.metadata().commentsEnabled());
        json.put("downloadEnabled", video.metadata().downloadEnabled());
        json.put("state", Map.of("id", stateId(video.state()), "label", label(video.state().name())));
        video.failureReason().ifPresent(r -> json.put("failureReason", r));
        json.put("duration", job.map(j -> (long) Math.round(j.sourceSeconds())).orElse(0L));
        job.ifPresent(j -> {
            for (StillImage image : j.plan().images()) {
                String field = image.kind() == StillImage.Kind.THUMBNAIL ? "thumbnailUrl" : "previewUrl";
                // Images exist once their task is done; before that a list shows its placeholder.
                if (j.imagesDone()) {
                    json.put(field, store.publicUrl(image.key()).toString());
                }
            }
        });
        json.put("isLocal", true);
        json.put("views", counters.views());
        json.put("likes", counters.likes());
        json.put("dislikes", counters.dislikes());
        json.put("channel", Map.of("name", video.channel()));
        json.put("account", Map.of("name", video.owner()));
        json.put("createdAt", video.createdAt().toString());
        return json;
    }

    /**
     * A video of another server in PeerTube's list shape, with {@code isLocal: false} and the
     * origin's host on its account and channel; its files stay where they are.
     */
    public Map<String, Object> remote(RemoteVideo video) {
        Video.VideoMetadata m = video.metadata();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uuid", video.uuid());
        json.put("shortUUID", ShortUuid.of(video.uuid()));
        json.put("url", video.url());
        json.put("name", m.name());
        json.put("description", m.description());
        json.put("privacy", Map.of("id", privacyId(m.privacy()), "label", label(m.privacy().name())));
        json.put("category", idOrNull(m.category()));
        json.put("licence", idOrNull(m.licence()));
        json.put("language", Map.of("id", m.language().orElse(""), "label", m.language().orElse("")));
        json.put("tags", m.tags());
        json.put("nsfw", m.nsfw());
        json.put("duration", video.durationSeconds());
        video.thumbnailUrl().ifPresent(t -> json.put("thumbnailUrl", t));
        json.put("views", video.views().orElse(0L));
        json.put("likes", video.likes().orElse(0L));
        json.put("isLocal", false);
        json.put("account", actor(video.accountId()));
        json.put("channel", actor(video.channelId()));
        json.put("publishedAt", video.published().toString());
        json.put("createdAt", video.published().toString());
        json.put("updatedAt", video.updated().toString());
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
        Map<String, Object> json = remote(video);
        VideoReactions.Counters ours = reactions.counters(video.uuid());
        json.put("likes", video.likes().orElse(ours.likes()));
        json.put("dislikes", ours.dislikes());
        return json;
    }

    /** An owner of a remote video: PeerTube names actors by the last segment of their URL. */
    private static Map<String, Object> actor(String url) {
        return Map.of("name", url.substring(url.lastIndexOf('/') + 1), "host", Subscription.hostOf(url), "url", url);
    }

    /** The whole video: files, streaming playlists and, while it is transcoded, the progress per rendition. */
    public Map<String, Object> detail(Video video) {
        Optional<TranscodeJob> job = jobs.find(video.uuid());
        Map<String, Object> json = summary(video, job);
        List<RenditionOutput> outputs = job.isPresent() ? ordered(jobs.outputs(video.uuid())) : List.of();
        boolean published = video.state() == Video.State.PUBLISHED;
        List<Map<String, Object>> files = new ArrayList<>();
        List<Map<String, Object>> playlistFiles = new ArrayList<>();
        if (published) {
            for (RenditionOutput output : outputs) {
                files.add(file(output, video.metadata().downloadEnabled()));
                Map<String, Object> hls = new LinkedHashMap<>();
                hls.put("resolution", resolution(output));
                hls.put("fps", output.fps());
                hls.put("width", output.width());
                hls.put("height", output.height());
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
            playlist.put("files", playlistFiles);
            playlists.add(playlist);
        }
        json.put("streamingPlaylists", playlists);
        if (video.state() == Video.State.TRANSCODING) {
            json.put("transcoding", progress(job));
        }
        return json;
    }

    private Map<String, Object> file(RenditionOutput output, boolean downloadEnabled) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("resolution", resolution(output));
        file.put("size", output.mp4Bytes());
        file.put("fps", output.fps());
        file.put("width", output.width());
        file.put("height", output.height());
        String url = store.publicUrl(output.mp4Key()).toString();
        file.put("fileUrl", url);
        if (downloadEnabled) {
            file.put("fileDownloadUrl", url);
        }
        file.put("torrentUrl", store.publicUrl(output.torrentKey()).toString());
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

    private static Object idOrNull(Optional<Integer> id) {
        return id.<Object>map(i -> Map.of("id", i)).orElse(null);
    }

    static String label(String constant) {
        return constant.charAt(0) + constant.substring(1).toLowerCase(Locale.ROOT);
    }
}
