package org.nuage.localstack.emulator;

import java.io.InputStream;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;

import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Emits S3 event notifications, which S3Proxy does not: once an object is fully stored by a
 * PUT, a completed multipart upload or a copy, the event goes to the bucket's queue. It also
 * refuses parts for an upload that was completed or aborted (S3's NoSuchUpload), which S3Proxy's
 * file store would accept, so a presigned part URL dies with its upload as it does on S3.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

    private final ObjectCreatedNotifier notifier;
    /** Ids of finished uploads since start; S3Proxy keeps no record of them once done. */
    private final java.util.Set<String> finished = java.util.concurrent.ConcurrentHashMap.newKeySet();

    NotifyingBlobStore(BlobStore delegate, ObjectCreatedNotifier notifier) {
        super(delegate);
        this.notifier = notifier;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        notifyStored("ObjectCreated:Put", request.bucket(), request.key());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        finished.add(upload.id());
        notifyStored("ObjectCreated:CompleteMultipartUpload", upload.containerName(), upload.blobName());
        return response;
    }

    @Override
    public void abortMultipartUpload(MultipartUpload upload) {
        super.abortMultipartUpload(upload);
        finished.add(upload.id());
    }

    @Override
    public software.amazon.awssdk.services.s3.model.UploadPartResponse uploadMultipartPart(MultipartUpload upload,
            software.amazon.awssdk.services.s3.model.UploadPartRequest request, InputStream content) {
        if (finished.contains(upload.id())) {
            // Read the part first: answering before the body is consumed makes the server cut the
            // connection, and the client sees a broken response instead of S3's 404.
            try {
                content.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException e) {
                // The client went away; the refusal below is all there is to say.
            }
            throw new org.gaul.s3proxy.S3ProxyException(org.gaul.s3proxy.S3ErrorCode.NO_SUCH_UPLOAD);
        }
        return super.uploadMultipartPart(upload, request, content);
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        notifyStored("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey());
        return response;
    }

    /** Size and ETag come from the stored object, so they are what a later GET will see. */
    private void notifyStored(String eventName, String bucket, String key) {
        if (!notifier.wants(bucket, key)) {
            return;
        }
        HeadObjectResponse stored = delegate().blobMetadata(bucket, key);
        notifier.objectCreated(eventName, bucket, key, stored.contentLength(), stored.eTag());
    }
}
