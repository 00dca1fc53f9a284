package org.nuage.infra;

import org.nuage.core.stack.StackDefinition;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk synth} / {@code cdk deploy} run this (see {@code cdk.json}). The prefix
 * that names every resource comes from {@code -c prefix=...}, else {@code NUAGE_PREFIX}, else
 * {@value #DEFAULT_PREFIX}; the stack is named after it.
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
                StackDefinition.standard(prefix));
        app.synth();
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
