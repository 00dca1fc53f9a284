package org.nuage.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.nuage.aws.config.FederationConfig;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.core.federation.ScheduledUpdates;
import org.nuage.core.federation.VideoFederation;
import org.nuage.core.federation.VideoObjects;
import org.nuage.core.federation.ViewsFederation;
import org.nuage.core.media.ObjectStore;
import org.nuage.core.queue.WorkQueue;
import org.nuage.core.transcode.TranscodeJobs;
import org.nuage.core.abuse.Abuses;
import org.nuage.core.account.AccountStore;
import org.nuage.core.comment.CommentService;
import org.nuage.core.comment.Comments;
import org.nuage.core.federation.InboundService;
import org.nuage.core.federation.InboxStore;
import org.nuage.core.federation.FollowedActorsHandler;
import org.nuage.core.federation.actor.ActorDirectory;
import org.nuage.core.federation.actor.LocalActors;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.follow.FollowerApproval;
import org.nuage.core.federation.follow.Followers;
import org.nuage.core.federation.follow.FollowingService;
import org.nuage.core.federation.inbound.ActorHandling;
import org.nuage.core.federation.inbound.CommentHandling;
import org.nuage.core.federation.inbound.FlagHandling;
import org.nuage.core.federation.inbound.OurVideos;
import org.nuage.core.federation.inbound.VideoReactionHandling;
import org.nuage.core.federation.index.RemoteVideoIndex;
import org.nuage.core.federation.index.RemoteVideos;
import org.nuage.core.federation.remote.RemoteActorCache;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.video.VideoCatalog;
import org.nuage.core.video.VideoReactions;

/** Wires core's inbound federation service to the AWS adapters; the outbound one is shared (aws FederationBeans). */
public class DeliveryBeans {

    /**
     * Views update: remote Views counted here schedule it, and the scheduled message, on the
     * outbound queue, sends it.
     */
    @Produces
    @ApplicationScoped
    ViewsFederation viewsFederation(VideoCatalog videos, VideoReactions reactions, ScheduledUpdates scheduled,
            WorkQueue queue, TranscodeJobs jobs, ObjectStore store, Followers followers, OutboundService outbound,
            FederationConfig federation, InstanceConfig instance, Clock clock) {
        VideoFederation videoFederation = new VideoFederation(new VideoObjects(jobs, store, instance.publicUrl()),
                followers, outbound);
        return new ViewsFederation(videos, reactions, scheduled, queue, videoFederation, federation.viewsInterval(), clock);
    }

    @Produces
    @ApplicationScoped
    InboundService inboundService(InboxStore store, AccountStore accounts, RemoteActors remote,
            RemoteActorCache remoteCache, Followers followers, FollowerApproval approval, OutboundService outbound,
            Comments comments,
            VideoCatalog videos, VideoReactions reactions, Abuses abuses, FollowingService following,
            RemoteVideoIndex index, RemoteVideos remoteVideos, ViewsFederation viewsFederation, InstanceConfig instance,
            Clock clock) {
        String base = instance.publicUrl().toString().replaceAll("/+$", "");
        OurVideos ourVideos = new OurVideos(videos, instance.publicUrl());
        CommentHandling commentHandling = new CommentHandling(
                new CommentService(comments, videos, remote, remoteVideos, outbound, instance.publicUrl(), clock), comments, videos,
                store, followers, remote, outbound, instance.publicUrl(), base + "/accounts/" + ActorDirectory.INSTANCE_ACTOR,
                clock);
        return new InboundService(store, new LocalActors(accounts, instance.publicUrl()), remote, approval,
                commentHandling, new ActorHandling(remote, remoteCache, followers, commentHandling),
                new VideoReactionHandling(ourVideos, reactions, viewsFederation::viewed, clock),
                new FlagHandling(ourVideos, comments, accounts, abuses, remote, instance.publicUrl(), clock),
                new FollowedActorsHandler(following, index), clock);
    }
}
