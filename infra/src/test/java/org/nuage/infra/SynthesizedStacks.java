package org.nuage.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.nuage.core.stack.StackDefinition;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The two variants of the stack, synthesized once for all test classes (starting jsii and
 * synthesizing take seconds each), from small stand-in zips: synthesis only hashes and copies them.
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
        Path assets = standInAssets();
        App app = new App();
        snapStartDeployment = deployment(assets, ColdStart.SNAPSTART);
        NuageStack managed = new NuageStack(app, "NuageSnapStart", StackProps.builder().build(), DEFINITION,
                snapStartDeployment);
        NuageStack custom = new NuageStack(app, "NuageCustomRuntime", StackProps.builder().build(), DEFINITION,
                deployment(assets, ColdStart.CUSTOM_RUNTIME).withPublicUrl(URI.create(PUBLIC_URL + "/"))
                        .withInstanceName("Test videos"));
        snapStart = Template.fromStack(managed);
        customRuntime = Template.fromStack(custom);
    }

    private static Deployment deployment(Path assets, ColdStart coldStart) {
        Map<NuageFunction, Path> code = new EnumMap<>(NuageFunction.class);
        for (NuageFunction function : NuageFunction.values()) {
            code.put(function, assets.resolve(function.id() + "-" + Deployment.zipName(coldStart)));
        }
        return new Deployment(code, assets.resolve("ffmpeg-layer.zip"), coldStart, Optional.empty(), Optional.empty());
    }

    /** A zip per function and variant, and a layer zip, each holding one small file named for it. */
    private static Path standInAssets() {
        try {
            Path dir = Files.createTempDirectory("nuage-infra-assets");
            dir.toFile().deleteOnExit();
            for (ColdStart coldStart : ColdStart.values()) {
                for (NuageFunction function : NuageFunction.values()) {
                    zip(dir.resolve(function.id() + "-" + Deployment.zipName(coldStart)),
                            coldStart == ColdStart.SNAPSTART ? "lib/" + function.id() + ".jar" : "bootstrap");
                }
            }
            zip(dir.resolve("ffmpeg-layer.zip"), "bin/ffmpeg");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void zip(Path file, String entry) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(("stand-in for " + file.getFileName() + "\n").getBytes());
            zip.closeEntry();
        }
        file.toFile().deleteOnExit();
    }
}
