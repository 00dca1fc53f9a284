package org.nuage.core.torrent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks Nuage's torrents against Debian's {@code mktorrent}, an independent implementation: for the
 * same file, name and piece length, the info dictionaries must be the same bytes.
 */
class MktorrentInteropTest {

    private static final URI WEB_SEED = URI.create("https://nuage-media.s3.eu-west-3.amazonaws.com/v/7/talk.mp4");

    /** Three MB and an odd tail, so that the last piece is short at every piece length tried. */
    private static final int FILE_LENGTH = 3_000_000 + 4_321;

    @TempDir
    static Path dir;

    static Path file;

    @BeforeAll
    static void generateFile() throws IOException {
        byte[] content = new byte[FILE_LENGTH];
        new Random(3).nextBytes(content);
        file = Files.write(dir.resolve("talk.mp4"), content);
    }

    /** The mktorrent executable; missing is a failure, not a skip, so CI cannot pass without the check. */
    static Path mktorrent() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "mktorrent");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("mktorrent is not on the PATH; install it (Debian: apt-get install -y mktorrent). "
                + "CI installs it; this interoperability test does not skip itself.");
    }

    /** Runs mktorrent 1.1, which takes piece lengths from 2^15 to 2^28 (so not our 16 KiB minimum). */
    static byte[] mktorrent(Path input, int pieceLength, int threads, Path output) throws Exception {
        List<String> command = new ArrayList<>(List.of(mktorrent().toString(),
                "-d",                                   // no creation date: the output depends on the input only
                "-l", Integer.toString(Integer.numberOfTrailingZeros(pieceLength)),
                "-t", Integer.toString(threads),
                "-n", input.getFileName().toString(),
                "-w", WEB_SEED.toString(),
                "-o", output.toString(),
                input.toString()));
        Files.deleteIfExists(output); // mktorrent refuses to overwrite
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] log = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("mktorrent failed: " + new String(log, UTF_8));
        }
        return Files.readAllBytes(output);
    }

    @ParameterizedTest
    @ValueSource(ints = {32 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024})
    void infoDictionaryAndInfoHashEqualMktorrents(int pieceLength) throws Exception {
        byte[] theirs = mktorrent(file, pieceLength, 2, dir.resolve("theirs-" + pieceLength + ".torrent"));
        Torrent ours;
        try (InputStream in = Files.newInputStream(file)) {
            ours = TorrentBuilder.forFile("talk.mp4", FILE_LENGTH, WEB_SEED).pieceLength(pieceLength).build(in);
        }

        byte[] theirInfo = Bencode.rawValue(theirs, "info");
        assertArrayEquals(theirInfo, Bencode.rawValue(ours.metainfo(), "info"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(theirInfo)), ours.infoHash());
        assertEquals(ours.infoHash(), TorrentBuilder.forFile("talk.mp4", FILE_LENGTH, WEB_SEED).pieceLength(pieceLength)
                .build(file).infoHash(), "mapped from the path");

        // mktorrent writes a lone web seed as a string, BEP 19's other form; it must be the same URL.
        Map<String, Object> their = Bencode.decodeDictionary(theirs);
        assertEquals(WEB_SEED.toString(), new String((byte[]) their.get("url-list"), UTF_8));
    }
}
