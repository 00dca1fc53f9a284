package org.nuage.localstack.emulator;

import java.net.URI;

/** Where the running emulators answer, and the credentials and region to sign requests with. */
public record Endpoints(URI s3, URI sqs, URI dynamodb, String accessKey, String secretKey, String region) {
}
