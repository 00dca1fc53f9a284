package org.nuage.core.torrent;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorrentBuilderTest {

    private static final URI WEB_SEED = URI.create("https://nuage-media.s3.eu-west-3.amazonaws.com/v/42/clip-720p.mp4");
    private static final Instant CREATED = Instant.parse("2025-06-01T12:00:00Z");

    /** Five MB and an odd tail, so the last piece is short, with the default rule's 16 KiB pieces. */
    private static final int FILE_LENGTH = 5_000_000 + 12_345;

    @TempDir
    static Path dir;

    static Path file;
    static byte[] content;

    @BeforeAll
    static void generateFile() throws IOException {
        content = new byte[FILE_LENGTH];
        new Random(20250601).nextBytes(content);
        file = Files.write(dir.resolve("clip-720p.mp4"), content);
    }

    private static TorrentBuilder builder() {
        return TorrentBuilder.forFile("clip-720p.mp4", FILE_LENGTH, WEB_SEED).creationDate(CREATED);
    }

    private static Torrent buildFromFile(TorrentBuilder builder) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return builder.build(in);
        }
    }

    /** The straightforward way: each piece hashed on its own, on one thread. */
    private static byte[] referencePieces(byte[] bytes, int pieceLength) throws Exception {
        int count = (bytes.length + pieceLength - 1) / pieceLength;
        byte[] pieces = new byte[count * 20];
        for (int i = 0; i < count; i++) {
            int from = i * pieceLength;
            byte[] piece = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + pieceLength));
            System.arraycopy(MessageDigest.getInstance("SHA-1").digest(piece), 0, pieces, i * 20, 20);
        }
        return pieces;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> info(Torrent torrent) {
        return (Map<String, Object>) Bencode.decodeDictionary(torrent.metainfo()).get("info");
    }

    private static String sha1Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    private static int indexOf(byte[] haystack, byte[] needle, boolean last) {
        int found = -1;
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                found = i;
                if (!last) {
                    break;
                }
            }
        }
        return found;
    }

    @Test
    void piecesAreTheSha1OfEachPieceOfTheFile() throws Exception {
        Torrent torrent = buildFromFile(builder().hashThreads(4));

        assertEquals(16 * 1024, torrent.pieceLength());
        assertEquals((FILE_LENGTH + 16 * 1024 - 1) / (16 * 1024), torrent.pieceCount());
        assertArrayEquals(referencePieces(content, 16 * 1024), (byte[]) info(torrent).get("pieces"));
    }

    @Test
    void infoDictionaryHoldsNameLengthPieceLengthAndPiecesOnly() throws Exception {
        Torrent torrent = buildFromFile(builder().pieceLength(256 * 1024));

        Map<String, Object> info = info(torrent);
        assertEquals(List.of("length", "name", "piece length", "pieces"), List.copyOf(info.keySet()));
        assertEquals((long) FILE_LENGTH, info.get("length"));
        assertEquals("clip-720p.mp4", new String((byte[]) info.get("name"), UTF_8));
        assertEquals(256L * 1024, info.get("piece length"));
        assertArrayEquals(referencePieces(content, 256 * 1024), (byte[]) info.get("pieces"));
        assertEquals(20, torrent.pieceCount());
    }

    @Test
    void infoHashIsSha1OfTheExactInfoDictionaryBytes() throws Exception {
        Torrent torrent = buildFromFile(builder());
        byte[] metainfo = torrent.metainfo();

        // Found in the file without the decoder: keys are sorted, so "info" comes just before "url-list".
        int start = indexOf(metainfo, "4:infod".getBytes(US_ASCII), false) + "4:info".length();
        int end = indexOf(metainfo, "8:url-list".getBytes(US_ASCII), true);
        byte[] infoBytes = Arrays.copyOfRange(metainfo, start, end);

        assertEquals(sha1Hex(infoBytes), torrent.infoHash());
        assertArrayEquals(infoBytes, Bencode.rawValue(metainfo, "info"));
        assertTrue(torrent.infoHash().matches("[0-9a-f]{40}"), torrent.infoHash());
    }

    @Test
    void urlListIsTheWebSeedAndThereIsNoTrackerUnlessGiven() throws Exception {
        Map<String, Object> metainfo = Bencode.decodeDictionary(buildFromFile(builder()).metainfo());

        assertEquals(Set.of("created by", "creation date", "info", "url-list"), metainfo.keySet());
        List<?> urlList = (List<?>) metainfo.get("url-list");
        assertEquals(1, urlList.size());
        assertEquals(WEB_SEED.toString(), new String((byte[]) urlList.getFirst(), UTF_8));
        assertEquals("Nuage", new String((byte[]) metainfo.get("created by"), UTF_8));
        assertEquals(CREATED.getEpochSecond(), metainfo.get("creation date"));
    }

    @Test
    void trackersAreAnnouncedInTheOrderGivenOnePerTier() throws Exception {
        List<URI> trackers = List.of(URI.create("udp://tracker.example:6969/announce"),
                URI.create("wss://tracker.example/announce"));
        Map<String, Object> metainfo = Bencode.decodeDictionary(buildFromFile(builder().trackers(trackers)).metainfo());

        assertEquals("udp://tracker.example:6969/announce", new String((byte[]) metainfo.get("announce"), UTF_8));
        List<?> tiers = (List<?>) metainfo.get("announce-list");
        assertEquals(2, tiers.size());
        assertEquals("udp://tracker.example:6969/announce",
                new String((byte[]) ((List<?>) tiers.get(0)).getFirst(), UTF_8));
        assertEquals("wss://tracker.example/announce", new String((byte[]) ((List<?>) tiers.get(1)).getFirst(), UTF_8));
    }

    @Test
    void acceptsWebSocketTrackersAndRefusesOtherSchemes() throws Exception {
        URI local = URI.create("ws://127.0.0.1:8000/announce");
        Map<String, Object> metainfo = Bencode.decodeDictionary(
                buildFromFile(builder().trackers(List.of(local))).metainfo());
        assertEquals(local.toString(), new String((byte[]) metainfo.get("announce"), UTF_8));
        for (String refused : List.of("ftp://tracker.example/announce", "/announce", "file:///announce")) {
            assertThrows(IllegalArgumentException.class, () -> builder().trackers(List.of(URI.create(refused))), refused);
        }
    }

    @Test
    void magnetUriCarriesTheInfoHashNameWebSeedAndTrackers() throws Exception {
        byte[] small = Arrays.copyOf(content, 1000);
        URI seed = URI.create("https://media.example/v/Vacances%20d'%C3%A9t%C3%A9.mp4");
        Torrent torrent = TorrentBuilder.forFile("Vacances d'été.mp4", small.length, seed)
                .trackers(List.of(URI.create("https://tracker.example/announce?key=a&b=c")))
                .build(new ByteArrayInputStream(small));

        assertEquals("magnet:?xt=urn:btih:" + torrent.infoHash()
                + "&dn=Vacances%20d%27%C3%A9t%C3%A9.mp4"
                + "&ws=https%3A%2F%2Fmedia.example%2Fv%2FVacances%2520d%27%25C3%25A9t%25C3%25A9.mp4"
                + "&tr=https%3A%2F%2Ftracker.example%2Fannounce%3Fkey%3Da%26b%3Dc", torrent.magnetUri());

        Map<String, String> parameters = new LinkedHashMap<>();
        assertTrue(torrent.magnetUri().startsWith("magnet:?"));
        for (String pair : torrent.magnetUri().substring("magnet:?".length()).split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(kv[0], URLDecoder.decode(kv[1], UTF_8));
        }
        assertEquals("urn:btih:" + torrent.infoHash(), parameters.get("xt"));
        assertEquals("Vacances d'été.mp4", parameters.get("dn"));
        assertEquals(seed.toString(), parameters.get("ws"));
        assertEquals("https://tracker.example/announce?key=a&b=c", parameters.get("tr"));
    }

    @Test
    void sameTorrentWhateverTheThreadCountAndWhetherReadAsStreamOrChannelOrMappedFromAPath() throws Exception {
        Torrent reference = buildFromFile(builder().hashThreads(1));
        assertEquals(reference, builder().hashThreads(1).build(file), "1 thread, path");
        for (int threads : new int[] {2, 3, 8}) {
            assertEquals(reference, buildFromFile(builder().hashThreads(threads)), threads + " threads");
            try (FileChannel channel = FileChannel.open(file)) {
                assertEquals(reference, builder().hashThreads(threads).build(channel), threads + " threads, channel");
            }
            assertEquals(reference, builder().hashThreads(threads).build(file), threads + " threads, path");
        }
    }

    @Test
    void piecesOfAFileMappedInSeveralPartsAreTheSha1OfEachPiece() throws Exception {
        int pieceLength = 16 * 1024;
        for (int threads : new int[] {1, 3}) {
            byte[] pieces;
            try (FileChannel channel = FileChannel.open(file)) {
                // Three pieces per mapping, so pieces on either side of each seam between mappings are hashed.
                pieces = PieceHasher.hash(channel, FILE_LENGTH, pieceLength, threads, 3L * pieceLength);
            }
            assertArrayEquals(referencePieces(content, pieceLength), pieces, threads + " threads");
        }
    }

    @Test
    void fileThatIsAMultipleOfThePieceLengthEndsWithAFullPiece() throws Exception {
        byte[] exact = Arrays.copyOf(content, 64 * 1024);
        Torrent torrent = TorrentBuilder.forFile("exact.mp4", exact.length, WEB_SEED).pieceLength(16 * 1024)
                .build(new ByteArrayInputStream(exact));

        assertEquals(4, torrent.pieceCount());
        assertArrayEquals(referencePieces(exact, 16 * 1024), (byte[]) info(torrent).get("pieces"));
    }

    @Test
    void fileSmallerThanOnePieceIsOneShortPiece() throws Exception {
        byte[] tiny = Arrays.copyOf(content, 100);
        Torrent torrent = TorrentBuilder.forFile("tiny.mp4", tiny.length, WEB_SEED).hashThreads(4)
                .build(new ByteArrayInputStream(tiny));

        assertEquals(1, torrent.pieceCount());
        assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(tiny), (byte[]) info(torrent).get("pieces"));
    }

    @Test
    void failsWhenTheContentIsShorterOrLongerThanDeclared() {
        for (int threads : new int[] {1, 2}) {
            EOFException shorter = assertThrows(EOFException.class, () -> TorrentBuilder
                    .forFile("clip.mp4", FILE_LENGTH + 1, WEB_SEED).hashThreads(threads)
                    .build(new ByteArrayInputStream(content)));
            assertTrue(shorter.getMessage().contains("ended after " + FILE_LENGTH + " bytes"), shorter.getMessage());

            IOException longer = assertThrows(IOException.class, () -> TorrentBuilder
                    .forFile("clip.mp4", FILE_LENGTH - 1, WEB_SEED).hashThreads(threads)
                    .build(new ByteArrayInputStream(content)));
            assertTrue(longer.getMessage().contains("longer than the " + (FILE_LENGTH - 1)), longer.getMessage());
        }
    }

    @Test
    void failsWhenTheFileAtAPathIsShorterOrLongerThanDeclared() {
        EOFException shorter = assertThrows(EOFException.class, () -> TorrentBuilder
                .forFile("clip.mp4", FILE_LENGTH + 1, WEB_SEED).build(file));
        assertTrue(shorter.getMessage().contains("ended after " + FILE_LENGTH + " bytes"), shorter.getMessage());

        IOException longer = assertThrows(IOException.class, () -> TorrentBuilder
                .forFile("clip.mp4", FILE_LENGTH - 1, WEB_SEED).build(file));
        assertTrue(longer.getMessage().contains("longer than the " + (FILE_LENGTH - 1)), longer.getMessage());
    }

    @Test
    void readErrorOnAnyHashingThreadFailsTheBuild() {
        InputStream failing = new InputStream() {
            private final InputStream in = new ByteArrayInputStream(content);
            private long read;

            @Override
            public int read() throws IOException {
                throw new IOException("not used");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > FILE_LENGTH / 2) {
                    throw new IOException("connection reset by S3");
                }
                int n = in.read(b, off, Math.min(len, 10_000));
                read += Math.max(n, 0);
                return n;
            }
        };
        IOException e = assertThrows(IOException.class, () -> builder().hashThreads(4).build(failing));
        assertEquals("connection reset by S3", e.getMessage());
    }

    @Test
    void refusesNamesThatAreNotPlainFileNamesAndSeedsThatAreNotFileUrls() {
        for (String name : List.of("", ".", "..", "a/b.mp4", "..\\b.mp4", "a\0b")) {
            assertThrows(IllegalArgumentException.class, () -> TorrentBuilder.forFile(name, 1, WEB_SEED), name);
        }
        for (String url : List.of("ftp://h/x.mp4", "/x.mp4", "https://h/videos/", "https://h")) {
            assertThrows(IllegalArgumentException.class,
                    () -> TorrentBuilder.forFile("x.mp4", 1, URI.create(url)), url);
        }
        assertThrows(IllegalArgumentException.class, () -> TorrentBuilder.forFile("x.mp4", 0, WEB_SEED));
        assertThrows(IllegalArgumentException.class, () -> builder().pieceLength(8 * 1024));
        assertThrows(IllegalArgumentException.class, () -> builder().pieceLength(48 * 1024));
        assertThrows(IllegalArgumentException.class, () -> builder().pieceLength(32 * 1024 * 1024));
    }

    @Test
    void hashesContentLargerThanMemoryWouldAllowWithoutHoldingIt() throws Exception {
        long length = 300_000_000L;
        var threadBean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threadBean.isThreadAllocatedMemoryEnabled(), "the JVM must count allocations for this test");
        GeneratedContent source = new GeneratedContent(length);

        long allocatedBefore = threadBean.getTotalThreadAllocatedBytes();
        Torrent torrent = TorrentBuilder.forFile("big.mp4", length, WEB_SEED).hashThreads(2).build(source);
        long allocated = threadBean.getTotalThreadAllocatedBytes() - allocatedBefore;

        assertEquals(length, source.position, "every byte was read once");
        // 512 KiB pieces: two piece buffers (1 MiB), 11 KiB of digests, and small change.
        assertTrue(allocated < 16L * 1024 * 1024,
                "building allocated " + allocated + " bytes for " + length + " bytes of content");
        assertEquals(512 * 1024, torrent.pieceLength());

        byte[] expected = new byte[torrent.pieceCount() * 20];
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        GeneratedContent again = new GeneratedContent(length);
        byte[] piece = new byte[torrent.pieceLength()];
        for (int i = 0; i < torrent.pieceCount(); i++) {
            int n = again.readNBytes(piece, 0, piece.length);
            sha1.update(piece, 0, n);
            sha1.digest(expected, i * 20, 20);
        }
        assertArrayEquals(expected, (byte[]) info(torrent).get("pieces"));
    }

    @Test
    void torrentIsAValueWhoseBytesCannotBeChangedFromOutside() throws Exception {
        Torrent torrent = buildFromFile(builder());
        byte[] bytes = torrent.metainfo();
        bytes[0] = 'x';
        assertFalse(torrent.metainfo()[0] == 'x');
        assertEquals(torrent, buildFromFile(builder()));
    }

    /**
     * Pseudo-random bytes produced on demand and never held: a 1 MiB + 7 byte block repeated, so no
     * two pieces of a power-of-two length are alike.
     */
    static final class GeneratedContent extends InputStream {
        private static final byte[] BLOCK = new byte[1024 * 1024 + 7];

        static {
            new Random(7).nextBytes(BLOCK);
        }

        private final long length;
        long position;

        GeneratedContent(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int size) {
            if (position == length) {
                return -1;
            }
            int at = (int) (position % BLOCK.length);
            int n = (int) Math.min(Math.min(size, BLOCK.length - at), length - position);
            System.arraycopy(BLOCK, at, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
