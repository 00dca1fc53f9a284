package org.nuage.core.media;

import java.time.Duration;
import java.util.logging.Logger;
import org.nuage.core.video.Video;
import org.nuage.core.video.VideoCatalog;

/**
 * First step of the transcoder: when an upload lands in the originals bucket, probe it and record
 * what it is, or why it was refused.
 */
public final class UploadProbeService {

    private static final Logger LOG = Logger.getLogger(UploadProbeService.class.getName());

    /** Uploads live under this prefix; the key's last segment is the upload id. */
    public static final String UPLOADS_PREFIX = "uploads/";

    /** Long enough for ffprobe's reads, short enough that a leaked URL is soon useless. */
    private static final Duration PROBE_URL_VALIDITY = Duration.ofMinutes(15);

    private final MediaProbe probe;
    private final MediaStore media;
    private final ProbeStore probes;
    private final VideoCatalog videos;

    public UploadProbeService(MediaProbe probe, MediaStore media, ProbeStore probes, VideoCatalog videos) {
        this.probe = probe;
        this.media = media;
        this.probes = probes;
        this.videos = videos;
    }

    public ProbeReport onUpload(ObjectCreated object) {
        String uploadId = uploadId(object.key());
        var existing = probes.findProbe(uploadId);
        if (existing.isPresent()) {
            // A redelivered notification: the first run already recorded the outcome.
            return existing.get();
        }
        String url = media.presignedGet(object.bucket(), object.key(), PROBE_URL_VALIDITY).toString();
        ProbeReport report = probe.probe(url, object.size());
        probes.saveProbe(uploadId, report);
        if (report.isRejected()) {
            // The owner sees why on their video; the file stays until they delete the video.
            videos.find(uploadId).filter(v -> v.state() != Video.State.FAILED)
                    .ifPresent(v -> videos.save(v.withState(Video.State.FAILED, report.reason())));
        }
        LOG.info(() -> "upload " + uploadId + ": " + report.status()
                + report.reason().map(r -> " (" + r + ")").orElse(""));
        return report;
    }

    /**
     * The upload id is the key below {@link #UPLOADS_PREFIX}; keys are derived from ids only, so
     * anything else is not ours to touch.
     */
    public static String uploadId(String key) {
        if (!key.startsWith(UPLOADS_PREFIX)) {
            throw new IllegalArgumentException("object key '" + key + "' is not under " + UPLOADS_PREFIX);
        }
        String id = key.substring(UPLOADS_PREFIX.length());
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("object key '" + key + "' does not end in an upload id");
        }
        return id;
    }
}
