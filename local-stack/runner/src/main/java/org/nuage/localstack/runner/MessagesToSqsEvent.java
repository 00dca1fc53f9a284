package org.nuage.localstack.runner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Turns a batch of received SQS messages into the event Lambda's SQS event source mapping sends. */
final class MessagesToSqsEvent {

    private MessagesToSqsEvent() {
    }

    static ObjectNode convert(List<Message> messages, String queueArn, String region) {
        var event = Json.MAPPER.createObjectNode();
        var records = event.putArray("Records");
        for (Message message : messages) {
            var record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            var attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            var messageAttributes = record.putObject("messageAttributes");
            message.messageAttributes().forEach((name, value) -> messageAttribute(messageAttributes.putObject(name), value));
            record.put("md5OfBody", message.md5OfBody());
            if (message.md5OfMessageAttributes() != null) {
                record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
            }
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", region);
        }
        return event;
    }

    /** Lambda's shape: camel-case names, empty list fields always present, binary values in base64. */
    private static void messageAttribute(ObjectNode target, MessageAttributeValue value) {
        if (value.stringValue() != null) {
            target.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            target.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        }
        var strings = target.putArray("stringListValues");
        value.stringListValues().forEach(strings::add);
        var binaries = target.putArray("binaryListValues");
        value.binaryListValues().forEach(b -> binaries.add(Base64.getEncoder().encodeToString(b.asByteArray())));
        target.put("dataType", value.dataType());
    }
}
