package org.nuage.localstack.emulator;

import java.util.Set;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;

import software.amazon.awssdk.services.s3.model.ObjectCannedACL;

/**
 * Stands in for the cloud's public-read bucket policy, which S3Proxy ignores: S3Proxy lets an
 * anonymous GET or HEAD through when the object's ACL is {@code public-read}, so every object of
 * a public bucket reports that ACL, whatever it was written with. Objects elsewhere keep theirs.
 */
final class PublicBucketBlobStore extends ForwardingBlobStore {

    private final Set<String> publicBuckets;

    PublicBucketBlobStore(BlobStore delegate, Set<String> publicBuckets) {
        super(delegate);
        this.publicBuckets = Set.copyOf(publicBuckets);
    }

    @Override
    public ObjectCannedACL getBlobAccess(String bucket, String key) {
        return publicBuckets.contains(bucket) ? ObjectCannedACL.PUBLIC_READ : super.getBlobAccess(bucket, key);
    }

    @Override
    public ObjectCannedACL getBlobAccess(String bucket, String key, String versionId) {
        return publicBuckets.contains(bucket)
                ? ObjectCannedACL.PUBLIC_READ
                : super.getBlobAccess(bucket, key, versionId);
    }
}
