package org.nuage.infra;

import org.nuage.core.stack.StackDefinition;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** One deployed Nuage instance: its storage and queues now, its functions and HTTP API later. */
public final class NuageStack extends Stack {

    private final StackDefinition definition;
    private final NuageStorage storage;

    public NuageStack(Construct scope, String id, StackProps props, StackDefinition definition) {
        super(scope, id, props);
        this.definition = definition;
        this.storage = new NuageStorage(this, "Storage", definition);
        // The ffmpeg layer, the four functions (api, inbox, delivery, transcoder), their event
        // sources on storage.queue(...), the HTTP API and the IAM grants on storage's resources
        // go here, each as its own construct next to NuageStorage.
    }

    public StackDefinition definition() {
        return definition;
    }

    public NuageStorage storage() {
        return storage;
    }
}
