package org.nuage.infra;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stack deploys besides its storage: the code of each function, the ffmpeg layer, the
 * cold-start option and how the instance presents itself.
 *
 * @param functionCode   each function's zip: {@code function.zip} for {@link ColdStart#SNAPSTART},
 *                       {@code function-al2023.zip} for {@link ColdStart#CUSTOM_RUNTIME}
 * @param ffmpegLayer    the layer zip with {@code bin/ffmpeg} and {@code bin/ffprobe}
 * @param coldStart      which runtime the functions use
 * @param publicUrl      the instance's public base URL; without one, the HTTP API's own address
 * @param instanceName   shown in page titles and NodeInfo; without one, the functions' default
 */
public record Deployment(Map<NuageFunction, Path> functionCode, Path ffmpegLayer, ColdStart coldStart,
        Optional<URI> publicUrl, Optional<String> instanceName) {

    /** Where {@code ffmpeg-layer/}'s build leaves the layer, relative to the repository. */
    public static final String FFMPEG_LAYER_ZIP = "ffmpeg-layer/target/ffmpeg-layer.zip";

    public Deployment {
        functionCode = Map.copyOf(functionCode);
        for (NuageFunction function : NuageFunction.values()) {
            if (!functionCode.containsKey(function)) {
                throw new IllegalArgumentException("no code given for the " + function.id() + " function");
            }
        }
        Objects.requireNonNull(ffmpegLayer, "ffmpegLayer");
        Objects.requireNonNull(coldStart, "coldStart");
        publicUrl = publicUrl.map(url -> URI.create(url.toString().replaceAll("/+$", "")));
    }

    /** The build's outputs in a checkout at {@code repository}: {@code functions/<name>/target/...}. */
    public static Deployment fromRepository(Path repository, ColdStart coldStart) {
        Map<NuageFunction, Path> code = new EnumMap<>(NuageFunction.class);
        for (NuageFunction function : NuageFunction.values()) {
            code.put(function, repository.resolve("functions").resolve(function.id()).resolve("target")
                    .resolve(zipName(coldStart)));
        }
        return new Deployment(code, repository.resolve(FFMPEG_LAYER_ZIP), coldStart, Optional.empty(),
                Optional.empty());
    }

    /** Quarkus's {@code function.zip}, or the custom runtime's zip built from it. */
    public static String zipName(ColdStart coldStart) {
        return coldStart == ColdStart.SNAPSTART ? "function.zip" : "function-al2023.zip";
    }

    public Deployment withPublicUrl(URI url) {
        return new Deployment(functionCode, ffmpegLayer, coldStart, Optional.of(url), instanceName);
    }

    public Deployment withInstanceName(String name) {
        return new Deployment(functionCode, ffmpegLayer, coldStart, publicUrl, Optional.of(name));
    }

    public Deployment withFfmpegLayer(Path layer) {
        return new Deployment(functionCode, layer, coldStart, publicUrl, instanceName);
    }

    public Path code(NuageFunction function) {
        return functionCode.get(function);
    }
}
