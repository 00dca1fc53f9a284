package org.nuage.localstack.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nuage.core.stack.StackDefinition;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** S3Proxy as the stack uses it: signatures, presigned URLs, multipart, ACLs, CORS and ranges. */
class S3EmulatorTest {

    private static final String ORIGIN = "http://localhost:5173";

    private static StackDefinition stack;
    private static Emulators emulators;
    private static S3Client s3;
    private static S3Presigner presigner;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        stack = StackDefinition.standard(LocalStackDir.uniquePrefix("s3"));
        emulators = Emulators.start(EmulatorOptions.inMemory(stack, LocalStackDir.path()));
        s3 = AwsClients.s3(emulators.endpoints());
        presigner = AwsClients.s3Presigner(emulators.endpoints());
        try (var sqs = AwsClients.sqs(emulators.endpoints());
                var dynamoDb = AwsClients.dynamoDb(emulators.endpoints())) {
            new ResourceProvisioner().provision(stack, s3, sqs, dynamoDb);
        }
    }

    @AfterAll
    static void stop() {
        presigner.close();
        s3.close();
        emulators.close();
    }

    @Test
    void rejectsRequestSignedWithWrongSecret() {
        Endpoints e = emulators.endpoints();
        Endpoints wrongSecret = new Endpoints(e.s3(), e.sqs(), e.dynamodb(), e.accessKey(), "not-the-secret",
                e.region());
        try (S3Client intruder = AwsClients.s3(wrongSecret)) {
            S3Exception refused = assertThrows(S3Exception.class,
                    () -> intruder.putObject(b -> b.bucket(originals()).key("intruder.bin"), RequestBody.fromString("x")));
            assertEquals(403, refused.statusCode());
            assertEquals("SignatureDoesNotMatch", refused.awsErrorDetails().errorCode());
        }
        Endpoints wrongKey = new Endpoints(e.s3(), e.sqs(), e.dynamodb(), "someone-else", e.secretKey(), e.region());
        try (S3Client intruder = AwsClients.s3(wrongKey)) {
            S3Exception refused = assertThrows(S3Exception.class, intruder::listBuckets);
            assertEquals(403, refused.statusCode());
        }
    }

    @Test
    void refusesUnsignedWrites() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(objectUrl(originals(), "anonymous.bin"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode());
    }

    @Test
    void storesUploadsByteIdenticalWithTheSdkDefaultChunkingAndChecksums() {
        byte[] bytes = randomBytes(300_000);
        s3.putObject(b -> b.bucket(originals()).key("bytes.bin"), RequestBody.fromBytes(bytes));
        assertArrayEquals(bytes, s3.getObjectAsBytes(b -> b.bucket(originals()).key("bytes.bin")).asByteArray());

        s3.putObject(b -> b.bucket(originals()).key("stream.bin"),
                RequestBody.fromInputStream(new ByteArrayInputStream(bytes), bytes.length));
        assertArrayEquals(bytes, s3.getObjectAsBytes(b -> b.bucket(originals()).key("stream.bin")).asByteArray());
    }

    @Test
    void presignedPutThenPresignedGetRoundTripsTheBytes() throws Exception {
        byte[] bytes = randomBytes(200_000);
        URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket(originals()).key("uploads/presigned.bin"))).url().toURI();
        HttpResponse<String> stored = HTTP.send(HttpRequest.newBuilder(put)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stored.statusCode(), stored.body());

        URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(o -> o.bucket(originals()).key("uploads/presigned.bin"))).url().toURI();
        HttpResponse<byte[]> read = HTTP.send(HttpRequest.newBuilder(get).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, read.statusCode());
        assertArrayEquals(bytes, read.body());
        drainTranscodeQueue();
    }

    @Test
    void presignedUrlWithTamperedSignatureIsRefused() throws Exception {
        s3.putObject(b -> b.bucket(originals()).key("signed.bin"), RequestBody.fromString("secret"));
        String url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(o -> o.bucket(originals()).key("signed.bin"))).url().toString();
        String tampered = url.replaceAll("X-Amz-Signature=[0-9a-f]+", "X-Amz-Signature=" + "0".repeat(64));
        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create(tampered)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, read.statusCode());
    }

    @Test
    void multipartUploadThroughPresignedPartUrlsStoresTheWholeObject() throws Exception {
        String key = "uploads/multipart.bin";
        byte[] bytes = randomBytes(5 * 1024 * 1024 + 123_457);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(originals()).key(key)).uploadId();
        int partSize = 5 * 1024 * 1024;
        List<CompletedPart> parts = new ArrayList<>();
        for (int number = 1, offset = 0; offset < bytes.length; number++, offset += partSize) {
            int partNumber = number;
            byte[] part = Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + partSize));
            URI url = presigner.presignUploadPart(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .uploadPartRequest(u -> u.bucket(originals()).key(key).uploadId(uploadId)
                            .partNumber(partNumber))).url().toURI();
            HttpResponse<String> uploaded = HTTP.send(HttpRequest.newBuilder(url)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(part)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, uploaded.statusCode(), uploaded.body());
            String eTag = uploaded.headers().firstValue("ETag").orElseThrow();
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(originals()).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
        assertArrayEquals(bytes, s3.getObjectAsBytes(b -> b.bucket(originals()).key(key)).asByteArray());
        drainTranscodeQueue();
    }

    @Test
    void servesAByteRangeAsPartialContent() throws Exception {
        byte[] bytes = randomBytes(10_000);
        s3.putObject(b -> b.bucket(media()).key("ranged.bin"), RequestBody.fromBytes(bytes));
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(objectUrl(media(), "ranged.bin"))
                .header("Range", "bytes=100-199").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, response.statusCode());
        assertArrayEquals(Arrays.copyOfRange(bytes, 100, 200), response.body());
        assertEquals("bytes 100-199/10000", response.headers().firstValue("Content-Range").orElseThrow());

        var viaSdk = s3.getObjectAsBytes(b -> b.bucket(media()).key("ranged.bin").range("bytes=9990-"));
        assertArrayEquals(Arrays.copyOfRange(bytes, 9990, 10_000), viaSdk.asByteArray());
    }

    @Test
    void servesPublicReadObjectsToAnonymousReaders() throws Exception {
        s3.putObject(b -> b.bucket(originals()).key("public.txt").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("hello"));
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(objectUrl(originals(), "public.txt")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, get.statusCode());
        assertEquals("hello", get.body());
        HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(objectUrl(originals(), "public.txt"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
    }

    @Test
    void refusesAnonymousReadOfPrivateObject() throws Exception {
        s3.putObject(b -> b.bucket(originals()).key("private.txt"), RequestBody.fromString("mine"));
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(objectUrl(originals(), "private.txt")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, get.statusCode());
    }

    /** The cloud makes the media bucket public with a bucket policy, not with object ACLs. */
    @Test
    void servesEveryObjectOfThePublicBucketAnonymously() throws Exception {
        s3.putObject(b -> b.bucket(media()).key("segments/0001.ts"), RequestBody.fromString("segment"));
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(objectUrl(media(), "segments/0001.ts")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, get.statusCode());
        assertEquals("segment", get.body());
    }

    @Test
    void answersCorsPreflightForRangeRequests() throws Exception {
        s3.putObject(b -> b.bucket(media()).key("preflight.bin"), RequestBody.fromString("x"));
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(objectUrl(media(), "preflight.bin"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "GET")
                // WebTorrent's web seed sends its User-Agent with the Range.
                .header("Access-Control-Request-Headers", "range,user-agent")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, preflight.statusCode(), preflight.body());
        var headers = preflight.headers();
        String allowedOrigin = headers.firstValue("Access-Control-Allow-Origin").orElseThrow();
        assertTrue(allowedOrigin.equals("*") || allowedOrigin.equals(ORIGIN), allowedOrigin);
        assertTrue(lower(headers.firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("get"));
        String allowedHeaders = lower(headers.firstValue("Access-Control-Allow-Headers").orElseThrow());
        assertTrue(allowedHeaders.equals("*") || allowedHeaders.contains("range") && allowedHeaders.contains("user-agent"),
                allowedHeaders);
    }

    @Test
    void exposesRangeHeadersToCrossOriginReaders() throws Exception {
        s3.putObject(b -> b.bucket(media()).key("exposed.bin"), RequestBody.fromBytes(randomBytes(1000)));
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(objectUrl(media(), "exposed.bin"))
                .header("Origin", ORIGIN).header("Range", "bytes=0-9").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, response.statusCode());
        assertNotNull(response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        String exposed = lower(response.headers().firstValue("Access-Control-Expose-Headers").orElseThrow());
        for (String header : List.of("etag", "content-range", "accept-ranges")) {
            assertTrue(exposed.contains(header), exposed);
        }
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    private static URI objectUrl(String bucket, String key) {
        return emulators.endpoints().s3().resolve("/" + bucket + "/" + key);
    }

    private static String originals() {
        return stack.originals().name();
    }

    private static String media() {
        return stack.media().name();
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** Uploads under uploads/ queue transcode events; they belong to the notification tests. */
    private static void drainTranscodeQueue() {
        try (var sqs = AwsClients.sqs(emulators.endpoints())) {
            String url = sqs.getQueueUrl(b -> b.queueName(stack.transcode().name())).queueUrl();
            sqs.purgeQueue(b -> b.queueUrl(url));
        }
    }
}
