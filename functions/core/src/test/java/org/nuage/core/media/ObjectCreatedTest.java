package org.nuage.core.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nuage.core.json.Json;

class ObjectCreatedTest {

    /** The shape of AWS's documented example of an S3 notification delivered to SQS. */
    private static final String NOTIFICATION = """
            {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
            "eventTime":"2026-11-26T07:00:00.000Z","eventName":"ObjectCreated:CompleteMultipartUpload",
            "userIdentity":{"principalId":"AWS:EXAMPLE"},"requestParameters":{"sourceIPAddress":"127.0.0.1"},
            "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8"},
            "s3":{"s3SchemaVersion":"1.0","configurationId":"transcode",
            "bucket":{"name":"nuage-originals","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::nuage-originals"},
            "object":{"key":"uploads/my+clip%281%29","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e","sequencer":"0055AED6DCD90281E5"}}}]}""";

    @Test
    void readsBucketKeyAndSizeDecodingTheKey() {
        List<ObjectCreated> created = ObjectCreated.fromNotification(NOTIFICATION);
        assertEquals(List.of(new ObjectCreated("nuage-originals", "uploads/my clip(1)", 1024,
                "ObjectCreated:CompleteMultipartUpload")), created);
    }

    @Test
    void ignoresTheTestEventS3SendsWhenNotificationsAreConfigured() {
        assertTrue(ObjectCreated.fromNotification("""
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-26T07:00:00Z","Bucket":"nuage-originals"}""")
                .isEmpty());
    }

    @Test
    void refusesAMessageThatIsNotANotification() {
        assertThrows(Json.MalformedJsonException.class, () -> ObjectCreated.fromNotification("{\"hello\":1}"));
        assertThrows(Json.MalformedJsonException.class, () -> ObjectCreated.fromNotification("not json"));
    }
}
