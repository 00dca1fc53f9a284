package org.nuage.infra;

import org.nuage.core.media.UploadProbeService;
import org.nuage.core.video.ResumableUpload;

/**
 * The key prefixes the functions write under, which scope their S3 grants: a function is allowed
 * only the prefixes its code uses (checked against core's key functions in the tests).
 */
public final class ObjectKeys {

    /** Originals bucket: each upload's original, where S3 events start the transcoder. */
    public static final String UPLOADS = UploadProbeService.UPLOADS_PREFIX;
    /** Originals bucket: chunks a resumable upload holds until they make a part. */
    public static final String RESUMABLE = ResumableUpload.HELD_PREFIX;
    /** Originals bucket: the transcoder's intermediate files (chunks before their join). */
    public static final String WORK = "work/";
    /** Media bucket: everything published of a video (HLS, MP4s, torrents, images). */
    public static final String VIDEOS = "videos/";

    private ObjectKeys() {
    }
}
