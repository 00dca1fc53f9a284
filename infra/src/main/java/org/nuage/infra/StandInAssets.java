package org.nuage.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small zips standing in for the function zips and the ffmpeg layer, for synthesizing a stack
 * without building them (tests, the cost report): synthesis only hashes and copies its assets.
 */
public final class StandInAssets {

    private StandInAssets() {
    }

    /** A deployment whose every zip is a stand-in in a new temporary folder, one per function and variant. */
    public static Deployment deployment(Path folder, ColdStart coldStart) {
        Map<NuageFunction, Path> code = new EnumMap<>(NuageFunction.class);
        for (NuageFunction function : NuageFunction.values()) {
            Path zip = folder.resolve(function.id() + "-" + Deployment.zipName(coldStart));
            write(zip, coldStart == ColdStart.SNAPSTART ? "lib/" + function.id() + ".jar" : "bootstrap");
            code.put(function, zip);
        }
        Path layer = folder.resolve("ffmpeg-layer.zip");
        write(layer, "bin/ffmpeg");
        return new Deployment(code, layer, coldStart, Optional.empty(), Optional.empty());
    }

    /** A temporary folder removed when the JVM exits. */
    public static Path folder() {
        try {
            Path folder = Files.createTempDirectory("nuage-stand-in-assets");
            folder.toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path zip, String entry) {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
            entries.putNextEntry(new ZipEntry(entry));
            entries.write(("stand-in for " + zip.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
            entries.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        zip.toFile().deleteOnExit();
    }
}
