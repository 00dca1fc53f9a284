package org.nuage.infra;

import java.net.URI;

import org.nuage.core.stack.StackDefinition;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * One deployed Nuage instance: its storage and queues, the four functions with their triggers, and
 * the HTTP API. Nothing in it costs money by the hour (no NAT gateway, no load balancer, no
 * provisioned capacity): an instance nobody uses costs what its stored bytes cost (docs/cost.md).
 */
public final class NuageStack extends Stack {

    private final StackDefinition definition;
    private final NuageStorage storage;
    private final NuageHttpApi http;
    private final NuageFunctions functions;

    public NuageStack(Construct scope, String id, StackProps props, StackDefinition definition, Deployment deployment) {
        super(scope, id, props);
        this.definition = definition;
        this.storage = new NuageStorage(this, "Storage", definition);
        // The definition names the table after the instance's prefix; functions and the API share it.
        String prefix = definition.table().name();
        this.http = new NuageHttpApi(this, "Http", prefix);
        String publicUrl = deployment.publicUrl().map(URI::toString).orElse(http.url());
        this.functions = new NuageFunctions(this, "Functions", prefix, storage, definition, deployment, publicUrl);
        http.routeTo(functions);
        CfnOutput.Builder.create(this, "ApiUrl").description("The HTTP API's own address").value(http.url()).build();
        CfnOutput.Builder.create(this, "PublicUrl").description("The instance's public base URL").value(publicUrl)
                .build();
        CfnOutput.Builder.create(this, "MediaBucket").value(storage.media().getBucketName()).build();
    }

    public StackDefinition definition() {
        return definition;
    }

    public NuageStorage storage() {
        return storage;
    }

    public NuageFunctions functions() {
        return functions;
    }

    public NuageHttpApi http() {
        return http;
    }
}
