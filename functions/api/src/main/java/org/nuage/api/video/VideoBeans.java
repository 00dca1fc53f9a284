package org.nuage.api.video;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.nuage.core.account.AccountService;
import org.nuage.core.federation.VideoFederation;
import org.nuage.core.media.ObjectStore;
import org.nuage.core.transcode.TranscodeJobs;
import org.nuage.core.video.ChunkStorage;
import org.nuage.core.video.LegacyUploadService;
import org.nuage.core.video.MultipartStorage;
import org.nuage.core.video.ResumableUploadService;
import org.nuage.core.video.UploadService;
import org.nuage.core.video.UploadSessions;
import org.nuage.core.video.VideoCatalog;
import org.nuage.core.video.VideoRemoval;

/** Wires core's upload and removal services to the AWS adapters. */
public class VideoBeans {

    @Produces
    @ApplicationScoped
    UploadService uploadService(AccountService accounts, VideoCatalog videos, MultipartStorage storage, Clock clock) {
        return new UploadService(accounts, videos, storage, clock);
    }

    @Produces
    @ApplicationScoped
    ResumableUploadService resumableUploadService(AccountService accounts, VideoCatalog videos,
            MultipartStorage storage, ChunkStorage chunks, UploadSessions sessions, Clock clock) {
        return new ResumableUploadService(accounts, videos, storage, chunks, sessions, clock);
    }

    @Produces
    @ApplicationScoped
    LegacyUploadService legacyUploadService(AccountService accounts, VideoCatalog videos, ObjectStore store,
            Clock clock) {
        return new LegacyUploadService(accounts, videos, store, clock);
    }

    @Produces
    @ApplicationScoped
    VideoRemoval videoRemoval(VideoCatalog videos, TranscodeJobs jobs, ObjectStore store, MultipartStorage storage,
            VideoFederation federation) {
        return new VideoRemoval(videos, jobs, store, storage, federation::deleted);
    }
}
