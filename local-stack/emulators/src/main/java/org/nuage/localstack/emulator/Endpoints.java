package org.nuage.localstack.emulator;

import java.net.URI;

/**
 * Where the running emulators answer, and the credentials and region to sign requests with; no
 * {@code s3} when the objects live in a store of their own ({@link Emulators#startWithoutS3}).
 */
public record Endpoints(URI s3, URI sqs, URI dynamodb, String accessKey, String secretKey, String region) {
}
