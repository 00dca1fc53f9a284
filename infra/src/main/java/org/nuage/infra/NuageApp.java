package org.nuage.infra;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import org.nuage.core.stack.StackDefinition;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk synth} / {@code cdk deploy} run this (see {@code cdk.json}). The prefix
 * that names every resource comes from {@code -c prefix=...}, else {@code NUAGE_PREFIX}, else
 * {@value #DEFAULT_PREFIX}; the stack is named after it. Other context values:
 * {@code coldStart} ({@code snapstart}, the default, or {@code custom-runtime}), {@code publicUrl}
 * (the instance's address; default the HTTP API's), {@code instanceName}, {@code ffmpegLayer} (the
 * layer zip; default {@value Deployment#FFMPEG_LAYER_ZIP}) and {@code repository} (the checkout the
 * function zips are taken from; default {@code ..}, as cdk runs in {@code infra/}).
 */
public final class NuageApp {

    public static final String DEFAULT_PREFIX = "nuage";
    public static final String PREFIX_CONTEXT = "prefix";
    public static final String PREFIX_ENV = "NUAGE_PREFIX";

    private NuageApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        String prefix = prefix(app.getNode().tryGetContext(PREFIX_CONTEXT), System.getenv(PREFIX_ENV));
        // The CDK CLI sets these from the profile it deploys with; unset, the stack is
        // environment-agnostic, which is enough for synth and for the tests.
        Environment environment = Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build();
        new NuageStack(app, prefix, StackProps.builder().env(environment).build(),
                StackDefinition.standard(prefix), deployment(app));
        app.synth();
    }

    /** The deployment the context describes (see the class comment). */
    static Deployment deployment(App app) {
        Path repository = Path.of(context(app, "repository").orElse(".."));
        ColdStart coldStart = context(app, "coldStart").map(ColdStart::parse).orElse(ColdStart.SNAPSTART);
        Deployment deployment = Deployment.fromRepository(repository, coldStart);
        deployment = deployment.withFfmpegLayer(Path.of(context(app, "ffmpegLayer")
                .orElse(repository.resolve(Deployment.FFMPEG_LAYER_ZIP).toString())));
        Optional<String> publicUrl = context(app, "publicUrl");
        if (publicUrl.isPresent()) {
            deployment = deployment.withPublicUrl(URI.create(publicUrl.get()));
        }
        Optional<String> name = context(app, "instanceName");
        if (name.isPresent()) {
            deployment = deployment.withInstanceName(name.get());
        }
        return deployment;
    }

    private static Optional<String> context(App app, String key) {
        return Optional.ofNullable(app.getNode().tryGetContext(key)).map(Object::toString).map(String::strip)
                .filter(value -> !value.isEmpty());
    }

    /** The context value if set, else the environment's, else {@value #DEFAULT_PREFIX}. */
    static String prefix(Object context, String environment) {
        if (context != null && !context.toString().isBlank()) {
            return context.toString().strip();
        }
        if (environment != null && !environment.isBlank()) {
            return environment.strip();
        }
        return DEFAULT_PREFIX;
    }
}
