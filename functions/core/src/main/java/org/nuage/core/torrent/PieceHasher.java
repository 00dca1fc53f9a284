package org.nuage.core.torrent;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SHA-1s the pieces of content that is read once, in order, from a stream, several pieces at a time.
 *
 * <p>Each hashing thread owns one piece buffer. Threads take turns at the stream: under a lock, a
 * thread claims the next piece and reads it into its buffer; then, outside the lock, it hashes the
 * piece and writes the digest at the piece's own offset, so order is kept without a reordering step.
 * Memory is threads x piece length whatever the size of the content, plus 20 bytes per piece for the
 * result. The calling thread is one of the hashing threads.
 *
 * <p>Why this shape, measured on our 2-core build machines (2.8 GHz Xeon with SHA-NI): one core
 * SHA-1s about 1.4 GB/s with HotSpot's intrinsic (0.25 GB/s with {@code -XX:-UseSHA1Intrinsics}),
 * while reading from the page cache runs at 4 to 6 GB/s, so the hashing is what must be spread over
 * cores. A separate reader thread handing buffers to a pool of hashers, the other usual shape, was
 * no faster on a 1 GiB file (1.5 to 2.0 GB/s against 1.7 to 2.3, runs interleaved) and needs a queue
 * and one more thread than there are cores; here a thread reads only while the others hash. A
 * profile of a build shows two thirds of the time in the SHA-1 stub, a sixth in the kernel copying
 * from the page cache, and a twentieth in the copy {@link MessageDigest#update(ByteBuffer)} makes
 * from a direct buffer, 4 KiB at a time. When the source is slower than one core's hashing, as a
 * single S3 GET stream usually is, the threads simply wait their turn at the lock, at no cost.
 */
final class PieceHasher {

    static final int SHA1_LENGTH = 20;

    /** Where pieces come from: a blocking stream read in order. */
    interface Source {

        /** A buffer this source reads into fastest: direct for a channel, backed by an array for a stream. */
        ByteBuffer allocate(int capacity);

        /** Reads into {@code buffer}'s remaining space, advancing its position; -1 at the end. */
        int read(ByteBuffer buffer) throws IOException;
    }

    private PieceHasher() {
    }

    static long pieceCount(long length, int pieceLength) {
        // Not (length + pieceLength - 1) / pieceLength, which overflows near Long.MAX_VALUE.
        return length / pieceLength + (length % pieceLength == 0 ? 0 : 1);
    }

    /**
     * The concatenated SHA-1 of each {@code pieceLength} piece of the {@code length} bytes of
     * {@code source}, the last piece being shorter when {@code length} is not a multiple.
     *
     * @throws EOFException if the source ends before {@code length} bytes
     * @throws IOException if the source holds more than {@code length} bytes, or cannot be read
     */
    static byte[] hash(Source source, long length, int pieceLength, int threads) throws IOException {
        Turns turns = new Turns(source, length, pieceLength);
        List<Thread> helpers = new ArrayList<>();
        try {
            for (int i = 1; i < Math.min(threads, turns.count); i++) {
                Thread helper = new Thread(turns::work, "torrent-sha1-" + i);
                // Daemon: a build abandoned by an error must never keep a function's JVM alive.
                helper.setDaemon(true);
                helper.start();
                helpers.add(helper);
            }
            turns.work();
            for (Thread helper : helpers) {
                helper.join(); // also what makes the helpers' digests visible here
            }
        } catch (InterruptedException e) {
            turns.fail(e);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing pieces");
        }
        turns.rethrowFailure();
        expectEnd(source, length);
        return turns.pieces;
    }

    /** The state the hashing threads share: whose turn it is to read, and the digests so far. */
    private static final class Turns {
        private final Source source;
        private final long length;
        private final int pieceLength;
        private final int count;
        private final byte[] pieces;
        private final ReentrantLock turn = new ReentrantLock();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private int next; // guarded by turn

        Turns(Source source, long length, int pieceLength) {
            this.source = source;
            this.length = length;
            this.pieceLength = pieceLength;
            this.count = Math.toIntExact(pieceCount(length, pieceLength));
            this.pieces = new byte[Math.multiplyExact(count, SHA1_LENGTH)];
        }

        void work() {
            try {
                MessageDigest sha1 = newSha1();
                ByteBuffer buffer = source.allocate((int) Math.min(pieceLength, length));
                while (true) {
                    int index;
                    turn.lock();
                    try {
                        if (failure.get() != null || next == count) {
                            return;
                        }
                        index = next++;
                        long at = (long) index * pieceLength;
                        buffer.clear().limit((int) Math.min(pieceLength, length - at));
                        readFully(buffer, at);
                    } finally {
                        turn.unlock();
                    }
                    buffer.flip();
                    sha1.update(buffer);
                    sha1.digest(pieces, index * SHA1_LENGTH, SHA1_LENGTH);
                }
            } catch (Throwable t) {
                fail(t);
            }
        }

        private void readFully(ByteBuffer buffer, long at) throws IOException {
            while (buffer.hasRemaining()) {
                if (source.read(buffer) < 0) {
                    throw new EOFException("the content ended after " + (at + buffer.position()) + " bytes; "
                            + length + " were expected");
                }
            }
        }

        /** Keeps the first failure; not under the lock, which a thread blocked in a read may hold. */
        void fail(Throwable t) {
            failure.compareAndSet(null, t);
        }

        void rethrowFailure() throws IOException {
            Throwable t = failure.get();
            switch (t) {
                case null -> { }
                case IOException e -> throw e;
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                case DigestException e -> throw new IllegalStateException("SHA-1 digests are 20 bytes", e);
                default -> throw new IllegalStateException("hashing a piece failed", t);
            }
        }
    }

    private static void expectEnd(Source source, long length) throws IOException {
        ByteBuffer probe = ByteBuffer.allocate(1);
        int n;
        do {
            n = source.read(probe);
        } while (n == 0);
        if (n > 0) {
            throw new IOException("the content is longer than the " + length + " bytes declared");
        }
    }

    static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /** Reads a stream through the array behind a heap buffer. */
    static Source of(InputStream in) {
        return new Source() {
            @Override
            public ByteBuffer allocate(int capacity) {
                return ByteBuffer.allocate(capacity);
            }

            @Override
            public int read(ByteBuffer buffer) throws IOException {
                int n = in.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                if (n > 0) {
                    buffer.position(buffer.position() + n);
                }
                return n;
            }
        };
    }

    /**
     * Reads a channel into direct buffers: into a heap buffer the JDK reads through a temporary direct
     * buffer and copies, one more pass over every byte (about 10% slower on a 1 GiB file). The direct
     * buffers are freed by the garbage collector, and count against {@code -XX:MaxDirectMemorySize}.
     */
    static Source of(ReadableByteChannel channel) {
        return new Source() {
            @Override
            public ByteBuffer allocate(int capacity) {
                return ByteBuffer.allocateDirect(capacity);
            }

            @Override
            public int read(ByteBuffer buffer) throws IOException {
                return channel.read(buffer);
            }
        };
    }
}
