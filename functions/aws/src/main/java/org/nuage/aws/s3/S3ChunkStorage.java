package org.nuage.aws.s3;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.video.ChunkStorage;
import org.nuage.core.video.MultipartStorage;
import org.nuage.core.video.ResumableUpload;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link ChunkStorage} on the originals bucket. */
@ApplicationScoped
public class S3ChunkStorage implements ChunkStorage {

    private final S3Client s3;
    private final String bucket;

    public S3ChunkStorage(S3Client s3, StackConfig stack) {
        this.s3 = s3;
        this.bucket = stack.originalsBucket();
    }

    @Override
    public void hold(String key, byte[] chunk) {
        s3.putObject(p -> p.bucket(bucket).key(key).contentType("application/octet-stream"), RequestBody.fromBytes(chunk));
    }

    @Override
    public MultipartStorage.Part uploadPart(String key, String uploadId, int partNumber, List<ResumableUpload.Held> held,
            byte[] chunk) {
        long length = held.stream().mapToLong(ResumableUpload.Held::size).sum() + chunk.length;
        // The SDK asks for a fresh stream on each attempt; each one reads the held chunks anew from S3.
        RequestBody body = RequestBody.fromContentProvider(() -> new Concatenated(held.iterator(), chunk), length,
                "application/octet-stream");
        String etag = s3.uploadPart(u -> u.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                .contentLength(length), body).eTag();
        return new MultipartStorage.Part(partNumber, etag, length);
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(h -> h.bucket(bucket).key(key));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void delete(List<String> keys) {
        // One request per key: at most a part's worth of held chunks, and every S3-compatible store takes it.
        keys.forEach(key -> s3.deleteObject(d -> d.bucket(bucket).key(key)));
    }

    @Override
    public void deleteUnder(String prefix) {
        delete(s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList());
    }

    /**
     * The held chunks, each opened from S3 only when the previous one is read to its end, then the
     * chunk in memory: a part never needs more than one chunk's memory.
     */
    private final class Concatenated extends InputStream {

        private final Iterator<ResumableUpload.Held> held;
        private final byte[] chunk;
        private InputStream current;
        private boolean chunkOpened;

        Concatenated(Iterator<ResumableUpload.Held> held, byte[] chunk) {
            this.held = held;
            this.chunk = chunk;
        }

        /** The stream to read from, or null at the end. */
        private InputStream current() throws IOException {
            if (current != null) {
                return current;
            }
            if (held.hasNext()) {
                String key = held.next().key();
                current = s3.getObject(g -> g.bucket(bucket).key(key));
            } else if (!chunkOpened) {
                chunkOpened = true;
                current = new ByteArrayInputStream(chunk);
            }
            return current;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            for (InputStream in = current(); in != null; in = current()) {
                int n = in.read(buffer, offset, length);
                if (n >= 0) {
                    return n;
                }
                in.close();
                current = null;
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
