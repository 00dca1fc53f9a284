package org.nuage.core.transcode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.nuage.core.json.Json;
import org.nuage.core.media.ObjectStore;
import org.nuage.core.media.ObjectStore.Bucket;
import org.nuage.core.media.ProbeReport;
import org.nuage.core.queue.WorkQueue;
import org.nuage.core.torrent.Torrent;
import org.nuage.core.torrent.TorrentBuilder;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;

/**
 * Turns a probed upload into a published video. The plan is split into tasks, one queue message
 * each, so renditions (and the chunks of a long one) are encoded by parallel invocations; each task
 * records its outcome in the job with one atomic update, and whichever task completes the set
 * publishes.
 *
 * <p>Every step may run twice: SQS delivers at least once, and a task that dies half-way is
 * retried. A task whose outcome is recorded is not redone; one that is not overwrites the same
 * keys with the same content; and the steps that follow a completion (joining chunks, publishing)
 * are themselves idempotent, so they are simply triggered again.
 */
public final class TranscodeService {

    private static final Logger LOG = Logger.getLogger(TranscodeService.class.getName());

    /**
     * An encode shorter than this share of the probed length means ffmpeg stopped early: a
     * truncated or damaged file whose header promised more than it holds.
     */
    static final double MIN_ENCODED_SHARE = 0.9;

    /** Slack for containers whose duration is rounded or padded (a frame or two, an AAC priming). */
    static final double DURATION_SLACK_SECONDS = 0.5;

    /**
     * Concurrent PUTs per rendition: enough to hide S3's per-request latency for a rendition's few
     * dozen segments, few enough to leave the encoder its CPU and the function its connections.
     */
    static final int UPLOAD_THREADS = 6;

    private final LadderPlanner planner;
    private final TranscodeJobs jobs;
    private final VideoCatalog videos;
    private final WorkQueue queue;
    private final ObjectStore store;
    private final FfmpegCommand commands;
    private final FfmpegRunner ffmpeg;
    private final List<URI> trackers;
    private final Path workRoot;
    private final Consumer<Video> onPublished;
    private final Clock clock;

    /**
     * {@code onPublished} is told of each video as it is published (federation announces it); it
     * runs before the state is saved, so a failure there is retried with the task rather than lost,
     * and must therefore be safe to repeat.
     */
    public TranscodeService(LadderPlanner planner, TranscodeJobs jobs, VideoCatalog videos, WorkQueue queue,
            ObjectStore store, FfmpegCommand commands, FfmpegRunner ffmpeg, List<URI> trackers, Path workRoot,
            Consumer<Video> onPublished, Clock clock) {
        this.planner = planner;
        this.jobs = jobs;
        this.videos = videos;
        this.queue = queue;
        this.store = store;
        this.commands = commands;
        this.ffmpeg = ffmpeg;
        this.trackers = List.copyOf(trackers);
        this.workRoot = workRoot;
        this.onPublished = onPublished;
        this.clock = clock;
    }

    /** A queue message carrying {@code task}. */
    public static String message(TranscodeTask task) {
        return Json.write(Map.of("type", TranscodeTask.MESSAGE_TYPE, "task", task));
    }

    /** The task in a queue message, or empty when the message is something else (an S3 notification). */
    public static Optional<TranscodeTask> task(String message) {
        var root = Json.tree(message);
        if (!TranscodeTask.MESSAGE_TYPE.equals(root.path("type").asText())) {
            return Optional.empty();
        }
        return Optional.of(Json.MAPPER.convertValue(root.path("task"), TranscodeTask.class));
    }

    /**
     * Plans an accepted upload and queues its tasks. Called again for a redelivered notification,
     * it keeps the first plan and queues again only what is not done.
     */
    public void start(String uuid, ProbeReport report) {
        Optional<Video> found = videos.find(uuid);
        if (found.isEmpty() || found.get().state() == Video.State.FAILED) {
            LOG.info(() -> "upload " + uuid + " has no video to transcode (deleted or failed)");
            return;
        }
        TranscodePlan plan;
        try {
            plan = planner.plan(uuid, SourceMedia.of(report));
        } catch (IllegalArgumentException e) {
            fail(uuid, "the video cannot be transcoded: " + e.getMessage());
            return;
        }
        jobs.create(plan, report.durationSeconds(), clock.instant());
        TranscodeJob job = jobs.find(uuid).orElseThrow(() -> new IllegalStateException("job of " + uuid + " vanished"));
        Video video = found.get();
        if (video.state() != Video.State.TRANSCODING && video.state() != Video.State.PUBLISHED) {
            videos.save(video.withState(Video.State.TRANSCODING, Optional.empty()));
        }
        for (TranscodeTask task : job.tasks()) {
            if (!job.done().contains(task.outcome())) {
                queue.send(WorkQueue.Name.TRANSCODE, message(task));
            }
        }
        LOG.info(() -> "video " + uuid + ": " + job.tasks().size() + " tasks for renditions "
                + job.plan().renditions().stream().map(Rendition::name).toList());
    }

    /**
     * The last delivery of a task failed for a reason that is not the file's (storage, a bug): the
     * message goes to the dead-letter queue for a person, and the owner learns that their video
     * will not be published instead of watching it transcode forever.
     */
    public void giveUp(TranscodeTask task, int attempts, RuntimeException error) {
        fail(task.video(), "transcoding kept failing (" + attempts + " attempts); the instance's operator "
                + "has been told. Last error: " + error.getMessage());
    }

    /** Does one task, records it, and starts what its completion allows. */
    public void handle(TranscodeTask task) {
        Optional<TranscodeJob> found = jobs.find(task.video());
        Optional<Video> video = videos.find(task.video());
        if (found.isEmpty() || video.isEmpty() || video.get().state() == Video.State.FAILED) {
            LOG.info(() -> "task " + task + " dropped: its video is gone or has failed");
            return;
        }
        TranscodeJob job = found.get();
        if (!job.done().contains(task.outcome())) {
            Path dir = workDirectory(task);
            Steps steps = new Steps();
            try {
                if (!perform(task, job, dir, steps)) {
                    LOG.info(() -> "task " + task + " dropped: the upload is gone");
                    return;
                }
            } catch (MediaFailure failure) {
                fail(task.video(), failure.getMessage());
                return;
            } finally {
                deleteTree(dir);
            }
            job = job.withDone(jobs.markDone(task.video(), task.outcome()));
            steps.lap("record");
            LOG.info(() -> "task " + task + " took " + steps);
        }
        if (task.kind() == TranscodeTask.Kind.CHUNK && job.chunksDone(task.rendition())
                && !job.renditionDone(task.rendition())) {
            queue.send(WorkQueue.Name.TRANSCODE, message(TranscodeTask.join(task.video(), task.rendition())));
        }
        if (job.complete()) {
            publish(job);
        }
    }

    private boolean perform(TranscodeTask task, TranscodeJob job, Path dir, Steps steps) {
        TranscodePlan plan = job.plan();
        Path source = dir.resolve("source");
        return switch (task.kind()) {
            case ENCODE -> {
                Rendition rendition = plan.rendition(task.rendition());
                if (!store.download(Bucket.ORIGINALS, Video.originalKey(plan.videoUuid()), source)) {
                    yield false;
                }
                steps.lap("download");
                Path mp4 = dir.resolve(rendition.name() + ".mp4");
                ffmpeg.run(commands.mp4(rendition, source, mp4), "encoding " + label(rendition));
                steps.lap("encode");
                delete(source);
                publishRendition(job, rendition, mp4, dir, steps);
                yield true;
            }
            case CHUNK -> {
                Rendition rendition = plan.rendition(task.rendition());
                Chunk chunk = plan.chunks().chunks().get(task.chunk());
                if (!store.download(Bucket.ORIGINALS, Video.originalKey(plan.videoUuid()), source)) {
                    yield false;
                }
                steps.lap("download");
                Path output = dir.resolve(chunk.fileName());
                ffmpeg.run(commands.videoChunk(rendition, chunk, source, output),
                        "encoding " + label(rendition) + " from " + chunk.startSecond() + " s");
                steps.lap("encode");
                store.upload(Bucket.ORIGINALS, chunkKey(rendition, chunk), output, "video/mp4");
                steps.lap("upload");
                yield true;
            }
            case JOIN -> {
                Rendition rendition = plan.rendition(task.rendition());
                for (Chunk chunk : plan.chunks().chunks()) {
                    if (!store.download(Bucket.ORIGINALS, chunkKey(rendition, chunk), dir.resolve(chunk.fileName()))) {
                        // A chunk recorded as done but gone: only a deleted video loses its work files.
                        yield false;
                    }
                }
                steps.lap("download");
                Path audio = dir.resolve("audio.mp4");
                if (rendition.hasAudio()) {
                    if (!store.download(Bucket.ORIGINALS, Video.originalKey(plan.videoUuid()), source)) {
                        yield false;
                    }
                    steps.lap("download");
                    ffmpeg.run(commands.audio(rendition, source, audio), "encoding the sound of " + label(rendition));
                    steps.lap("encode sound");
                    delete(source);
                }
                Path list = dir.resolve("chunks.ffconcat");
                write(list, FfmpegCommand.concatList(plan.chunks()).getBytes(StandardCharsets.UTF_8));
                Path mp4 = dir.resolve(rendition.name() + ".mp4");
                ffmpeg.run(commands.join(rendition, list, audio, mp4), "joining " + label(rendition));
                steps.lap("join");
                for (Chunk chunk : plan.chunks().chunks()) {
                    delete(dir.resolve(chunk.fileName()));
                }
                publishRendition(job, rendition, mp4, dir, steps);
                yield true;
            }
            case IMAGES -> {
                if (!store.download(Bucket.ORIGINALS, Video.originalKey(plan.videoUuid()), source)) {
                    yield false;
                }
                steps.lap("download");
                StillImage thumbnail = plan.image(StillImage.Kind.THUMBNAIL);
                StillImage preview = plan.image(StillImage.Kind.PREVIEW);
                Path thumbnailFile = dir.resolve("thumbnail.jpg");
                Path previewFile = dir.resolve("preview.jpg");
                try {
                    ffmpeg.run(commands.images(thumbnail, preview, source, thumbnailFile, previewFile),
                            "taking the thumbnail");
                } catch (MediaFailure failure) {
                    if (failure.getMessage().endsWith("Empty output")) {
                        // The frame is looked for in the middle: no picture there means the file stops early.
                        throw new MediaFailure(String.format(java.util.Locale.ROOT,
                                "the file has no picture at %.1f s of the %.1f s it announces; it is truncated or damaged",
                                preview.atSeconds(), job.sourceSeconds()));
                    }
                    throw failure;
                }
                steps.lap("encode");
                store.upload(Bucket.MEDIA, thumbnail.key(), thumbnailFile, "image/jpeg");
                store.upload(Bucket.MEDIA, preview.key(), previewFile, "image/jpeg");
                steps.lap("upload");
                yield true;
            }
        };
    }

    /**
     * Publishes a rendition encoded as {@code mp4}: its HLS form (cut from the same bytes), the MP4,
     * the segment hashes and the torrent, then records what was measured.
     */
    private void publishRendition(TranscodeJob job, Rendition rendition, Path mp4, Path dir, Steps steps) {
        Path hls = dir.resolve("hls");
        createDirectories(hls);
        ffmpeg.run(commands.hlsFromMp4(rendition, mp4, hls), "cutting " + label(rendition) + " into HLS segments");
        steps.lap("hls");
        String playlist = new String(read(hls.resolve(Rendition.HLS_PLAYLIST)), StandardCharsets.UTF_8);
        List<MediaSegment> segments = MediaSegment.parse(playlist);
        double encoded = segments.stream().mapToDouble(MediaSegment::seconds).sum();
        if (encoded < job.sourceSeconds() * MIN_ENCODED_SHARE - DURATION_SLACK_SECONDS) {
            throw new MediaFailure(String.format(java.util.Locale.ROOT,
                    "the file ends after %.1f s of the %.1f s it announces; it is truncated or damaged",
                    encoded, job.sourceSeconds()));
        }
        // Segments first, playlist last: a player that finds the playlist finds everything it lists.
        // The segments and the MP4 go up together: each PUT mostly waits on the network, and one
        // after another they added seconds to every rendition (13 s over a 60 s clip's ladder).
        List<Long> sizes = new ArrayList<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        try (ExecutorService uploads = Executors.newFixedThreadPool(UPLOAD_THREADS)) {
            List<Future<?>> pending = new ArrayList<>();
            pending.add(uploads.submit(() -> store.upload(Bucket.MEDIA, rendition.hlsDirectory() + Rendition.HLS_INIT,
                    hls.resolve(Rendition.HLS_INIT), "video/mp4")));
            for (MediaSegment segment : segments) {
                Path file = hls.resolve(segment.uri());
                sizes.add(size(file));
                hashes.put(rendition.name() + "/" + segment.uri(), sha256(file));
                pending.add(uploads.submit(() -> store.upload(Bucket.MEDIA, rendition.hlsDirectory() + segment.uri(),
                        file, "video/iso.segment")));
            }
            pending.add(uploads.submit(() -> store.upload(Bucket.MEDIA, rendition.mp4Key(), mp4, "video/mp4")));
            awaitAll(pending);
        }
        String hashesKey = rendition.hlsDirectory() + SEGMENTS_SHA256;
        store.put(Bucket.MEDIA, hashesKey, Json.write(hashes).getBytes(StandardCharsets.UTF_8), "application/json");
        store.put(Bucket.MEDIA, rendition.hlsPlaylistKey(), playlist.getBytes(StandardCharsets.UTF_8),
                "application/vnd.apple.mpegurl");
        MasterPlaylist.Variant variant = MasterPlaylist.Variant.measured(rendition, segments, sizes);
        deleteTree(hls);
        steps.lap("upload");

        long mp4Bytes = size(mp4);
        Torrent torrent;
        try {
            // Mapped from the local file: faster than reading it back, and no piece buffers.
            torrent = TorrentBuilder.forFile(fileName(rendition), mp4Bytes, store.publicUrl(rendition.mp4Key()))
                    .trackers(trackers).creationDate(clock.instant()).build(mp4);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + mp4, e);
        }
        steps.lap("torrent");
        String torrentKey = torrentKey(rendition);
        store.put(Bucket.MEDIA, torrentKey, torrent.metainfo(), "application/x-bittorrent");
        jobs.saveOutput(job.plan().videoUuid(), new RenditionOutput(rendition.name(), rendition.resolution(),
                rendition.width(), rendition.height(), rendition.fps().value(), rendition.mp4Key(), mp4Bytes,
                torrentKey, torrent.infoHash(), torrent.magnetUri(), rendition.hlsPlaylistKey(), hashesKey,
                variant.bandwidth(), variant.averageBandwidth(), encoded));
    }

    /**
     * Writes what spans renditions (the master playlist, all segment hashes), marks the video
     * published and removes the work files. Safe to run more than once.
     */
    private void publish(TranscodeJob job) {
        TranscodePlan plan = job.plan();
        String uuid = plan.videoUuid();
        Map<String, RenditionOutput> outputs = new LinkedHashMap<>();
        for (RenditionOutput output : jobs.outputs(uuid)) {
            outputs.put(output.name(), output);
        }
        List<MasterPlaylist.Variant> variants = new ArrayList<>();
        Map<String, Object> hashes = new LinkedHashMap<>();
        for (Rendition rendition : plan.renditions()) {
            RenditionOutput output = outputs.get(rendition.name());
            if (output == null) {
                throw new IllegalStateException("rendition " + rendition.name() + " of " + uuid + " is done but has no output");
            }
            variants.add(new MasterPlaylist.Variant(rendition, output.bandwidth(), output.averageBandwidth(),
                    rendition.name() + "/" + Rendition.HLS_PLAYLIST));
            store.read(Bucket.MEDIA, output.segmentsSha256Key())
                    .ifPresent(bytes -> Json.tree(bytes).fields().forEachRemaining(e -> hashes.put(e.getKey(), e.getValue().asText())));
        }
        store.put(Bucket.MEDIA, segmentsSha256Key(plan), Json.write(hashes).getBytes(StandardCharsets.UTF_8),
                "application/json");
        store.put(Bucket.MEDIA, plan.masterPlaylistKey(), MasterPlaylist.write(variants).getBytes(StandardCharsets.UTF_8),
                "application/vnd.apple.mpegurl");
        videos.find(uuid).filter(v -> v.state() == Video.State.TRANSCODING || v.state() == Video.State.UPLOADING)
                .ifPresent(v -> {
                    Video published = v.withState(Video.State.PUBLISHED, Optional.empty());
                    // Saved before it is announced: a server that gets the Announce fetches the Video at
                    // once (PeerTube, Fedify), and found a 404 when the delivery beat this write. The
                    // cost: a crash between the two writes publishes the video unannounced.
                    videos.save(published);
                    onPublished.accept(published);
                    LOG.info(() -> "video " + uuid + " published with " + variants.size() + " renditions");
                });
        store.deletePrefix(Bucket.ORIGINALS, workPrefix(uuid));
    }

    private void fail(String uuid, String reason) {
        LOG.warning(() -> "video " + uuid + " failed: " + reason);
        videos.find(uuid).filter(v -> v.state() != Video.State.FAILED)
                .ifPresent(v -> videos.save(v.withState(Video.State.FAILED, Optional.of(reason))));
    }

    /**
     * Wall time of a task's steps, logged when the task is done ("task ... took 41.20 s: download 0.61 s,
     * encode 39.80 s, ..."), so that a function's logs show where transcoding time goes: in ffmpeg, or
     * in moving files to and from S3. The transcoding benchmark in local-stack/runner reads these lines.
     */
    static final class Steps {
        private final long start = System.nanoTime();
        private long mark = start;
        private final Map<String, Long> nanos = new LinkedHashMap<>();

        /** Counts the time since the previous lap toward {@code step}. */
        void lap(String step) {
            long now = System.nanoTime();
            nanos.merge(step, now - mark, Long::sum);
            mark = now;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(seconds(mark - start)).append(':');
            String separator = " ";
            for (Map.Entry<String, Long> step : nanos.entrySet()) {
                text.append(separator).append(step.getKey()).append(' ').append(seconds(step.getValue()));
                separator = ", ";
            }
            return text.toString();
        }

        private static String seconds(long nanos) {
            return String.format(java.util.Locale.ROOT, "%.2f s", nanos / 1e9);
        }
    }

    /** Waits for every upload; the first failure, unwrapped, fails the task (its message is retried). */
    private static void awaitAll(List<Future<?>> pending) {
        try {
            for (Future<?> upload : pending) {
                upload.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while uploading", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("an upload failed", e.getCause());
        }
    }

    /** The one JSON of every segment's SHA-256 that PeerTube's P2P player checks segments against. */
    public static final String SEGMENTS_SHA256 = "segments-sha256.json";

    public static String segmentsSha256Key(TranscodePlan plan) {
        return plan.masterPlaylistKey().substring(0, plan.masterPlaylistKey().lastIndexOf('/') + 1) + SEGMENTS_SHA256;
    }

    /** Intermediate files live in the private bucket under this prefix until the video is published. */
    public static String workPrefix(String uuid) {
        return "work/" + uuid + "/";
    }

    static String chunkKey(Rendition rendition, Chunk chunk) {
        return workPrefix(rendition.videoUuid()) + rendition.name() + "/" + chunk.fileName();
    }

    /** {@code videos/{uuid}/torrents/{name}.torrent}, beside the MP4's {@code mp4/{name}.mp4}. */
    static String torrentKey(Rendition rendition) {
        String mp4 = rendition.mp4Key();
        String prefix = mp4.substring(0, mp4.lastIndexOf("mp4/"));
        return prefix + "torrents/" + rendition.name() + ".torrent";
    }

    /** The file name a BitTorrent client saves, as PeerTube names its files: {@code {uuid}-{resolution}.mp4}. */
    static String fileName(Rendition rendition) {
        return rendition.videoUuid() + "-" + rendition.name() + ".mp4";
    }

    private static String label(Rendition rendition) {
        return rendition.hasVideo() ? rendition.resolution() + "p" : "the audio";
    }

    private Path workDirectory(TranscodeTask task) {
        String name = task.video() + "-" + task.kind().name().toLowerCase(java.util.Locale.ROOT) + "-"
                + task.rendition() + "-" + task.chunk();
        // Per process: Lambda gives each instance its own /tmp, but instances on one machine (the
        // local runner) share it, and a task handed out twice must not delete the other's files.
        Path dir = workRoot.resolve("pid-" + ProcessHandle.current().pid()).resolve(name);
        // A retry in the same warm instance finds what its predecessor left: start clean.
        deleteTree(dir);
        createDirectories(dir);
        return dir;
    }

    private static String sha256(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 16);
            while (channel.read(buffer) > 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a task's directory: /tmp is small and shared by every invocation of a warm instance. */
    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
    }
}
