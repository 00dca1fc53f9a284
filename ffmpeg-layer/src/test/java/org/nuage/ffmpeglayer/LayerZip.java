package org.nuage.ffmpeglayer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Map;
import java.util.stream.Stream;

/** Unpacks a layer zip as Lambda does: the Unix permissions stored with each entry are kept. */
final class LayerZip {

    private LayerZip() {
    }

    static void unpack(Path zip, Path into) throws IOException {
        // The JDK's zip file system reads the permissions zip stores, when asked to.
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()),
                Map.of("enablePosixFileAttributes", "true"));
                Stream<Path> entries = Files.walk(fs.getPath("/"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Path target = into.resolve(fs.getPath("/").relativize(entry).toString());
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.copy(entry, target);
                var permissions = Files.getFileAttributeView(entry, PosixFileAttributeView.class)
                        .readAttributes().permissions();
                Files.setPosixFilePermissions(target, permissions);
            }
        }
    }
}
