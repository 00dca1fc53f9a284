package org.nuage.infra.cost;

/**
 * AWS list prices in US East (N. Virginia), in dollars, as published on 2026-11-26 on the pages
 * docs/cost.md cites (aws.amazon.com/lambda/pricing, /s3/pricing, /sqs/pricing,
 * /api-gateway/pricing, /dynamodb/pricing/on-demand, /cloudwatch/pricing). First price tier
 * only: a small instance never reaches the next one. Free tiers are listed apart, not subtracted.
 */
public record PriceList(
        double lambdaPerMillionRequests,
        double lambdaPerGbSecondX86,
        double lambdaPerGbSecondArm,
        double lambdaEphemeralPerGbSecond,
        double httpApiPerMillionRequests,
        double sqsPerMillionRequests,
        long sqsFreeRequestsPerMonth,
        double s3StandardPerGbMonth,
        double s3PerThousandPuts,
        double s3PerThousandGets,
        double internetEgressPerGb,
        double dynamoPerMillionWrites,
        double dynamoPerMillionReads,
        double dynamoStoragePerGbMonth,
        double dynamoPitrPerGbMonth,
        double logsIngestionPerGb) {

    /** The prices the figures in docs/cost.md use. */
    public static final PriceList US_EAST_1 = new PriceList(
            0.20,           // Lambda: per million requests
            0.0000166667,   // Lambda x86: per GB-second, first 6 billion GB-s a month
            0.0000133334,   // Lambda Arm: per GB-second, first 7.5 billion GB-s a month
            0.0000000309,   // Lambda: per GB-second of /tmp above the free 512 MB
            1.00,           // HTTP API: per million requests, first 300 million
            0.40,           // SQS standard: per million requests (each 64 KB of a payload counts as one)
            1_000_000,      // SQS: requests free every month, not only in the first year
            0.023,          // S3 Standard: per GB-month, first 50 TB
            0.005,          // S3 Standard: per 1,000 PUT, COPY, POST or LIST requests
            0.0004,         // S3 Standard: per 1,000 GET requests
            0.09,           // data transfer out to the internet: per GB, first 10 TB a month
            0.625,          // DynamoDB on demand: per million write request units (since 2024-11-01)
            0.125,          // DynamoDB on demand: per million read request units
            0.25,           // DynamoDB Standard table class: per GB-month
            0.20,           // DynamoDB continuous backups (PITR): per GB-month of table size
            0.50);          // CloudWatch Logs: per GB ingested

    /** Lambda gives a function one vCPU per 1,769 MB of memory (its configuration guide), up to 6. */
    public static final double MB_PER_VCPU = 1769;
    public static final double MAX_VCPUS = 6;

    /** A GB as AWS bills it, 2^30 bytes. */
    public static final double BYTES_PER_GB = 1024.0 * 1024 * 1024;
}
