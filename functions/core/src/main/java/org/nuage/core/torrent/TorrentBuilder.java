package org.nuage.core.torrent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the single-file BitTorrent v1 torrent of a published file, web-seeded (BEP 19) from the
 * file's public URL, by reading the file once, streamed or mapped from local disk, in memory that
 * does not grow with its size.
 *
 * <p>Typical use, with the object streamed from S3, or with the file still on local disk:
 * <pre>{@code
 * Torrent torrent = TorrentBuilder.forFile("video-720p.mp4", size, URI.create(publicUrl)).build(in);
 * Torrent torrent = TorrentBuilder.forFile("video-720p.mp4", size, URI.create(publicUrl)).build(path);
 * }</pre>
 * A builder is configured, used once or more, and not shared between threads.
 */
public final class TorrentBuilder {

    /**
     * The smallest piece: the peer protocol moves pieces in 16 KiB blocks, and BEP 52 (v2) forbids
     * smaller pieces, so nothing is gained below it.
     */
    public static final int MIN_PIECE_LENGTH = 16 * 1024;

    /**
     * The largest piece: clients widely accept up to 16 MiB (uTorrent before 3.x cannot load 32 MiB
     * pieces), and each hashing thread reading a stream holds one piece in memory.
     */
    public static final int MAX_PIECE_LENGTH = 16 * 1024 * 1024;

    /**
     * The piece count {@link #pieceLengthFor(long)} stays at or under, while the ceiling allows.
     *
     * <p>Most clients fetch one HTTP Range request per piece from a web seed, and S3 bills each GET:
     * $0.0004 per 1,000 at S3 Standard's us-east-1 list price, against $0.09 per GB of egress. At most
     * 1,024 pieces means a complete download from S3 alone costs at most 1,024 GETs, about $0.0004:
     * under 1% of the egress for files over half a GB, about 3% for a 100 MB file (128 KiB pieces,
     * 763 GETs), where 16 KiB pieces would need 6,104 GETs and add 27%. Within that budget pieces stay
     * as small as possible, because a peer can upload a piece only once it holds all of it, and a
     * corrupt piece is fetched again whole. The piece list stays at most 20 KiB (20 bytes a piece). A
     * power of two keeps the arithmetic plain: a 1 GiB file gets 1 MiB pieces. Past 16 GiB the 16 MiB
     * ceiling wins and the count grows (a 64 GiB file has 4,096 pieces).
     */
    public static final int TARGET_MAX_PIECES = 1024;

    /** What the {@code created by} field says. */
    public static final String CREATED_BY = "Nuage";

    private static final Set<String> WEB_SEED_SCHEMES = Set.of("http", "https");
    /**
     * BEP 3 HTTP, BEP 15 UDP, and WebSocket trackers (wss, or ws on a local instance served over plain
     * HTTP), which browsers running WebTorrent announce to.
     */
    private static final Set<String> TRACKER_SCHEMES = Set.of("http", "https", "udp", "ws", "wss");

    private final String name;
    private final long length;
    private final URI webSeed;
    private List<URI> trackers = List.of();
    private Instant creationDate;
    private int pieceLength;
    private int hashThreads = Runtime.getRuntime().availableProcessors();

    private TorrentBuilder(String name, long length, URI webSeed) {
        this.name = name;
        this.length = length;
        this.webSeed = webSeed;
    }

    /**
     * Starts a torrent for one file.
     *
     * @param name the file name clients save it under, such as {@code video-720p.mp4}; no directories
     * @param length the file's size in bytes; the content read later must have exactly this many
     * @param webSeed the file's public URL (for S3, the object URL), fetched by clients with Range requests
     */
    public static TorrentBuilder forFile(String name, long length, URI webSeed) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(webSeed, "webSeed");
        // Clients turn the name into a file name: a separator or dot-name would place it elsewhere.
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a plain file name: \"" + name + "\"");
        }
        if (length <= 0) {
            throw new IllegalArgumentException("an empty file cannot be shared (length " + length + ")");
        }
        if (!webSeed.isAbsolute() || !WEB_SEED_SCHEMES.contains(webSeed.getScheme().toLowerCase(Locale.ROOT))
                || webSeed.getRawAuthority() == null) {
            throw new IllegalArgumentException("web seed must be an absolute http(s) URL: " + webSeed);
        }
        // BEP 19: for a single file, a URL ending in '/' names a directory and clients append the name.
        if (webSeed.getRawPath() == null || webSeed.getRawPath().isEmpty() || webSeed.getRawPath().endsWith("/")) {
            throw new IllegalArgumentException("web seed must be the file's own URL, not a directory: " + webSeed);
        }
        return new TorrentBuilder(name, length, webSeed);
    }

    /** Trackers to announce to, in the order clients should try them; none by default. */
    public TorrentBuilder trackers(List<URI> trackers) {
        for (URI tracker : trackers) {
            if (!tracker.isAbsolute() || !TRACKER_SCHEMES.contains(tracker.getScheme().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("not a tracker URL: " + tracker);
            }
        }
        this.trackers = List.copyOf(trackers);
        return this;
    }

    /** The {@code creation date} to write; the time of {@link #build} by default. */
    public TorrentBuilder creationDate(Instant creationDate) {
        this.creationDate = Objects.requireNonNull(creationDate);
        return this;
    }

    /** Overrides {@link #pieceLengthFor(long)}: a power of two from 16 KiB to 16 MiB. */
    public TorrentBuilder pieceLength(int pieceLength) {
        if (Integer.bitCount(pieceLength) != 1 || pieceLength < MIN_PIECE_LENGTH || pieceLength > MAX_PIECE_LENGTH) {
            throw new IllegalArgumentException("piece length must be a power of two from "
                    + MIN_PIECE_LENGTH + " to " + MAX_PIECE_LENGTH + ": " + pieceLength);
        }
        this.pieceLength = pieceLength;
        return this;
    }

    /**
     * How many threads SHA-1 pieces, the calling thread included; the available processors by
     * default. Reading a stream or a channel, each holds one piece in memory: threads x piece length
     * in all. Mapping a file ({@link #build(Path)}), they hold none.
     */
    public TorrentBuilder hashThreads(int hashThreads) {
        if (hashThreads < 1) {
            throw new IllegalArgumentException("at least one hashing thread: " + hashThreads);
        }
        this.hashThreads = hashThreads;
        return this;
    }

    /**
     * The piece length for a file of {@code fileLength} bytes: the smallest power of two from
     * {@link #MIN_PIECE_LENGTH} to {@link #MAX_PIECE_LENGTH} that gives at most
     * {@link #TARGET_MAX_PIECES} pieces, or the maximum when none does.
     */
    public static int pieceLengthFor(long fileLength) {
        if (fileLength < 0) {
            throw new IllegalArgumentException("negative length: " + fileLength);
        }
        int candidate = MIN_PIECE_LENGTH;
        while (candidate < MAX_PIECE_LENGTH && PieceHasher.pieceCount(fileLength, candidate) > TARGET_MAX_PIECES) {
            candidate <<= 1;
        }
        return candidate;
    }

    /** Reads exactly the declared length from {@code content} (not closed here) and builds the torrent. */
    public Torrent build(InputStream content) throws IOException {
        int chosen = chosenPieceLength();
        return build(chosen, PieceHasher.hash(PieceHasher.of(content), length, chosen, hashThreads));
    }

    /**
     * Reads exactly the declared length from a blocking {@code content} (not closed here) and builds the
     * torrent. For a file on local disk, {@link #build(Path)} is faster.
     */
    public Torrent build(ReadableByteChannel content) throws IOException {
        int chosen = chosenPieceLength();
        return build(chosen, PieceHasher.hash(PieceHasher.of(content), length, chosen, hashThreads));
    }

    /**
     * Builds the torrent of a local file, which must be exactly the declared length and must not
     * change meanwhile: the fastest way to hash a file that is on disk already, such as a transcoder's
     * output. The file is mapped rather than read, which saves the kernel's copy of every byte and
     * lets every thread hash without waiting for another. The mapping takes no heap and no piece
     * buffers; its pages are the page cache's, and the garbage collector unmaps them later.
     */
    public Torrent build(Path file) throws IOException {
        int chosen = chosenPieceLength();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return build(chosen, PieceHasher.hash(channel, length, chosen, hashThreads));
        }
    }

    private int chosenPieceLength() {
        int chosen = pieceLength != 0 ? pieceLength : pieceLengthFor(length);
        if (PieceHasher.pieceCount(length, chosen) > (Integer.MAX_VALUE - 8) / PieceHasher.SHA1_LENGTH) {
            throw new IllegalArgumentException(length + " bytes make too many pieces of " + chosen + " bytes");
        }
        return chosen;
    }

    private Torrent build(int chosen, byte[] pieces) {
        Map<String, Object> info = Map.of(
                "name", name,
                "length", length,
                "piece length", chosen,
                "pieces", pieces);
        Map<String, Object> metainfo = new HashMap<>();
        metainfo.put("info", info);
        // BEP 19 allows a single string or a list; a list leaves room for a second seed (a CDN) later.
        metainfo.put("url-list", List.of(webSeed.toASCIIString()));
        metainfo.put("created by", CREATED_BY);
        metainfo.put("creation date", (creationDate != null ? creationDate : Instant.now()).getEpochSecond());
        if (!trackers.isEmpty()) {
            metainfo.put("announce", trackers.getFirst().toASCIIString());
            // BEP 12: one tracker per tier, so clients try them in the order given rather than shuffled.
            List<List<String>> tiers = new ArrayList<>();
            for (URI tracker : trackers) {
                tiers.add(List.of(tracker.toASCIIString()));
            }
            metainfo.put("announce-list", tiers);
        }
        byte[] file = Bencode.encode(metainfo);

        // The info hash is over the info dictionary exactly as written in the file, so read it back from there.
        String infoHash = HexFormat.of().formatHex(PieceHasher.newSha1().digest(Bencode.rawValue(file, "info")));
        return new Torrent(file, infoHash, chosen, pieces.length / PieceHasher.SHA1_LENGTH,
                magnetUri(infoHash, name, webSeed, trackers));
    }

    /** BEP 9's magnet link, with {@code ws} for the web seed as libtorrent and WebTorrent read it. */
    static String magnetUri(String infoHash, String name, URI webSeed, List<URI> trackers) {
        StringBuilder magnet = new StringBuilder("magnet:?xt=urn:btih:").append(infoHash)
                .append("&dn=").append(escape(name))
                .append("&ws=").append(escape(webSeed.toASCIIString()));
        for (URI tracker : trackers) {
            magnet.append("&tr=").append(escape(tracker.toASCIIString()));
        }
        return magnet.toString();
    }

    /** Percent-encoding; a space becomes %20, because '+' means a space only in HTML forms. */
    private static String escape(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
