package org.nuage.localstack.emulator;

import java.net.URI;
import java.util.Objects;

/**
 * An S3-compatible service and how to talk to it: the built-in emulator, or a self-hoster's own
 * store (MinIO, Garage, Ceph RGW, Backblaze B2, Cloudflare R2, AWS S3 itself).
 *
 * @param url the service endpoint, such as {@code https://s3.eu-central-003.backblazeb2.com}
 * @param pathStyle buckets in the path ({@code url/bucket/key}) rather than in the host name
 *        ({@code bucket.host/key}); every store above accepts path-style, which needs no wildcard DNS
 * @param region the region requests are signed for: {@code auto} on R2, whatever the store was
 *        configured with on Garage or MinIO
 */
public record S3Endpoint(URI url, boolean pathStyle, String region, String accessKey, String secretKey) {

    public S3Endpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
    }

    /** The S3 of a set of endpoints (the emulators, or one AWS-compatible endpoint), path-style. */
    public static S3Endpoint of(Endpoints endpoints) {
        return new S3Endpoint(endpoints.s3(), true, endpoints.region(), endpoints.accessKey(), endpoints.secretKey());
    }

    /** Where anyone reads {@code bucket} over HTTP when it is public, in this endpoint's addressing style. */
    public URI bucketUrl(String bucket) {
        String base = url.toString().replaceAll("/+$", "");
        if (pathStyle) {
            return URI.create(base + "/" + bucket);
        }
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        return URI.create(url.getScheme() + "://" + bucket + "." + url.getHost() + port + path);
    }
}
