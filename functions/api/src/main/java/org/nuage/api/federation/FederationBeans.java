package org.nuage.api.federation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.nuage.aws.config.InstanceConfig;
import java.time.Clock;
import org.nuage.core.account.AccountService;
import org.nuage.core.comment.CommentService;
import org.nuage.core.comment.Comments;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.remote.RemoteActors;
import org.nuage.core.video.VideoCatalog;
import org.nuage.core.federation.VideoObjects;
import org.nuage.core.media.ObjectStore;
import org.nuage.core.transcode.TranscodeJobs;
import org.nuage.core.federation.actor.ActorDirectory;
import org.nuage.core.federation.actor.ActorKeyring;

/** Wires core's actor directory to the instance's public URL and the key table. */
public class FederationBeans {

    @Produces
    @ApplicationScoped
    ActorDirectory actorDirectory(AccountService accounts, ActorKeyring keys, InstanceConfig instance) {
        return new ActorDirectory(accounts, keys, instance.publicUrl());
    }

    @Produces
    @ApplicationScoped
    CommentService commentService(Comments comments, VideoCatalog videos, RemoteActors remote, OutboundService outbound,
            InstanceConfig instance, Clock clock) {
        return new CommentService(comments, videos, remote, outbound, instance.publicUrl(), clock);
    }

    @Produces
    @ApplicationScoped
    VideoObjects videoObjects(TranscodeJobs jobs, ObjectStore store, InstanceConfig instance) {
        return new VideoObjects(jobs, store, instance.publicUrl());
    }
}
