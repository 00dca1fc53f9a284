package org.nuage.core.transcode;

import org.nuage.core.media.MediaProbe;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the exact ffmpeg argument lists that turn a downloaded upload into a rendition (progressive
 * MP4, HLS, or chunks joined without re-encoding) and into its still images.
 *
 * <p>Every input is a local file, opened through the {@code file} protocol only and through an
 * allow-list of demuxers, so an upload that is really a playlist or a concat script cannot make
 * ffmpeg open anything else.
 */
public final class FfmpegCommand {

    /** x264's preset in production: the speed the Lambda time budget was measured with. */
    public static final String PRODUCTION_PRESET = "veryfast";

    /** Demuxers an upload may be read with: what passed the probe must pass here, and nothing more. */
    static final String SOURCE_FORMATS = MediaProbe.FORMAT_WHITELIST;

    /** Demuxers for the intermediate files we wrote ourselves (chunks, audio, encoded MP4s). */
    static final String OWN_FORMATS = "mov,mp4,m4a,3gp,3g2,mj2";

    /**
     * x264's default quality target. With {@code -maxrate} it makes PeerTube's capped CRF: easy scenes
     * take fewer bits than the ceiling, hard scenes no more.
     */
    static final int CRF = 23;

    /**
     * PeerTube's keyframe interval (2 s, in {@code addDefaultEncoderParams}): a progressive MP4 can
     * be seeked to within 2 s without decoding from far back.
     */
    static final int GOP_SECONDS = 2;

    /**
     * How far before a segment boundary a frame may be and still count as on it. Frame times are
     * computed in floating point ({@code 4.0} can come out as {@code 3.9999999999999996}); a
     * millisecond is far less than half a frame even at 240 fps.
     */
    static final double KEYFRAME_TOLERANCE_SECONDS = 0.001;

    /**
     * How many frames ffmpeg's thumbnail filter compares, as PeerTube does with its configurable
     * {@code thumbnails.generation_from_video.frames_to_analyze}: two seconds at 25 fps, enough to
     * step past a fade or a cut without holding many frames in memory.
     */
    static final int THUMBNAIL_CANDIDATE_FRAMES = 50;

    private final String ffmpeg;
    private final String preset;

    /**
     * {@code ffmpeg} is the executable, a path or a name on the PATH; {@code x264Preset} is
     * {@link #PRODUCTION_PRESET} in production and {@code ultrafast} in tests.
     */
    public FfmpegCommand(String ffmpeg, String x264Preset) {
        this.ffmpeg = ffmpeg;
        this.preset = x264Preset;
    }

    /** One rendition, video and audio, as a progressive MP4 that can play while it downloads. */
    public List<String> mp4(Rendition rendition, Path source, Path output) {
        List<String> args = start();
        args.addAll(sourceInput(source));
        args.addAll(streams(rendition));
        args.addAll(mp4Output(output));
        return args;
    }

    /** One rendition encoded straight to HLS: fragmented MP4 segments and a VOD media playlist in {@code directory}. */
    public List<String> hls(Rendition rendition, Path source, Path directory) {
        List<String> args = start();
        args.addAll(sourceInput(source));
        args.addAll(streams(rendition));
        args.addAll(hlsOutput(rendition.segmentSeconds(), directory));
        return args;
    }

    /**
     * The HLS form of a rendition already encoded as MP4 ({@link #mp4} or {@link #join}), without
     * re-encoding: the MP4's keyframes already lie on the segment grid, so the segmenter cuts there.
     * This halves the encoding work of a rendition that is published both ways.
     */
    public List<String> hlsFromMp4(Rendition rendition, Path mp4, Path directory) {
        List<String> args = start();
        args.addAll(ownInput(mp4));
        // Every stream of our own MP4, copied: the bytes of the progressive file, cut differently.
        args.addAll(List.of("-map", "0", "-c", "copy"));
        args.addAll(commonOutput());
        args.addAll(hlsOutput(rendition.segmentSeconds(), directory));
        return args;
    }

    /**
     * The video of one chunk of a rendition, alone, as an MP4 to be joined with the others by
     * {@link #join}. It starts at the chunk's first frame and holds exactly the chunk's frames.
     */
    public List<String> videoChunk(Rendition rendition, Chunk chunk, Path source, Path output) {
        if (!rendition.hasVideo()) {
            throw new IllegalArgumentException("rendition " + rendition.name() + " has no video to cut into chunks");
        }
        List<String> args = start();
        double seek = chunk.seekSeconds(rendition.fps());
        if (chunk.index() > 0) {
            // Before -i: seek in the demuxer to the keyframe before, then decode and drop frames up to
            // this exact time (ffmpeg's accurate seek), so the chunk starts on its own first frame.
            args.addAll(List.of("-ss", seconds(seek)));
        }
        args.addAll(sourceInput(source));
        args.addAll(videoStream(rendition, seek - chunk.startSecond()));
        // Audio is encoded in one piece by audio(): AAC starts every encode with 1024 samples of
        // priming and pads its last frame, so audio cut at chunk boundaries would gain a gap of
        // ~20-40 ms per join (or lose samples if trimmed) and drift from the picture.
        args.add("-an");
        if (!chunk.last()) {
            // An exact frame count rather than a duration: the joined chunks then have the frames of
            // the unchunked encode, none doubled and none lost at a boundary.
            args.addAll(List.of("-frames:v", Long.toString(chunk.frameCount(rendition.fps()))));
        }
        args.addAll(commonOutput());
        // An intermediate file: no faststart, it would only rewrite the file once more.
        args.addAll(List.of("-f", "mp4", file(output)));
        return args;
    }

    /** The whole sound of a rendition in one piece, for joining with its video chunks. */
    public List<String> audio(Rendition rendition, Path source, Path output) {
        if (!rendition.hasAudio()) {
            throw new IllegalArgumentException("rendition " + rendition.name() + " has no audio");
        }
        List<String> args = start();
        args.addAll(sourceInput(source));
        args.add("-vn");
        args.addAll(audioStream(rendition));
        args.addAll(commonOutput());
        args.addAll(List.of("-f", "mp4", file(output)));
        return args;
    }

    /**
     * Joins a rendition's video chunks (listed by {@link #concatList}, in the list's directory) and
     * its audio into one progressive MP4, copying both: nothing is encoded again. {@code audio} is
     * ignored for a rendition without sound.
     */
    public List<String> join(Rendition rendition, Path concatList, Path audio, Path output) {
        List<String> args = start();
        args.addAll(List.of(
                // The concat demuxer plays the listed files one after another, offsetting each by the
                // length of those before it.
                "-f", "concat",
                // Safe mode: entries must be plain relative names, so the list cannot reach other files.
                "-safe", "1",
                "-protocol_whitelist", "file",
                "-format_whitelist", "concat," + OWN_FORMATS,
                "-i", file(concatList)));
        if (rendition.hasAudio()) {
            args.addAll(ownInput(audio));
        }
        args.addAll(List.of("-map", "0:v:0"));
        if (rendition.hasAudio()) {
            args.addAll(List.of("-map", "1:a:0"));
        }
        // Stream copy: chunks are already encoded with identical settings and start on keyframes.
        args.addAll(List.of("-c", "copy"));
        args.addAll(commonOutput());
        args.addAll(mp4Output(output));
        return args;
    }

    /** The concat demuxer's list of a rendition's chunk files, to be written beside them. */
    public static String concatList(ChunkPlan plan) {
        StringBuilder list = new StringBuilder("ffconcat version 1.0\n");
        for (Chunk chunk : plan.chunks()) {
            list.append("file ").append(chunk.fileName()).append('\n');
        }
        return list.toString();
    }

    /**
     * The thumbnail and the preview in one pass: the source is decoded once, around the middle of
     * the video, and both images show the same frame.
     */
    public List<String> images(StillImage thumbnail, StillImage preview, Path source, Path thumbnailOutput,
            Path previewOutput) {
        List<String> args = start();
        // Before -i: jump to the keyframe before this point instead of decoding everything up to it.
        args.addAll(List.of("-ss", seconds(preview.atSeconds())));
        args.addAll(sourceInput(source));
        String graph = "[0:V:0]"
                // Scale first: the thumbnail filter holds all its candidate frames, which at 4K would
                // be 50 x 12 MB.
                + "scale=w=" + preview.width() + ":h=" + preview.height() + ",setsar=1,"
                // Of the next frames, keep the one closest to their average: not a fade or a flash.
                + "thumbnail=" + THUMBNAIL_CANDIDATE_FRAMES + ","
                + "split=2[preview][small];"
                + "[small]scale=w=" + thumbnail.width() + ":h=" + thumbnail.height() + "[thumbnail]";
        args.addAll(List.of("-filter_complex", graph,
                // Fail rather than succeed with no image when the video ends before a frame is chosen.
                "-abort_on", "empty_output"));
        // mjpeg's quality scale runs from 2 (best) to 31: the preview is seen large, the thumbnail small.
        args.addAll(List.of("-map", "[preview]", "-frames:v", "1", "-q:v", "3"));
        args.addAll(List.of("-map_metadata", "-1", "-f", "image2", file(previewOutput)));
        args.addAll(List.of("-map", "[thumbnail]", "-frames:v", "1", "-q:v", "5"));
        args.addAll(List.of("-map_metadata", "-1", "-f", "image2", file(thumbnailOutput)));
        return args;
    }

    private List<String> start() {
        return new ArrayList<>(List.of(ffmpeg,
                // Never read the terminal: an ffmpeg prompt would hang the invocation until its timeout.
                "-nostdin",
                "-hide_banner",
                // Errors only; progress lines would fill the function's logs.
                "-loglevel", "error", "-nostats",
                // Outputs are our own files; a retried invocation overwrites what the first one left.
                "-y"));
    }

    /** Options placed before {@code -i} apply to that input: local files and known demuxers only. */
    private static List<String> sourceInput(Path source) {
        return List.of("-protocol_whitelist", "file", "-format_whitelist", SOURCE_FORMATS, "-i", file(source));
    }

    private static List<String> ownInput(Path input) {
        return List.of("-protocol_whitelist", "file", "-format_whitelist", OWN_FORMATS, "-i", file(input));
    }

    /** The video and audio of a whole rendition. */
    private List<String> streams(Rendition rendition) {
        List<String> args = new ArrayList<>();
        if (rendition.hasVideo()) {
            args.addAll(videoStream(rendition, 0));
        } else {
            args.add("-vn");
        }
        if (rendition.hasAudio()) {
            args.addAll(audioStream(rendition));
        } else {
            args.add("-an");
        }
        args.addAll(commonOutput());
        return args;
    }

    /**
     * The H.264 encode of a rendition. {@code keyframeOffset} is how far after the nearest segment
     * boundary this encode's first frame lies (0 for a whole rendition; under a frame for a chunk),
     * so a chunk forces keyframes at the same frames as the unchunked encode.
     */
    private List<String> videoStream(Rendition rendition, double keyframeOffset) {
        FrameRate fps = rendition.fps();
        String time = keyframeOffset > 0 ? String.format(Locale.ROOT, "t+%.9f", keyframeOffset) : "t";
        long gop = Math.max(1, Math.round(GOP_SECONDS * fps.value()));
        return List.of(
                // The first video stream that is not cover art, as MediaProbe chose it.
                "-map", "0:V:0",
                // ffmpeg has already turned a rotated phone video upright (autorotate) when this runs.
                // fps first, so frames to be dropped are not scaled; start_time=0 fills the grid from
                // 0 even if the video starts late, so every encode of the source shares one grid.
                "-vf", "fps=fps=" + fps + ":start_time=0"
                        + ",scale=w=" + rendition.width() + ":h=" + rendition.height()
                        // Square pixels: the size we planned is the size that is shown.
                        + ",setsar=1"
                        // 8-bit 4:2:0, the only H.264 every browser decodes (10-bit HDR is not tone-mapped).
                        + ",format=yuv420p",
                "-c:v", "libx264",
                "-preset", preset,
                // High profile plays on every browser and phone in use; the level is the one the
                // master playlist announces.
                "-profile:v", "high",
                "-level:v", H264Level.name(rendition.h264Level()),
                "-crf", Integer.toString(CRF),
                "-maxrate", Long.toString(rendition.videoBitrate()),
                "-bufsize", Long.toString(rendition.bufferBits()),
                "-g", Long.toString(gop),
                // A keyframe at every segment boundary, at the same instants in every rendition, so a
                // player can switch quality between any two segments.
                "-force_key_frames", "expr:gte(" + time + ",n_forced*" + rendition.segmentSeconds() + "-"
                        + KEYFRAME_TOLERANCE_SECONDS + ")",
                // Forced keyframes as IDR frames: nothing after them refers to frames before, which
                // is what lets a segment be decoded on its own.
                "-forced-idr", "1");
    }

    private static List<String> audioStream(Rendition rendition) {
        return List.of(
                "-map", "0:a:0",
                // AAC-LC: the audio every browser plays in MP4 and in HLS.
                "-c:a", "aac",
                "-b:a", Long.toString(rendition.audioBitrate()),
                // Stereo, as PeerTube forces: Chrome has played multichannel AAC in HLS badly.
                "-ac", "2",
                // One sample rate for every rendition, so switching quality never switches audio format.
                "-ar", "48000");
    }

    private static List<String> commonOutput() {
        return List.of(
                // Uploads carry camera, phone and GPS metadata; none of it is published.
                "-map_metadata", "-1", "-map_chapters", "-1",
                // Sparse or late streams otherwise stop the muxer with "Too many packets buffered"
                // (PeerTube, https://trac.ffmpeg.org/ticket/6375).
                "-max_muxing_queue_size", "1024");
    }

    private static List<String> mp4Output(Path output) {
        return List.of(
                // The index (moov) before the media (mdat): a browser can start playing from the
                // first bytes instead of fetching the end of the file first.
                "-movflags", "+faststart",
                "-f", "mp4", file(output));
    }

    private static List<String> hlsOutput(int segmentSeconds, Path directory) {
        String dir = directory.toString();
        if (dir.contains("%")) {
            // The segment name is a printf pattern; a % in the directory would be read as one.
            throw new IllegalArgumentException("an HLS directory may not contain %: " + dir);
        }
        return List.of(
                "-f", "hls",
                // Cut at the first keyframe at or after each multiple of this; our keyframes are there.
                "-hls_time", Integer.toString(segmentSeconds),
                // A complete, unchanging playlist ending in EXT-X-ENDLIST, listing every segment.
                "-hls_playlist_type", "vod",
                // Fragmented MP4 segments (CMAF-style), not MPEG-TS: the same codec boxes as the MP4,
                // smaller, and playable by hls.js through Media Source Extensions without remuxing.
                "-hls_segment_type", "fmp4",
                // Announce that every segment starts with a keyframe (EXT-X-INDEPENDENT-SEGMENTS).
                "-hls_flags", "independent_segments",
                // Relative to the playlist, so the directory can be uploaded under any key prefix.
                "-hls_fmp4_init_filename", Rendition.HLS_INIT,
                "-hls_segment_filename", file(directory.resolve(Rendition.HLS_SEGMENT_PATTERN)),
                file(directory.resolve(Rendition.HLS_PLAYLIST)));
    }

    /**
     * A path as a {@code file:} URL, so that a name such as {@code -x}, {@code http:…} or
     * {@code concat:…} can only ever be a local file.
     */
    private static String file(Path path) {
        return "file:" + path;
    }

    /**
     * Seconds for {@code -ss}, which ffmpeg reads to the microsecond: rounded down, so that the frame
     * starting at {@code value} is at or after the seek point and kept.
     */
    private static String seconds(double value) {
        return BigDecimal.valueOf((long) Math.floor(value * 1_000_000)).movePointLeft(6).toPlainString();
    }
}
