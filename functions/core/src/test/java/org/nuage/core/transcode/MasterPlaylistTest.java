package org.nuage.core.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Writes master playlists from plans and from measured segments. */
class MasterPlaylistTest {

    private static final String UUID = "6f1c2b8e-3d4a-4c5b-9e7f-0a1b2c3d4e5f";

    @Test
    void listsEachRenditionWithBandwidthResolutionCodecsAndFrameRateSmallestFirst() {
        TranscodePlan plan = new LadderPlanner(LadderConfig.defaults().withResolutions(List.of(360, 720)))
                .plan(UUID, new SourceMedia(1280, 720, 0, 29.97, 60, true, true, 0));
        Rendition hd = plan.rendition("720");
        Rendition sd = plan.rendition("360");
        String master = MasterPlaylist.write(List.of(MasterPlaylist.Variant.planned(hd),
                MasterPlaylist.Variant.planned(sd)));
        long sdBandwidth = Math.round(sd.videoBitrate() * 1.5) + sd.audioBitrate();
        long hdBandwidth = Math.round(hd.videoBitrate() * 1.5) + hd.audioBitrate();
        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-STREAM-INF:BANDWIDTH=%d,CODECS="avc1.64001e,mp4a.40.2",RESOLUTION=640x360,FRAME-RATE=29.970
                360/playlist.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=%d,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720,FRAME-RATE=29.970
                720/playlist.m3u8
                """.formatted(sdBandwidth, hdBandwidth), master);
    }

    @Test
    void audioOnlyVariantHasNoResolutionOrFrameRate() {
        Rendition audio = new LadderPlanner(LadderConfig.defaults())
                .plan(UUID, new SourceMedia(0, 0, 0, 0, 60, false, true, 0)).rendition("audio");
        String master = MasterPlaylist.write(List.of(MasterPlaylist.Variant.planned(audio)));
        assertTrue(master.contains("#EXT-X-STREAM-INF:BANDWIDTH=192000,CODECS=\"mp4a.40.2\"\naudio/playlist.m3u8\n"),
                master);
    }

    @Test
    void measuredVariantTakesThePeakOfSegmentsAndIgnoresAShortTail() {
        Rendition rendition = new LadderPlanner(LadderConfig.defaults())
                .plan(UUID, new SourceMedia(640, 360, 0, 30, 9, true, true, 0)).rendition("360");
        List<MediaSegment> segments = MediaSegment.parse("""
                #EXTM3U
                #EXT-X-TARGETDURATION:4
                #EXT-X-MAP:URI="init.mp4"
                #EXTINF:4.000000,
                segment-00000.m4s
                #EXTINF:4.000000,
                segment-00001.m4s
                #EXTINF:1.000000,
                segment-00002.m4s
                #EXT-X-ENDLIST
                """);
        assertEquals(List.of("segment-00000.m4s", "segment-00001.m4s", "segment-00002.m4s"),
                segments.stream().map(MediaSegment::uri).toList());
        // 500 kB in 4 s is 1 Mb/s; the last second alone would be 2 Mb/s, but with the segment
        // before it (5 s, within 1.5 targets) it is 1.2 Mb/s.
        MasterPlaylist.Variant variant = MasterPlaylist.Variant.measured(rendition, segments,
                List.of(400_000L, 500_000L, 250_000L));
        assertEquals(1_200_000, variant.bandwidth());
        assertEquals(Math.round(1_150_000 * 8 / 9.0), variant.averageBandwidth());
        assertTrue(MasterPlaylist.write(List.of(variant)).contains("AVERAGE-BANDWIDTH="));
    }
}
