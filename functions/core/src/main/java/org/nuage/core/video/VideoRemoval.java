package org.nuage.core.video;

import java.util.function.Consumer;
import java.util.logging.Logger;
import org.nuage.core.Refusal;
import org.nuage.core.media.ObjectStore;
import org.nuage.core.media.ObjectStore.Bucket;
import org.nuage.core.transcode.TranscodeJobs;
import org.nuage.core.transcode.TranscodeService;

/**
 * Deletes a video for its owner: the upload in progress, every object, the job, the row, and the
 * storage it counted against the quota, then tells whoever was told of it.
 */
public final class VideoRemoval {

    private static final Logger LOG = Logger.getLogger(VideoRemoval.class.getName());

    private final VideoCatalog videos;
    private final TranscodeJobs jobs;
    private final ObjectStore store;
    private final MultipartStorage uploads;
    private final Consumer<Video> onDeleted;

    /** {@code onDeleted} is told of each video once it is gone (federation sends the Delete). */
    public VideoRemoval(VideoCatalog videos, TranscodeJobs jobs, ObjectStore store, MultipartStorage uploads,
            Consumer<Video> onDeleted) {
        this.videos = videos;
        this.jobs = jobs;
        this.store = store;
        this.uploads = uploads;
        this.onDeleted = onDeleted;
    }

    public void delete(String actor, String uuid) {
        Video video = videos.find(uuid).orElseThrow(() -> Refusal.notFound("no video " + uuid));
        if (!video.owner().equals(actor)) {
            throw Refusal.forbidden("video " + uuid + " belongs to another account");
        }
        video.multipartUploadId().ifPresent(id -> uploads.abort(video.originalKey(), id));
        // The job first: a transcoding task still running then finds no job to record its outcome in
        // and stops instead of publishing.
        jobs.delete(uuid);
        int removed = store.deletePrefix(Bucket.MEDIA, "videos/" + uuid + "/")
                + store.deletePrefix(Bucket.ORIGINALS, TranscodeService.workPrefix(uuid))
                + store.deletePrefix(Bucket.ORIGINALS, video.originalKey());
        // The row last: if anything above fails, the owner can delete again and nothing is orphaned.
        videos.delete(uuid);
        videos.releaseQuota(video.owner(), video.declaredSizeBytes());
        LOG.info(() -> "video " + uuid + " deleted by " + actor + " with " + removed + " objects");
        onDeleted.accept(video);
    }
}
