package org.nuage.aws.s3;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.media.ObjectStore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link ObjectStore} on S3 or any S3-compatible store; files stream through the SDK, never whole in memory. */
@ApplicationScoped
public class S3ObjectStore implements ObjectStore {

    /** DeleteObjects takes at most 1,000 keys per request. */
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final StackConfig stack;
    private final String publicBase;

    public S3ObjectStore(S3Client s3, StackConfig stack) {
        this.s3 = s3;
        this.stack = stack;
        String base = stack.mediaPublicUrl().map(URI::toString)
                .orElseGet(() -> "https://" + stack.mediaBucket() + ".s3." + s3.serviceClientConfiguration().region().id()
                        + ".amazonaws.com");
        this.publicBase = base.endsWith("/") ? base : base + "/";
    }

    @Override
    public boolean download(Bucket bucket, String key, Path target) {
        try {
            Files.deleteIfExists(target);
            s3.getObject(g -> g.bucket(name(bucket)).key(key), ResponseTransformer.toFile(target));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void upload(Bucket bucket, String key, Path file, String contentType) {
        s3.putObject(p -> p.bucket(name(bucket)).key(key).contentType(contentType), RequestBody.fromFile(file));
    }

    @Override
    public void put(Bucket bucket, String key, byte[] content, String contentType) {
        s3.putObject(p -> p.bucket(name(bucket)).key(key).contentType(contentType), RequestBody.fromBytes(content));
    }

    @Override
    public void putImmutable(String mediaKey, byte[] content, String contentType) {
        s3.putObject(p -> p.bucket(stack.mediaBucket()).key(mediaKey).contentType(contentType)
                .cacheControl("public, max-age=31536000, immutable"), RequestBody.fromBytes(content));
    }

    @Override
    public Optional<byte[]> read(Bucket bucket, String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(g -> g.bucket(name(bucket)).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(Bucket bucket, java.util.Collection<String> keys) {
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = all.subList(from, Math.min(all.size(), from + DELETE_BATCH)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            s3.deleteObjects(d -> d.bucket(name(bucket)).delete(Delete.builder().objects(batch).quiet(true).build()));
        }
    }

    @Override
    public int deletePrefix(Bucket bucket, String prefix) {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("refusing to delete a whole bucket");
        }
        List<String> keys = s3.listObjectsV2Paginator(l -> l.bucket(name(bucket)).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
        for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            s3.deleteObjects(d -> d.bucket(name(bucket)).delete(Delete.builder().objects(batch).quiet(true).build()));
        }
        return keys.size();
    }

    @Override
    public URI publicUrl(String mediaKey) {
        return URI.create(publicBase + mediaKey);
    }

    private String name(Bucket bucket) {
        return switch (bucket) {
            case ORIGINALS -> stack.originalsBucket();
            case MEDIA -> stack.mediaBucket();
        };
    }
}
