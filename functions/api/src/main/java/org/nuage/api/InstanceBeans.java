package org.nuage.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.nuage.core.abuse.Abuses;
import org.nuage.core.account.AccountStore;
import org.nuage.core.comment.Comments;
import org.nuage.core.federation.follow.FollowerApproval;
import org.nuage.core.federation.follow.FollowingService;
import org.nuage.core.federation.index.RemoteVideos;
import org.nuage.core.instance.InstanceStats;
import org.nuage.core.instance.ServerStatistics;
import org.nuage.core.transcode.TranscodeJobs;
import org.nuage.core.video.VideoCatalog;
import org.nuage.core.video.VideoReactions;

/** Wires core's instance statistics to the AWS adapters. */
public class InstanceBeans {

    @Produces
    @ApplicationScoped
    ServerStatistics serverStatistics(InstanceStats stats, AccountStore accounts, VideoCatalog videos,
            RemoteVideos remoteVideos, VideoReactions reactions, Comments comments, TranscodeJobs jobs, Abuses abuses,
            FollowerApproval followers, FollowingService following, Clock clock) {
        return new ServerStatistics(stats, accounts, videos, remoteVideos, reactions, comments, jobs, abuses, followers,
                following, clock);
    }
}
