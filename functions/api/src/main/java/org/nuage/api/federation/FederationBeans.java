package org.nuage.api.federation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.nuage.aws.config.InstanceConfig;
import org.nuage.core.account.AccountService;
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
    VideoObjects videoObjects(TranscodeJobs jobs, ObjectStore store, InstanceConfig instance) {
        return new VideoObjects(jobs, store, instance.publicUrl());
    }
}
