package org.nuage.aws.s3;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.video.MultipartStorage;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** {@link MultipartStorage} on the originals bucket. */
@ApplicationScoped
public class S3MultipartStorage implements MultipartStorage {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3MultipartStorage(S3Client s3, S3Presigner presigner, StackConfig stack) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = stack.originalsBucket();
    }

    @Override
    public String start(String key, String contentType) {
        return s3.createMultipartUpload(c -> c.bucket(bucket).key(key).contentType(contentType)).uploadId();
    }

    @Override
    public URI presignPart(String key, String uploadId, int partNumber, long length, Duration validity) {
        // With the length in the request, the presigner signs the Content-Length header.
        return URI.create(presigner.presignUploadPart(p -> p.signatureDuration(validity)
                .uploadPartRequest(u -> u.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                        .contentLength(length)))
                .url().toString());
    }

    @Override
    public List<Part> parts(String key, String uploadId) {
        return s3.listPartsPaginator(l -> l.bucket(bucket).key(key).uploadId(uploadId)).parts().stream()
                .map(p -> new Part(p.partNumber(), p.eTag(), p.size())).toList();
    }

    @Override
    public void complete(String key, String uploadId, List<Part> parts) {
        s3.completeMultipartUpload(c -> c.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts.stream()
                        .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build()).toList())));
    }

    @Override
    public void abort(String key, String uploadId) {
        s3.abortMultipartUpload(a -> a.bucket(bucket).key(key).uploadId(uploadId));
    }
}
