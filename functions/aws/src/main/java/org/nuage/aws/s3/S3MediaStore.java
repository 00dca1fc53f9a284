package org.nuage.aws.s3;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import org.nuage.core.media.MediaStore;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** {@link MediaStore} on S3 (or any S3-compatible store the endpoint points at). */
@ApplicationScoped
public class S3MediaStore implements MediaStore {

    private final S3Presigner presigner;

    public S3MediaStore(S3Presigner presigner) {
        this.presigner = presigner;
    }

    @Override
    public URI presignedGet(String bucket, String key, Duration validity) {
        var request = presigner.presignGetObject(p -> p.signatureDuration(validity)
                .getObjectRequest(g -> g.bucket(bucket).key(key)));
        return URI.create(request.url().toString());
    }
}
