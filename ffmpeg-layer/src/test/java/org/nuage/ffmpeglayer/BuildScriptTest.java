package org.nuage.ffmpeglayer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * build.sh's pinned-static-build path. No static ffmpeg can be downloaded here, so the "static
 * build" is an archive laid out like the usual ones (a folder holding ffmpeg and ffprobe) whose two
 * executables are tiny static programs assembled for the test; what is checked is the script's
 * part: the checksum, the static check, the layout and the permissions of the zip.
 */
class BuildScriptTest {

    static final Path SCRIPT = Path.of(System.getProperty("layer.script"));

    @TempDir
    Path dir;

    @Test
    void packagesAStaticBuildWhoseChecksumMatches() throws Exception {
        Path archive = staticBuild();
        Path zip = dir.resolve("layer.zip");
        Run run = build("--static", archive.toString(), "--sha256", sha256(archive), "--out", zip.toString());
        assertEquals(0, run.exit(), run.output());
        Path opt = Files.createDirectory(dir.resolve("opt"));
        LayerZip.unpack(zip, opt);
        for (String tool : List.of("ffmpeg", "ffprobe")) {
            Path packaged = opt.resolve("bin").resolve(tool);
            assertArrayEquals(Files.readAllBytes(dir.resolve("ffmpeg-7.1-amd64-static").resolve(tool)),
                    Files.readAllBytes(packaged));
            assertTrue(Files.isExecutable(packaged), tool + " lost its executable bit in the zip");
            Process process = new ProcessBuilder(packaged.toString()).start();
            assertEquals(tool + " version static-test\n", new String(process.getInputStream().readAllBytes()));
        }
        assertTrue(Files.readString(opt.resolve("share/doc/nuage-ffmpeg-layer.txt")).contains(sha256(archive)));
    }

    @Test
    void refusesAStaticBuildWhoseChecksumDiffers() throws Exception {
        Path archive = staticBuild();
        Path zip = dir.resolve("layer.zip");
        String wrong = "0".repeat(64);
        assertNotEquals(wrong, sha256(archive));
        Run run = build("--static", archive.toString(), "--sha256", wrong, "--out", zip.toString());
        assertNotEquals(0, run.exit());
        assertTrue(run.output().contains("checksum mismatch"), run.output());
        assertTrue(run.output().contains(sha256(archive)), "the actual checksum is reported: " + run.output());
        assertFalse(Files.exists(zip), "no zip may come out of a refused build");
    }

    @Test
    void refusesAStaticBuildWithoutAChecksum() throws Exception {
        Run run = build("--static", staticBuild().toString(), "--out", dir.resolve("layer.zip").toString());
        assertNotEquals(0, run.exit());
        assertTrue(run.output().contains("needs its checksum"), run.output());
    }

    /** A dynamically linked ffmpeg would look for its libraries on Amazon Linux and not find them. */
    @Test
    void refusesADynamicallyLinkedBuildGivenAsStatic() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("ffmpeg-dynamic"));
        Path dynamic = Path.of("/bin/true").toRealPath();
        Files.copy(dynamic, folder.resolve("ffmpeg"));
        Files.copy(dynamic, folder.resolve("ffprobe"));
        Path archive = dir.resolve("dynamic.tar.gz");
        exec(dir, "tar", "-czf", archive.toString(), "ffmpeg-dynamic");
        Run run = build("--static", archive.toString(), "--sha256", sha256(archive),
                "--out", dir.resolve("layer.zip").toString());
        assertNotEquals(0, run.exit());
        assertTrue(run.output().contains("dynamically linked"), run.output());
    }

    /** ffmpeg-7.1-amd64-static/{ffmpeg,ffprobe} in a .tar.xz, as static builds are published. */
    private Path staticBuild() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("ffmpeg-7.1-amd64-static"));
        for (String tool : List.of("ffmpeg", "ffprobe")) {
            String line = tool + " version static-test\\n";
            Path source = dir.resolve(tool + ".s");
            // write(1, line, length); exit(0): a static program with no loader and no libc.
            Files.writeString(source, """
                    .globl _start
                    .text
                    _start:
                        mov $1, %eax
                        mov $1, %edi
                        lea line(%rip), %rsi
                        mov $(end - line), %edx
                        syscall
                        mov $60, %eax
                        xor %edi, %edi
                        syscall
                    line: .ascii "LINE"
                    end:
                    .section .note.GNU-stack,"",@progbits
                    """.replace("LINE", line));
            exec(dir, "as", "-o", dir.resolve(tool + ".o").toString(), source.toString());
            exec(dir, "ld", "-o", folder.resolve(tool).toString(), dir.resolve(tool + ".o").toString());
        }
        Path archive = dir.resolve("ffmpeg-7.1-amd64-static.tar.xz");
        exec(dir, "tar", "-cJf", archive.toString(), folder.getFileName().toString());
        return archive;
    }

    record Run(int exit, String output) {
    }

    private static Run build(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The arguments alone decide; a caller's FFMPEG_LAYER_* must not leak into the test.
        builder.environment().remove("FFMPEG_LAYER_STATIC");
        builder.environment().remove("FFMPEG_LAYER_SHA256");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        return new Run(process.waitFor(), output);
    }

    private static void exec(Path in, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + ":\n" + output);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
