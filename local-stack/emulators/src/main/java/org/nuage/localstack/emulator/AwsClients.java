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
        return S3Client.builder()
                .endpointOverride(endpoints.s3())
                .region(Region.of(endpoints.region()))
                .credentialsProvider(credentials(endpoints))
                .httpClient(UrlConnectionHttpClient.create())
                .serviceConfiguration(s3Configuration())
                .build();
    }

    /** Presigned URLs for the local S3, path-style like {@link #s3(Endpoints)}. */
    public static S3Presigner s3Presigner(Endpoints endpoints) {
        return S3Presigner.builder()
                .endpointOverride(endpoints.s3())
                .region(Region.of(endpoints.region()))
                .credentialsProvider(credentials(endpoints))
                .serviceConfiguration(s3Configuration())
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

    private static S3Configuration s3Configuration() {
        return S3Configuration.builder().pathStyleAccessEnabled(true).build();
    }

    private static StaticCredentialsProvider credentials(Endpoints endpoints) {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(endpoints.accessKey(), endpoints.secretKey()));
    }
}
