package org.nuage.api.federation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.nuage.aws.config.InstanceConfig;
import java.time.Clock;
import org.nuage.core.account.AccountService;
import org.nuage.core.comment.CommentService;
import org.nuage.core.comment.Comments;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.index.RemoteVideos;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.video.VideoCatalog;
import org.nuage.core.federation.ScheduledUpdates;
import org.nuage.core.federation.ActorFederation;
import org.nuage.core.federation.VideoFederation;
import org.nuage.core.federation.ViewsFederation;
import org.nuage.core.queue.WorkQueue;
import org.nuage.core.video.RatingService;
import org.nuage.core.video.VideoReactions;
import org.nuage.aws.config.FederationConfig;
import org.nuage.core.federation.VideoObjects;
import org.nuage.core.federation.follow.Followers;
import org.nuage.core.media.ObjectStore;
import org.nuage.core.transcode.TranscodeJobs;
import org.nuage.core.federation.actor.ActorDirectory;
import org.nuage.core.federation.actor.ActorKeyring;

/** Wires core's actor directory to the instance's public URL and the key table. */
public class FederationBeans {

    @Produces
    @ApplicationScoped
    ActorDirectory actorDirectory(AccountService accounts, ActorKeyring keys, InstanceConfig instance, ObjectStore media) {
        return new ActorDirectory(accounts, keys, instance.publicUrl(), media);
    }

    @Produces
    @ApplicationScoped
    ActorFederation actorFederation(ActorDirectory actors, Followers followers, OutboundService outbound, Clock clock) {
        return new ActorFederation(actors, followers, outbound, clock);
    }

    @Produces
    @ApplicationScoped
    CommentService commentService(Comments comments, VideoCatalog videos, RemoteActors remote,
            RemoteVideos remoteVideos, OutboundService outbound, InstanceConfig instance, Clock clock) {
        return new CommentService(comments, videos, remote, remoteVideos, outbound, instance.publicUrl(), clock);
    }

    @Produces
    @ApplicationScoped
    VideoFederation videoFederation(VideoObjects objects, Followers followers, OutboundService outbound) {
        return new VideoFederation(objects, followers, outbound);
    }

    @Produces
    @ApplicationScoped
    RatingService ratingService(VideoCatalog videos, RemoteVideos remoteVideos, VideoReactions reactions,
            VideoObjects objects, VideoFederation federation, RemoteActors remote, OutboundService outbound,
            ViewsFederation counts) {
        return new RatingService(videos, remoteVideos, reactions, objects, federation, remote, outbound, counts::viewed);
    }

    /** Views counted here schedule the federated views update; the delivery function sends it. */
    @Produces
    @ApplicationScoped
    ViewsFederation viewsFederation(VideoCatalog videos, VideoReactions reactions, ScheduledUpdates scheduled,
            WorkQueue queue, VideoFederation federation, FederationConfig config, Clock clock) {
        return new ViewsFederation(videos, reactions, scheduled, queue, federation, config.viewsInterval(), clock);
    }

    @Produces
    @ApplicationScoped
    VideoObjects videoObjects(TranscodeJobs jobs, ObjectStore store, InstanceConfig instance) {
        return new VideoObjects(jobs, store, instance.publicUrl());
    }
}
