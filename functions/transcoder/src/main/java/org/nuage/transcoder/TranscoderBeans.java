package org.nuage.transcoder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.nuage.core.media.MediaProbe;
import org.nuage.core.media.MediaStore;
import org.nuage.core.media.UploadProbeService;
import org.nuage.core.media.ProbeStore;
import org.nuage.core.video.VideoCatalog;

/** Wires core's media services to ffprobe and the AWS adapters. */
public class TranscoderBeans {

    @Produces
    @ApplicationScoped
    UploadProbeService uploadProbeService(MediaStore media, ProbeStore probes, VideoCatalog videos) {
        return new UploadProbeService(MediaProbe.fromLayerOrPath(), media, probes, videos);
    }
}
