package org.nuage.localstack.runner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Events shaped as API Gateway and SQS deliver them, for invoking a function directly. */
final class BenchEvents {

    private BenchEvents() {
    }

    /** An HTTP API (payload 2.0) event; {@code body} null for none. */
    static byte[] http(String method, String path, String contentType, String body) {
        return http(method, path, contentType, body, Map.of());
    }

    /** The same with more headers, such as a peer's HTTP signature (names as API Gateway gives them, lower case). */
    static byte[] http(String method, String path, String contentType, String body, Map<String, String> extra) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "2.0").put("routeKey", "$default").put("rawPath", path).put("rawQueryString", "");
        ObjectNode headers = event.putObject("headers");
        headers.put("host", "127.0.0.1").put("accept", "application/json");
        extra.forEach((name, value) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), value));
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", LambdaFunction.ACCOUNT_ID).put("apiId", "local").put("domainName", "127.0.0.1")
                .put("domainPrefix", "127").put("requestId", "bench").put("routeKey", "$default")
                .put("stage", "$default").put("time", "26/Nov/2026:00:00:00 +0000").put("timeEpoch", 0);
        context.putObject("http").put("method", method).put("path", path).put("protocol", "HTTP/1.1")
                .put("sourceIp", "127.0.0.1").put("userAgent", "nuage-bench");
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return Json.bytes(event);
    }

    /**
     * Takes one message off {@code queueUrl} and wraps it as Lambda's event source mapping would;
     * the message is then the invocation's to delete or not, exactly as on Lambda.
     */
    static byte[] nextSqsMessage(SqsClient sqs, String queueUrl, String region) {
        for (int attempt = 0; attempt < 10; attempt++) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(1)
                    .waitTimeSeconds(2).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            if (!messages.isEmpty()) {
                String name = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
                String arn = "arn:aws:sqs:" + region + ":" + LambdaFunction.ACCOUNT_ID + ":" + name;
                return Json.bytes(MessagesToSqsEvent.convert(messages, arn, region));
            }
        }
        throw new IllegalStateException("no message arrived on " + queueUrl);
    }


}
