package org.nuage.infra;

import java.net.URI;
import java.nio.file.Path;

import org.nuage.core.stack.StackDefinition;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The two variants of the stack, synthesized once for all test classes (starting jsii and
 * synthesizing take seconds each), from {@link StandInAssets}.
 */
final class SynthesizedStacks {

    /** Unusual numbers, so a value the stack hard-codes instead of reading cannot pass. */
    static final StackDefinition DEFINITION = StackDefinition.withVisibility("nuage-test", 397, 5437, 3);

    /** The custom-runtime variant is given its own address, the SnapStart one uses the HTTP API's. */
    static final URI PUBLIC_URL = URI.create("https://video.example.org");

    private static Template snapStart;
    private static Template customRuntime;
    private static Deployment snapStartDeployment;

    private SynthesizedStacks() {
    }

    /** The default variant: managed java21 with SnapStart. */
    static synchronized Template snapStart() {
        synthesize();
        return snapStart;
    }

    static synchronized Template customRuntime() {
        synthesize();
        return customRuntime;
    }

    static synchronized Deployment snapStartDeployment() {
        synthesize();
        return snapStartDeployment;
    }

    private static void synthesize() {
        if (snapStart != null) {
            return;
        }
        Path assets = StandInAssets.folder();
        App app = new App();
        snapStartDeployment = StandInAssets.deployment(assets, ColdStart.SNAPSTART);
        NuageStack managed = new NuageStack(app, "NuageSnapStart", StackProps.builder().build(), DEFINITION,
                snapStartDeployment);
        NuageStack custom = new NuageStack(app, "NuageCustomRuntime", StackProps.builder().build(), DEFINITION,
                StandInAssets.deployment(assets, ColdStart.CUSTOM_RUNTIME).withPublicUrl(URI.create(PUBLIC_URL + "/"))
                        .withInstanceName("Test videos"));
        snapStart = Template.fromStack(managed);
        customRuntime = Template.fromStack(custom);
    }

}
