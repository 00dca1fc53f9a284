package org.nuage.transcoder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.aws.config.TrackerConfig;
import org.nuage.core.federation.VideoFederation;
import org.nuage.core.federation.VideoObjects;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.follow.Followers;
import org.nuage.core.media.MediaProbe;
import org.nuage.core.media.MediaStore;
import org.nuage.core.media.ObjectStore;
import org.nuage.core.media.ProbeStore;
import org.nuage.core.media.UploadProbeService;
import org.nuage.core.queue.WorkQueue;
import org.nuage.core.transcode.FfmpegCommand;
import org.nuage.core.transcode.FfmpegRunner;
import org.nuage.core.transcode.LadderConfig;
import org.nuage.core.transcode.LadderPlanner;
import org.nuage.core.transcode.TranscodeJobs;
import org.nuage.core.transcode.TranscodeService;
import org.nuage.core.video.VideoCatalog;

/** Wires core's media services to ffprobe, ffmpeg and the AWS adapters. */
public class TranscoderBeans {

    @Produces
    @ApplicationScoped
    UploadProbeService uploadProbeService(MediaStore media, ProbeStore probes, VideoCatalog videos) {
        return new UploadProbeService(MediaProbe.fromLayerOrPath(), media, probes, videos);
    }

    @Produces
    @ApplicationScoped
    TranscodeService transcodeService(TranscoderConfig config, TrackerConfig trackers, TranscodeJobs jobs,
            VideoCatalog videos, WorkQueue queue, ObjectStore store, VideoFederation federation, Clock clock) {
        LadderConfig ladder = new LadderConfig(config.resolutions(), config.keepOriginal(), config.maxFps(),
                config.segmentSeconds(), config.segmentsPerChunk());
        return new TranscodeService(new LadderPlanner(ladder), jobs, videos, queue, store,
                new FfmpegCommand(FfmpegRunner.ffmpegFromLayerOrPath(), config.x264Preset()),
                new FfmpegRunner(Duration.ofMinutes(config.ffmpegTimeoutMinutes())), trackers.trackers(),
                config.workDirectory(), federation::published, clock);
    }

    @Produces
    @ApplicationScoped
    VideoFederation videoFederation(TranscodeJobs jobs, ObjectStore store, Followers followers,
            OutboundService outbound, InstanceConfig instance) {
        return new VideoFederation(new VideoObjects(jobs, store, instance.publicUrl()), followers, outbound);
    }
}
