package org.nuage.delivery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.nuage.aws.config.StackConfig;
import org.nuage.aws.lambda.SqsBatch;
import org.nuage.core.federation.InboundService;
import org.nuage.core.federation.InboxEnvelope;
import org.nuage.core.json.Json;

/**
 * Consumes the federation queues. Inbound envelopes are applied by {@link InboundService}; a
 * message from a queue this function has no route for fails, so it ends in that queue's DLQ
 * rather than vanishing.
 */
@Named("delivery")
public class DeliveryHandler implements RequestStreamHandler {

    private final InboundService inbound;
    private final String inboundQueue;

    public DeliveryHandler(InboundService inbound, StackConfig stack) {
        this.inbound = inbound;
        this.inboundQueue = stack.inboundQueueUrl().map(DeliveryHandler::queueName).orElse("");
    }

    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        SqsBatch.process(event, response, message -> {
            if (!message.queueName().equals(inboundQueue)) {
                throw new IllegalStateException("no route for messages from queue " + message.queueName());
            }
            inbound.apply(Json.read(message.body(), InboxEnvelope.class));
        });
    }

    /** A queue URL ends in the queue's name, the same name its ARN ends with. */
    static String queueName(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
