package org.nuage.core.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nuage.core.json.Json;
import org.nuage.core.media.MediaProbe;
import org.nuage.core.media.ProbeReport;

/** Plans ladders from probe results alone; nothing here runs ffmpeg. */
class LadderPlannerTest {

    private static final String UUID = "6f1c2b8e-3d4a-4c5b-9e7f-0a1b2c3d4e5f";

    private static final LadderPlanner PLANNER = new LadderPlanner(LadderConfig.defaults());

    private static SourceMedia video(int width, int height, double fps) {
        return new SourceMedia(width, height, 0, fps, 60, true, true, 0);
    }

    private static List<Integer> resolutions(TranscodePlan plan) {
        return plan.renditions().stream().map(Rendition::resolution).toList();
    }

    private static List<String> sizes(TranscodePlan plan) {
        return plan.renditions().stream().map(r -> r.width() + "x" + r.height()).toList();
    }

    @Test
    void plansEveryDefaultResolutionForA1080pSource() {
        TranscodePlan plan = PLANNER.plan(UUID, video(1920, 1080, 30));
        assertEquals(List.of(144, 240, 360, 480, 720, 1080), resolutions(plan));
        assertEquals(List.of("256x144", "426x240", "640x360", "854x480", "1280x720", "1920x1080"), sizes(plan));
    }

    @Test
    void stopsAt720ForA720pSourceAndNeverUpscales() {
        TranscodePlan plan = PLANNER.plan(UUID, video(1280, 720, 30));
        assertEquals(List.of(144, 240, 360, 480, 720), resolutions(plan));
        for (Rendition rendition : plan.renditions()) {
            assertTrue(rendition.width() <= 1280 && rendition.height() <= 720, rendition.toString());
        }
    }

    @Test
    void portraitVideoTakesItsShorterSideAsResolution() {
        TranscodePlan plan = PLANNER.plan(UUID, video(1080, 1920, 30));
        assertEquals(List.of(144, 240, 360, 480, 720, 1080), resolutions(plan));
        assertEquals(List.of("144x256", "240x426", "360x640", "480x854", "720x1280", "1080x1920"), sizes(plan));
    }

    @Test
    void landscapeStorageWithAQuarterTurnIsPlannedAsPortrait() {
        SourceMedia phone = new SourceMedia(1920, 1080, 90, 30, 60, true, true, 0);
        TranscodePlan plan = PLANNER.plan(UUID, phone);
        assertEquals("1080x1920", sizes(plan).get(sizes(plan).size() - 1));
        assertEquals(StillImage.Kind.PREVIEW, plan.image(StillImage.Kind.PREVIEW).kind());
        assertEquals(270, plan.image(StillImage.Kind.PREVIEW).width(), "a portrait preview fits the box's height");
        assertEquals(480, plan.image(StillImage.Kind.PREVIEW).height());
    }

    @Test
    void oddSourceSizesBecomeEvenWithoutGrowing() {
        TranscodePlan plan = new LadderPlanner(LadderConfig.defaults().withKeepOriginal(true))
                .plan(UUID, video(853, 481, 30));
        // 481 rounds down to 480, which is already in the ladder: no extra rendition.
        assertEquals(List.of(144, 240, 360, 480), resolutions(plan));
        for (Rendition rendition : plan.renditions()) {
            assertEquals(0, rendition.width() % 2, rendition.toString());
            assertEquals(0, rendition.height() % 2, rendition.toString());
            assertTrue(rendition.width() <= 853 && rendition.height() <= 481, rendition.toString());
        }
        assertEquals("852x480", sizes(plan).get(3));
    }

    @Test
    void widthNeverRoundsPastTheSource() {
        // 480 * 853 / 480 rounds to the even 854, one pixel wider than the source.
        Rendition top = PLANNER.plan(UUID, video(853, 480, 30)).rendition("480");
        assertEquals(852, top.width());
    }

    @Test
    void capsA120FpsSourceAtMaxFpsAndSmallResolutionsAt30() {
        TranscodePlan plan = PLANNER.plan(UUID, video(1920, 1080, 120));
        assertEquals(new FrameRate(60, 1), plan.rendition("1080").fps());
        assertEquals(new FrameRate(60, 1), plan.rendition("720").fps());
        assertEquals(new FrameRate(30, 1), plan.rendition("480").fps());
        assertEquals(new FrameRate(30, 1), plan.rendition("144").fps());
    }

    @Test
    void keepsSourceRatesAtOrBelow30EverywhereAndHalvesNtscRatesExactly() {
        TranscodePlan film = PLANNER.plan(UUID, video(1920, 1080, 23.976));
        assertTrue(film.renditions().stream().allMatch(r -> r.fps().equals(new FrameRate(24000, 1001))));

        TranscodePlan ntsc = PLANNER.plan(UUID, video(1920, 1080, 59.94));
        assertEquals(new FrameRate(60000, 1001), ntsc.rendition("720").fps());
        assertEquals(new FrameRate(30000, 1001), ntsc.rendition("360").fps());

        TranscodePlan pal = PLANNER.plan(UUID, video(1920, 1080, 50));
        assertEquals(new FrameRate(25, 1), pal.rendition("360").fps());
    }

    @Test
    void snapsAVariableFramePhoneAverageToItsNominalRate() {
        assertEquals(new FrameRate(30, 1), PLANNER.plan(UUID, video(1920, 1080, 30.02)).rendition("1080").fps());
        assertEquals(new FrameRate(30, 1), PLANNER.plan(UUID, video(1920, 1080, 30.02)).rendition("240").fps());
    }

    @Test
    void topRenditionBelow720KeepsItsSourceRateAsInPeerTube() {
        TranscodePlan plan = PLANNER.plan(UUID, video(854, 480, 60));
        assertEquals(new FrameRate(60, 1), plan.rendition("480").fps());
        assertEquals(new FrameRate(30, 1), plan.rendition("360").fps());
    }

    @Test
    void audioOnlyUploadGetsOneAudioRenditionAndNoImages() {
        SourceMedia podcast = new SourceMedia(0, 0, 0, 0, 1800, false, true, 0);
        TranscodePlan plan = PLANNER.plan(UUID, podcast);
        assertEquals(1, plan.renditions().size());
        Rendition audio = plan.renditions().get(0);
        assertEquals("audio", audio.name());
        assertEquals(0, audio.resolution());
        assertEquals(false, audio.hasVideo());
        assertEquals(LadderPlanner.AUDIO_ONLY_BITRATE, audio.audioBitrate());
        assertEquals("mp4a.40.2", audio.codecs());
        assertEquals("videos/" + UUID + "/mp4/audio.mp4", audio.mp4Key());
        assertEquals(List.of(), plan.images());
        assertEquals(false, plan.chunks().chunked(), "half an hour of audio encodes in one piece");
    }

    @Test
    void keepOriginalAddsTheSourceSizeWhenItIsNotInTheList() {
        LadderPlanner keeping = new LadderPlanner(LadderConfig.defaults().withKeepOriginal(true));
        TranscodePlan plan = keeping.plan(UUID, video(2560, 1440, 30));
        assertEquals(List.of(144, 240, 360, 480, 720, 1080, 1440), resolutions(plan));
        assertEquals("2560x1440", sizes(plan).get(6));
        assertEquals(List.of(144, 240, 360, 480, 720, 1080), resolutions(PLANNER.plan(UUID, video(2560, 1440, 30))));
    }

    @Test
    void sourceSmallerThanEveryResolutionIsKeptAtItsOwnSize() {
        TranscodePlan plan = PLANNER.plan(UUID, video(160, 90, 30));
        assertEquals(List.of("160x90"), sizes(plan));
    }

    @Test
    void silentVideoHasNoAudioInAnyRendition() {
        SourceMedia silent = new SourceMedia(1280, 720, 0, 30, 60, true, false, 0);
        for (Rendition rendition : PLANNER.plan(UUID, silent).renditions()) {
            assertEquals(0, rendition.audioBitrate());
            assertTrue(rendition.codecs().startsWith("avc1.") && !rendition.codecs().contains("mp4a"));
        }
    }

    @Test
    void videoBitrateFollowsPeerTubesBitsPerPixelTable() {
        TranscodePlan plan = PLANNER.plan(UUID, video(1920, 1080, 30));
        assertEquals(Math.round(1920 * 1080 * 30 * 0.10), plan.rendition("1080").videoBitrate());
        assertEquals(Math.round(1280 * 720 * 30 * 0.11), plan.rendition("720").videoBitrate());
        assertEquals(Math.round(256 * 144 * 30 * 0.19), plan.rendition("144").videoBitrate());
        assertEquals(LadderPlanner.AUDIO_BITRATE, plan.rendition("360").audioBitrate());
        assertEquals(LadderPlanner.SMALL_AUDIO_BITRATE, plan.rendition("240").audioBitrate());
    }

    @Test
    void videoBitrateIsCappedBySourceBitrateButNotBelowTheFloor() {
        // A 1 Mb/s 1080p screen recording: 1.3 Mb/s is all re-encoding can use ...
        SourceMedia lean = new SourceMedia(1920, 1080, 0, 30, 60, true, true, 1_000_000);
        assertEquals(1_300_000, new LadderPlanner(LadderConfig.defaults()).plan(UUID, lean).rendition("480")
                .videoBitrate());
        // ... but 1080p never drops under 0.02 bits per pixel (1.24 Mb/s at 30 fps).
        SourceMedia starved = new SourceMedia(1920, 1080, 0, 30, 60, true, true, 200_000);
        assertEquals(Math.round(1920 * 1080 * 30 * 0.02), PLANNER.plan(UUID, starved).rendition("1080").videoBitrate());
    }

    @Test
    void announcesTheSmallestH264LevelThatFits() {
        TranscodePlan plan = PLANNER.plan(UUID, video(1920, 1080, 30));
        assertEquals(40, plan.rendition("1080").h264Level());
        assertEquals(31, plan.rendition("720").h264Level());
        assertEquals("avc1.640028,mp4a.40.2", plan.rendition("1080").codecs());
        assertEquals(42, PLANNER.plan(UUID, video(1920, 1080, 60)).rendition("1080").h264Level());
    }

    @Test
    void outputKeysDeriveFromTheVideoUuidOnly() {
        TranscodePlan plan = PLANNER.plan(UUID, video(1280, 720, 30));
        Rendition rendition = plan.rendition("720");
        assertEquals("videos/" + UUID + "/mp4/720.mp4", rendition.mp4Key());
        assertEquals("videos/" + UUID + "/hls/720/", rendition.hlsDirectory());
        assertEquals("videos/" + UUID + "/hls/720/playlist.m3u8", rendition.hlsPlaylistKey());
        assertEquals("videos/" + UUID + "/hls/master.m3u8", plan.masterPlaylistKey());
        assertEquals("videos/" + UUID + "/thumbnail.jpg", plan.image(StillImage.Kind.THUMBNAIL).key());
        assertEquals("videos/" + UUID + "/preview.jpg", plan.image(StillImage.Kind.PREVIEW).key());
    }

    @Test
    void refusesAVideoIdThatIsNotACanonicalUuid() {
        for (String id : List.of("../../etc", "6F1C2B8E-3D4A-4C5B-9E7F-0A1B2C3D4E5F", "", "1-1-1-1-1")) {
            assertThrows(IllegalArgumentException.class, () -> PLANNER.plan(id, video(1280, 720, 30)), id);
        }
    }

    @Test
    void imagesFitTheirBoxesAndAreNeverEnlarged() {
        TranscodePlan plan = PLANNER.plan(UUID, video(1920, 1080, 30));
        StillImage thumbnail = plan.image(StillImage.Kind.THUMBNAIL);
        assertEquals(279, thumbnail.width());
        assertEquals(157, thumbnail.height());
        assertEquals(30.0, thumbnail.atSeconds());
        StillImage tiny = PLANNER.plan(UUID, video(160, 90, 30)).image(StillImage.Kind.PREVIEW);
        assertEquals(160, tiny.width());
        assertEquals(90, tiny.height());
    }

    @Test
    void renditionSurvivesAJsonRoundTripAsAQueueMessage() {
        Rendition rendition = PLANNER.plan(UUID, video(1920, 1080, 29.97)).rendition("720");
        String message = Json.write(rendition);
        assertEquals(rendition, Json.read(message, Rendition.class));
        assertTrue(!message.contains("codecs") && !message.contains("hasVideo"), message);
    }

    @Test
    void plansFromAProbeReportWithRotationReadFromFfprobeJson() {
        ProbeReport report = new ProbeReport(ProbeReport.Status.PROBED, Optional.empty(), 12.5, 5_000_000, "mov,mp4",
                Optional.of("h264"), 1920, 1080, 29.97, Optional.of("aac"), 0);
        String ffprobe = """
                {"streams": [
                  {"codec_type": "video", "disposition": {"attached_pic": 0},
                   "side_data_list": [{"side_data_type": "Display Matrix", "rotation": -90}]},
                  {"codec_type": "audio"}]}
                """;
        SourceMedia source = SourceMedia.of(report, MediaProbe.rotationOf(ffprobe));
        assertEquals(270, source.rotationDegrees());
        assertEquals(1080, source.displayWidth());
        assertEquals(3_200_000, source.bitrate());
        assertEquals("720x1280", PLANNER.plan(UUID, source).rendition("720").width() + "x"
                + PLANNER.plan(UUID, source).rendition("720").height());
        assertThrows(IllegalArgumentException.class, () -> SourceMedia.of(ProbeReport.rejected("empty", 0)));
    }

    @Test
    void readsTheOldRotateTagAndIgnoresCoverArt() {
        String ffprobe = """
                {"streams": [
                  {"codec_type": "video", "disposition": {"attached_pic": 1}, "tags": {"rotate": "180"}},
                  {"codec_type": "video", "tags": {"rotate": "90"}}]}
                """;
        assertEquals(90, MediaProbe.rotationOf(ffprobe));
        assertEquals(0, MediaProbe.rotationOf("{\"streams\": [{\"codec_type\": \"audio\"}]}"));
    }
}
