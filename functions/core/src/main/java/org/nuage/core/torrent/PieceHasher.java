package org.nuage.core.torrent;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SHA-1s the pieces of content several pieces at a time, whether the content is read once, in order,
 * from a stream, or mapped from a local file.
 *
 * <p>Each hashing thread claims the next piece, hashes it and writes the digest at the piece's own
 * offset, so order is kept without a reordering step. The calling thread is one of the hashing
 * threads. What differs is where a piece's bytes come from:
 * <ul>
 * <li>A stream is read in turns: under a lock, a thread claims the next piece and reads it into the
 * one piece buffer it owns; then, outside the lock, it hashes. Memory is threads x piece length.
 * <li>A local file is mapped, so a thread hashes the page cache in place and no thread waits for
 * another. There is no piece buffer; the file's pages are mapped, not copied, and they leave the
 * process when the garbage collector unmaps the mapping (Java 21 has no other way to unmap).
 * </ul>
 *
 * <p>Why, measured on our 2-core build machines (2.8 GHz Xeon with SHA-NI): one core SHA-1s about
 * 1.4 GB/s with HotSpot's intrinsic, as fast as OpenSSL ({@code openssl speed -evp sha1}), and 0.25
 * GB/s with {@code -XX:-UseSHA1Intrinsics}. So both cores must hash, and a file already in the page
 * cache hashes as fast as the CPU time spent per byte allows. Profiles of 1 GiB builds: read from a
 * channel, 69% of the time is the SHA-1 stub, 15% the kernel copying out of the page cache and 5% the
 * copies {@link MessageDigest#update(ByteBuffer)} makes from a direct buffer, 4 KiB at a time; mapped,
 * 75% is SHA-1, 11% those 4 KiB copies, now straight from the page cache, and 3% page faults (the
 * kernel maps a whole folio per fault). That is 0.92 s of CPU per GiB mapped against 1.03 s read, and
 * 0.95 s for {@code mktorrent}, which pays the kernel's copy. One mapping per GiB costs less than one
 * per piece (0.97 s). For streams, a separate reader thread handing buffers to a pool of hashers, the
 * other usual shape, was no faster than turns at the lock and needs a queue and one more thread than
 * there are cores. When a stream is slower than one core's hashing, as a single S3 GET stream usually
 * is, the threads simply wait their turn at the lock, at no cost.
 */
final class PieceHasher {

    static final int SHA1_LENGTH = 20;

    /**
     * The most of a file one mapping covers: a {@link MappedByteBuffer} holds at most 2 GiB, and 1 GiB
     * is a multiple of every piece length, so no piece straddles two mappings. A 1 GiB file is one
     * mapping, one {@code mmap} call rather than one per piece.
     */
    private static final long MAPPING_LENGTH = 1L << 30;

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
        byte[] pieces = new Turns(source, length, pieceLength).run(threads);
        expectEnd(source, length);
        return pieces;
    }

    /**
     * The same digests for the {@code length} bytes of a local file from its start, mapped rather
     * than read. The file must not shrink while it is hashed: reading a mapped page past its end
     * makes the JVM throw an {@link InternalError}.
     *
     * @throws EOFException if the file is shorter than {@code length} bytes
     * @throws IOException if the file is longer than {@code length} bytes, or cannot be mapped
     */
    static byte[] hash(FileChannel file, long length, int pieceLength, int threads) throws IOException {
        return hash(file, length, pieceLength, threads, MAPPING_LENGTH);
    }

    /** As above, with mappings of {@code mappingLength} bytes, a multiple of {@code pieceLength}: tests map less. */
    static byte[] hash(FileChannel file, long length, int pieceLength, int threads, long mappingLength)
            throws IOException {
        if (mappingLength % pieceLength != 0 || mappingLength > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mappings of " + mappingLength + " bytes cannot hold whole pieces of "
                    + pieceLength);
        }
        long size = file.size();
        if (size < length) {
            throw ended(size, length);
        }
        if (size > length) {
            throw longer(length);
        }
        return new Mapped(file, length, pieceLength, (int) mappingLength).run(threads);
    }

    /**
     * The work the hashing threads share: the digests so far and the first failure. A subclass says
     * where each piece's bytes come from.
     */
    private abstract static class Pieces {
        final long length;
        final int pieceLength;
        final int count;
        final byte[] digests;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Pieces(long length, int pieceLength) {
            this.length = length;
            this.pieceLength = pieceLength;
            this.count = Math.toIntExact(pieceCount(length, pieceLength));
            this.digests = new byte[Math.multiplyExact(count, SHA1_LENGTH)];
        }

        /** Hashes pieces on the calling thread until none is left or another thread has failed. */
        abstract void work(MessageDigest sha1) throws Exception;

        long offsetOf(int index) {
            return (long) index * pieceLength;
        }

        int lengthOf(int index) {
            return (int) Math.min(pieceLength, length - offsetOf(index));
        }

        byte[] run(int threads) throws IOException {
            List<Thread> helpers = new ArrayList<>();
            try {
                for (int i = 1; i < Math.min(threads, count); i++) {
                    Thread helper = new Thread(this::workOrFail, "torrent-sha1-" + i);
                    // Daemon: a build abandoned by an error must never keep a function's JVM alive.
                    helper.setDaemon(true);
                    helper.start();
                    helpers.add(helper);
                }
                workOrFail();
                for (Thread helper : helpers) {
                    helper.join(); // also what makes the helpers' digests visible here
                }
            } catch (InterruptedException e) {
                fail(e);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while hashing pieces");
            }
            rethrowFailure();
            return digests;
        }

        private void workOrFail() {
            try {
                work(newSha1());
            } catch (Throwable t) {
                fail(t);
            }
        }

        /** Keeps the first failure; not under a lock, which a thread blocked in a read may hold. */
        void fail(Throwable t) {
            failure.compareAndSet(null, t);
        }

        private void rethrowFailure() throws IOException {
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

    /** Pieces read from a stream in turns: whose turn it is to read is guarded by a lock. */
    private static final class Turns extends Pieces {
        private final Source source;
        private final ReentrantLock turn = new ReentrantLock();
        private int next; // guarded by turn

        Turns(Source source, long length, int pieceLength) {
            super(length, pieceLength);
            this.source = source;
        }

        @Override
        void work(MessageDigest sha1) throws IOException, DigestException {
            ByteBuffer buffer = source.allocate((int) Math.min(pieceLength, length));
            while (true) {
                int index;
                turn.lock();
                try {
                    if (failure.get() != null || next == count) {
                        return;
                    }
                    index = next++;
                    buffer.clear().limit(lengthOf(index));
                    readFully(buffer, offsetOf(index));
                } finally {
                    turn.unlock();
                }
                buffer.flip();
                sha1.update(buffer);
                sha1.digest(digests, index * SHA1_LENGTH, SHA1_LENGTH);
            }
        }

        private void readFully(ByteBuffer buffer, long at) throws IOException {
            while (buffer.hasRemaining()) {
                if (source.read(buffer) < 0) {
                    throw ended(at + buffer.position(), length);
                }
            }
        }
    }

    /** Pieces of a mapped file: any thread hashes any piece, so a counter is all they share. */
    private static final class Mapped extends Pieces {
        private final FileChannel file;
        private final int mappingLength;
        private final AtomicInteger next = new AtomicInteger();
        private final MappedByteBuffer[] mappings; // guarded by itself; each mapped by the first thread to need it

        Mapped(FileChannel file, long length, int pieceLength, int mappingLength) {
            super(length, pieceLength);
            this.file = file;
            this.mappingLength = mappingLength;
            this.mappings = new MappedByteBuffer[Math.toIntExact(pieceCount(length, mappingLength))];
        }

        @Override
        void work(MessageDigest sha1) throws IOException, DigestException {
            int index;
            while (failure.get() == null && (index = next.getAndIncrement()) < count) {
                long at = offsetOf(index);
                sha1.update(mapping(at).slice((int) (at % mappingLength), lengthOf(index)));
                sha1.digest(digests, index * SHA1_LENGTH, SHA1_LENGTH);
            }
        }

        private MappedByteBuffer mapping(long at) throws IOException {
            int n = (int) (at / mappingLength);
            synchronized (mappings) {
                if (mappings[n] == null) {
                    long start = (long) n * mappingLength;
                    mappings[n] = file.map(FileChannel.MapMode.READ_ONLY, start,
                            Math.min(mappingLength, length - start));
                }
                return mappings[n];
            }
        }
    }

    private static EOFException ended(long after, long length) {
        return new EOFException("the content ended after " + after + " bytes; " + length + " were expected");
    }

    private static IOException longer(long length) {
        return new IOException("the content is longer than the " + length + " bytes declared");
    }

    private static void expectEnd(Source source, long length) throws IOException {
        ByteBuffer probe = ByteBuffer.allocate(1);
        int n;
        do {
            n = source.read(probe);
        } while (n == 0);
        if (n > 0) {
            throw longer(length);
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
