package org.nuage.localstack.emulator;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/** AWS SDK v2 clients pointed at the local emulators, configured the way they accept requests. */
public final class AwsClients {

    private AwsClients() {
    }

    /**
     * Path-style, since buckets are not host names on 127.0.0.1. Otherwise the SDK's defaults,
     * as the functions use them against AWS: S3Proxy checks the aws-chunked uploads with CRC32
     * trailers the SDK sends by default and stores the bytes as sent.
     */
    public static S3Client s3(Endpoints endpoints) {
        return s3(S3Endpoint.of(endpoints));
    }

    /** A client of any S3-compatible store, addressed as {@code endpoint} says. */
    public static S3Client s3(S3Endpoint endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint.url())
                .region(Region.of(endpoint.region()))
                .credentialsProvider(credentials(endpoint.accessKey(), endpoint.secretKey()))
                .httpClient(UrlConnectionHttpClient.create())
                .serviceConfiguration(s3Configuration(endpoint.pathStyle()))
                .build();
    }

    /** Presigned URLs for the local S3, path-style like {@link #s3(Endpoints)}. */
    public static S3Presigner s3Presigner(Endpoints endpoints) {
        S3Endpoint endpoint = S3Endpoint.of(endpoints);
        return S3Presigner.builder()
                .endpointOverride(endpoint.url())
                .region(Region.of(endpoint.region()))
                .credentialsProvider(credentials(endpoint.accessKey(), endpoint.secretKey()))
                .serviceConfiguration(s3Configuration(endpoint.pathStyle()))
                .build();
    }

    public static SqsClient sqs(Endpoints endpoints) {
        return SqsClient.builder()
                .endpointOverride(endpoints.sqs())
                .region(Region.of(endpoints.region()))
                .credentialsProvider(credentials(endpoints))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static DynamoDbClient dynamoDb(Endpoints endpoints) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoints.dynamodb())
                .region(Region.of(endpoints.region()))
                .credentialsProvider(credentials(endpoints))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static S3Configuration s3Configuration(boolean pathStyle) {
        return S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build();
    }

    private static StaticCredentialsProvider credentials(Endpoints endpoints) {
        return credentials(endpoints.accessKey(), endpoints.secretKey());
    }

    private static StaticCredentialsProvider credentials(String accessKey, String secretKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }
}
