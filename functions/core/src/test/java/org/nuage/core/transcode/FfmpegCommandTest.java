package org.nuage.core.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nuage.core.transcode.MediaTools.generate;
import static org.nuage.core.transcode.MediaTools.keyframeTimes;
import static org.nuage.core.transcode.MediaTools.onsets;
import static org.nuage.core.transcode.MediaTools.probe;
import static org.nuage.core.transcode.MediaTools.stream;
import static org.nuage.core.transcode.MediaTools.succeed;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuage.core.media.MediaProbe;
import org.nuage.core.media.ProbeReport;

/**
 * Runs the planned ffmpeg commands on small generated clips and asserts what ffprobe reports.
 *
 * <p>The clips are tiny (192x108, 12 s) and x264 runs at {@code ultrafast}, so the class takes
 * seconds; the commands are otherwise the production ones.
 */
class FfmpegCommandTest {

    private static final String UUID = "0d6f1e2a-5b7c-4d8e-9f0a-1b2c3d4e5f60";

    private static final FfmpegCommand FFMPEG = new FfmpegCommand("ffmpeg", "ultrafast");

    /**
     * Two renditions under 720p from a 59.94 fps source: 108 keeps 59.94 as the top one, 72 drops
     * to 29.97, so segment alignment is tested across different frame rates. One segment per chunk
     * cuts the 12 s clip into three chunks.
     */
    private static final LadderConfig CONFIG = LadderConfig.defaults().withResolutions(List.of(72, 108))
            .withChunking(4, 1);

    private static final double NTSC_60 = 60000.0 / 1001;

    @TempDir
    static Path dir;

    /** Black, with a white flash at 10 s; silent, with a beep at 10 s: sync is visible. */
    static Path source;
    static TranscodePlan plan;
    static Rendition top;
    static Rendition small;
    static Path topMp4;

    @BeforeAll
    static void generateSourceAndEncodeTheTopRendition() {
        source = dir.resolve("source.mp4");
        generate("-f", "lavfi", "-i", "color=c=black:s=192x108:r=60000/1001:d=12,"
                        + "drawbox=c=white:t=fill:enable='between(t,10,10.2)'",
                "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=44100:duration=12,"
                        + "volume=volume=0:enable='lt(t,10)+gte(t,10.2)'",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "1",
                // What phones and editors leave in uploads, and we must not publish.
                "-metadata", "title=Private title", "-metadata", "comment=Recorded at home",
                source.toString());
        plan = new LadderPlanner(CONFIG).plan(UUID, probed(source, 0));
        top = plan.rendition("108");
        small = plan.rendition("72");
        topMp4 = dir.resolve("108.mp4");
        succeed(FFMPEG.mp4(top, source, topMp4));
    }

    private static SourceMedia probed(Path file, int rotation) {
        try {
            ProbeReport report = new MediaProbe("ffprobe").probe(file.toString(), Files.size(file));
            return SourceMedia.of(report, rotation);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static double duration(JsonNode stream) {
        return stream.path("duration").asDouble();
    }

    @Test
    void plansTheTestLadderAsIntended() {
        assertEquals(List.of("72", "108"), plan.renditions().stream().map(Rendition::name).toList());
        assertEquals(new FrameRate(60000, 1001), top.fps());
        assertEquals(new FrameRate(30000, 1001), small.fps());
        assertEquals(3, plan.chunks().chunks().size());
    }

    @Test
    void progressiveMp4HasThePlannedCodecsSizeRateAndDuration() {
        JsonNode video = stream(topMp4, "video");
        assertEquals("h264", video.path("codec_name").asText());
        assertEquals(top.h264Level(), video.path("level").asInt());
        assertEquals(192, video.path("width").asInt());
        assertEquals(108, video.path("height").asInt());
        assertEquals("60000/1001", video.path("avg_frame_rate").asText());
        assertEquals("yuv420p", video.path("pix_fmt").asText());
        assertEquals(12.0, duration(video), 1 / NTSC_60 + 0.01);

        JsonNode audio = stream(topMp4, "audio");
        assertEquals("aac", audio.path("codec_name").asText());
        assertEquals("LC", audio.path("profile").asText());
        assertEquals(2, audio.path("channels").asInt());
        assertEquals(48000, audio.path("sample_rate").asInt());
        assertEquals(duration(video), duration(audio), 0.05);
    }

    @Test
    void productionPresetEncodesTheProfileAndLevelTheMasterPlaylistAnnounces() {
        // x264's -profile is a ceiling: ultrafast turns off the High tools and signals Constrained
        // Baseline, so this test alone pays for the production preset, on two seconds of video.
        Path clip = dir.resolve("two-seconds.mp4");
        generate("-i", source.toString(), "-t", "2", "-c", "copy", clip.toString());
        Path output = dir.resolve("production.mp4");
        succeed(new FfmpegCommand("ffmpeg", FfmpegCommand.PRODUCTION_PRESET).mp4(top, clip, output));
        JsonNode video = stream(output, "video");
        assertEquals("High", video.path("profile").asText());
        assertEquals(top.h264Level(), video.path("level").asInt());
        assertEquals("avc1.64" + "00" + String.format("%02x", video.path("level").asInt()) + ",mp4a.40.2",
                top.codecs());
    }

    @Test
    void progressiveMp4PutsItsIndexBeforeItsMedia() throws IOException {
        List<String> boxes = MediaTools.topLevelBoxes(topMp4);
        assertTrue(boxes.indexOf("moov") >= 0 && boxes.indexOf("moov") < boxes.indexOf("mdat"), boxes.toString());
    }

    @Test
    void progressiveMp4KeepsNoSourceMetadata() {
        assertEquals("Private title", probe(source).path("format").path("tags").path("title").asText());
        JsonNode tags = probe(topMp4).path("format").path("tags");
        assertTrue(tags.path("title").isMissingNode() && tags.path("comment").isMissingNode(), tags.toString());
    }

    @Test
    void keyframesLieOnTheSegmentGrid() {
        List<Double> keyframes = keyframeTimes(topMp4);
        for (double boundary : List.of(0.0, 4.004, 8.008)) {
            assertTrue(keyframes.stream().anyMatch(k -> Math.abs(k - boundary) < 0.001), keyframes.toString());
        }
    }

    @Test
    void hlsRenditionsAreFragmentedMp4WithSegmentsAlignedAcrossFrameRates() throws IOException {
        Path topHls = Files.createDirectories(dir.resolve("hls-108"));
        Path smallHls = Files.createDirectories(dir.resolve("hls-72"));
        succeed(FFMPEG.hls(top, source, topHls));
        succeed(FFMPEG.hls(small, source, smallHls));

        String playlist = Files.readString(topHls.resolve(Rendition.HLS_PLAYLIST));
        assertTrue(playlist.contains("#EXT-X-PLAYLIST-TYPE:VOD"), playlist);
        assertTrue(playlist.contains("#EXT-X-INDEPENDENT-SEGMENTS"), playlist);
        assertTrue(playlist.contains("#EXT-X-MAP:URI=\"init.mp4\""), playlist);
        assertTrue(playlist.strip().endsWith("#EXT-X-ENDLIST"), playlist);

        List<MediaSegment> topSegments = MediaSegment.parse(playlist);
        List<MediaSegment> smallSegments = MediaSegment.parse(Files.readString(smallHls.resolve(Rendition.HLS_PLAYLIST)));
        assertEquals(List.of("segment-00000.m4s", "segment-00001.m4s", "segment-00002.m4s"),
                topSegments.stream().map(MediaSegment::uri).toList());
        assertEquals(topSegments.size(), smallSegments.size());
        for (int i = 0; i < topSegments.size() - 1; i++) {
            // Both renditions cut at the same frame instant (4.004 s, 8.008 s): a player can switch there.
            assertEquals(topSegments.get(i).seconds(), smallSegments.get(i).seconds(), 0.001);
            assertEquals(4.004, topSegments.get(i).seconds(), 0.001);
        }

        assertEquals(List.of("ftyp", "moov"), MediaTools.topLevelBoxes(topHls.resolve(Rendition.HLS_INIT)));
        for (MediaSegment segment : topSegments) {
            List<String> boxes = MediaTools.topLevelBoxes(topHls.resolve(segment.uri()));
            assertTrue(boxes.contains("moof") && boxes.contains("mdat") && !boxes.contains("moov"), boxes.toString());
        }

        JsonNode video = stream(topHls.resolve(Rendition.HLS_PLAYLIST), "video");
        assertEquals("h264", video.path("codec_name").asText());
        assertEquals(192, video.path("width").asInt());
        assertEquals("aac", stream(topHls.resolve(Rendition.HLS_PLAYLIST), "audio").path("codec_name").asText());
        assertEquals(72, stream(smallHls.resolve(Rendition.HLS_PLAYLIST), "video").path("height").asInt());
    }

    @Test
    void hlsPackagedFromTheMp4MatchesTheDirectEncodeWithoutReencoding() throws IOException {
        Path packaged = Files.createDirectories(dir.resolve("hls-108-from-mp4"));
        succeed(FFMPEG.hlsFromMp4(top, topMp4, packaged));
        List<MediaSegment> segments = MediaSegment.parse(Files.readString(packaged.resolve(Rendition.HLS_PLAYLIST)));
        assertEquals(3, segments.size());
        assertEquals(4.004, segments.get(0).seconds(), 0.001);
        assertEquals(4.004, segments.get(1).seconds(), 0.001);
        // The same coded frames, byte for byte, only boxed differently.
        assertEquals(MediaTools.videoPacketSizes(topMp4),
                MediaTools.videoPacketSizes(packaged.resolve(Rendition.HLS_PLAYLIST)));
        MasterPlaylist.Variant variant = MasterPlaylist.Variant.measured(top, segments, sizes(packaged, segments));
        assertTrue(variant.bandwidth() > 0 && variant.bandwidth() <= MasterPlaylist.Variant.planned(top).bandwidth(),
                variant + " vs " + MasterPlaylist.Variant.planned(top));
    }

    private static List<Long> sizes(Path directory, List<MediaSegment> segments) throws IOException {
        List<Long> sizes = new ArrayList<>();
        for (MediaSegment segment : segments) {
            sizes.add(Files.size(directory.resolve(segment.uri())));
        }
        return sizes;
    }

    @Test
    void chunkedEncodeJoinedMatchesTheUnchunkedEncodeWithoutDrift() throws IOException {
        assertChunkedMatchesUnchunked(top, topMp4);
    }

    @Test
    void chunkedEncodeAtHalfTheSourceRateMatchesTooWithoutDrift() throws IOException {
        Path unchunked = dir.resolve("72.mp4");
        succeed(FFMPEG.mp4(small, source, unchunked));
        assertChunkedMatchesUnchunked(small, unchunked);
    }

    /** Encodes {@code rendition} in the plan's three chunks, joins them, and compares with {@code unchunked}. */
    private static void assertChunkedMatchesUnchunked(Rendition rendition, Path unchunked) throws IOException {
        Path chunks = Files.createDirectories(dir.resolve("chunks-" + rendition.name()));
        for (Chunk chunk : plan.chunks().chunks()) {
            succeed(FFMPEG.videoChunk(rendition, chunk, source, chunks.resolve(chunk.fileName())));
        }
        Path audio = chunks.resolve("audio.m4a");
        succeed(FFMPEG.audio(rendition, source, audio));
        Path list = Files.writeString(chunks.resolve("chunks.ffconcat"), FfmpegCommand.concatList(plan.chunks()));
        Path joined = dir.resolve(rendition.name() + "-joined.mp4");
        succeed(FFMPEG.join(rendition, list, audio, joined));

        JsonNode whole = stream(unchunked, "video");
        JsonNode video = stream(joined, "video");
        double frame = 1 / rendition.fps().value();
        // One frame either way would be acceptable; frame-exact chunk boundaries give none.
        assertEquals(whole.path("nb_frames").asInt(), video.path("nb_frames").asInt());
        assertEquals(duration(whole), duration(video), 0.001);
        assertEquals(duration(stream(unchunked, "audio")), duration(stream(joined, "audio")), 0.001);
        assertEquals(duration(video), duration(stream(joined, "audio")), 0.05);

        // The flash and the beep at 10 s come after two joins: any per-join drift would show here.
        MediaTools.Onsets expected = onsets(unchunked);
        MediaTools.Onsets actual = onsets(joined);
        assertEquals(expected.picture(), actual.picture(), 0.001);
        assertEquals(expected.sound(), actual.sound(), 0.001);
        assertEquals(10.0, actual.picture(), frame + 0.001);
        // Within a frame, plus the AAC frame (21 ms) over which a sound onset is smeared.
        assertEquals(actual.picture(), actual.sound(), frame + 0.025);

        List<String> boxes = MediaTools.topLevelBoxes(joined);
        assertTrue(boxes.indexOf("moov") < boxes.indexOf("mdat"), boxes.toString());
        assertEquals(keyframeTimes(unchunked).subList(0, 3), keyframeTimes(joined).subList(0, 3));
        List<Double> keyframes = keyframeTimes(joined);
        for (double boundary : List.of(0.0, 4.004, 8.008)) {
            assertTrue(keyframes.stream().anyMatch(k -> Math.abs(k - boundary) < 0.001), keyframes.toString());
        }
    }

    @Test
    void thumbnailAndPreviewAreJpegsOfThePlannedSize() {
        Path thumbnail = dir.resolve("thumbnail.jpg");
        Path preview = dir.resolve("preview.jpg");
        StillImage thumbnailPlan = plan.image(StillImage.Kind.THUMBNAIL);
        StillImage previewPlan = plan.image(StillImage.Kind.PREVIEW);
        succeed(FFMPEG.images(thumbnailPlan, previewPlan, source, thumbnail, preview));
        assertJpeg(thumbnail, thumbnailPlan);
        assertJpeg(preview, previewPlan);
    }

    private static void assertJpeg(Path file, StillImage planned) {
        JsonNode image = stream(file, "video");
        assertEquals("mjpeg", image.path("codec_name").asText());
        assertEquals(planned.width(), image.path("width").asInt());
        assertEquals(planned.height(), image.path("height").asInt());
    }

    @Test
    void thumbnailOfALargerSourceIsScaledIntoItsBox() {
        Path wide = dir.resolve("wide.mp4");
        generate("-f", "lavfi", "-i", "testsrc=size=640x360:rate=25:duration=2", "-c:v", "libx264", "-preset",
                "ultrafast", "-pix_fmt", "yuv420p", wide.toString());
        TranscodePlan widePlan = new LadderPlanner(CONFIG).plan(UUID, probed(wide, 0));
        Path thumbnail = dir.resolve("wide-thumbnail.jpg");
        Path preview = dir.resolve("wide-preview.jpg");
        succeed(FFMPEG.images(widePlan.image(StillImage.Kind.THUMBNAIL), widePlan.image(StillImage.Kind.PREVIEW),
                wide, thumbnail, preview));
        assertEquals(279, stream(thumbnail, "video").path("width").asInt());
        assertEquals(157, stream(thumbnail, "video").path("height").asInt());
        assertEquals(640, stream(preview, "video").path("width").asInt(), "no larger than the source");
    }

    @Test
    void audioOnlyUploadBecomesAnAudioMp4AndAnAudioHlsPlaylist() throws IOException {
        Path tone = dir.resolve("tone.wav");
        generate("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=22050:duration=5", tone.toString());
        TranscodePlan audioPlan = new LadderPlanner(CONFIG).plan(UUID, probed(tone, 0));
        Rendition audio = audioPlan.rendition(Rendition.AUDIO_ONLY);

        Path mp4 = dir.resolve("audio.mp4");
        succeed(FFMPEG.mp4(audio, tone, mp4));
        assertNull(stream(mp4, "video"));
        JsonNode sound = stream(mp4, "audio");
        assertEquals("aac", sound.path("codec_name").asText());
        assertEquals(48000, sound.path("sample_rate").asInt());
        assertEquals(5.0, duration(sound), 0.05);

        Path hls = Files.createDirectories(dir.resolve("hls-audio"));
        succeed(FFMPEG.hls(audio, tone, hls));
        List<MediaSegment> segments = MediaSegment.parse(Files.readString(hls.resolve(Rendition.HLS_PLAYLIST)));
        assertEquals(5.0, segments.stream().mapToDouble(MediaSegment::seconds).sum(), 0.05);
        assertNull(stream(hls.resolve(Rendition.HLS_PLAYLIST), "video"));
    }

    @Test
    void rotatedPhoneVideoComesOutUprightAtThePlannedPortraitSize() throws IOException {
        Path stored = dir.resolve("stored.mp4");
        generate("-f", "lavfi", "-i", "testsrc=size=192x108:rate=30:duration=1", "-c:v", "libx264", "-preset",
                "ultrafast", "-pix_fmt", "yuv420p", stored.toString());
        Path rotated = dir.resolve("rotated.mp4");
        // As a phone held upright stores it: landscape pixels and a display matrix turning them.
        generate("-i", stored.toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90", rotated.toString());
        String ffprobeJson = succeed(List.of("ffprobe", "-v", "error", "-of", "json", "-show_streams",
                rotated.toString())).stdout();
        int rotation = MediaProbe.rotationOf(ffprobeJson);
        assertNotEquals(0, rotation);

        Rendition upright = new LadderPlanner(CONFIG).plan(UUID, probed(rotated, rotation)).rendition("108");
        assertEquals(108, upright.width());
        assertEquals(192, upright.height());
        Path output = dir.resolve("upright.mp4");
        succeed(FFMPEG.mp4(upright, rotated, output));
        JsonNode video = stream(output, "video");
        assertEquals(108, video.path("width").asInt());
        assertEquals(192, video.path("height").asInt());
        assertEquals(0, MediaProbe.rotationOf(succeed(List.of("ffprobe", "-v", "error", "-of", "json",
                "-show_streams", output.toString())).stdout()), "no second turn by the player");
    }

    @Test
    void uploadThatIsAConcatScriptCannotMakeFfmpegReadOtherFiles() throws IOException {
        // A "video" that is really a concat script pointing at another file on the machine.
        Path secret = dir.resolve("secret.mp4");
        Files.copy(topMp4, secret);
        Path script = Files.writeString(dir.resolve("upload.mp4"), "ffconcat version 1.0\nfile secret.mp4\n");
        Path output = dir.resolve("leak.mp4");

        MediaTools.Run refused = MediaTools.run(FFMPEG.mp4(top, script, output));
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().contains("not on whitelist"), refused.stderr());

        // Without the allow-list the same upload would have been read as the other file.
        MediaTools.Run unguarded = MediaTools.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y",
                "-safe", "0", "-i", script.toString(), "-c", "copy", output.toString()));
        assertEquals(0, unguarded.exitCode(), unguarded.stderr());
    }

    @Test
    void commandsNameTheirInputsAsFileUrlsAndNeverReadStdin() {
        List<String> args = FFMPEG.mp4(top, Path.of("-evil"), Path.of("out.mp4"));
        assertTrue(args.contains("file:-evil"), args.toString());
        assertTrue(args.contains("-nostdin"));
        int input = args.indexOf("-i");
        assertEquals("file", args.get(args.subList(0, input).lastIndexOf("-protocol_whitelist") + 1));
    }
}
