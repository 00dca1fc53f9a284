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
import org.nuage.core.federation.delivery.Delivery;
import org.nuage.core.federation.delivery.OutboundService;
import org.nuage.core.federation.InboxEnvelope;
import org.nuage.core.federation.ViewsFederation;
import org.nuage.core.federation.ViewsUpdate;
import org.nuage.core.instance.InstanceStats;
import org.nuage.core.json.Json;

/**
 * Consumes the federation queues. Inbound envelopes are applied by {@link InboundService},
 * outbound deliveries sent by {@link OutboundService} and views updates by {@link ViewsFederation}; a
 * message from a queue this function has no route for fails, so it ends in that queue's DLQ
 * rather than vanishing.
 */
@Named("delivery")
public class DeliveryHandler implements RequestStreamHandler {

    /** Deliveries of one batch in flight at once: a full SQS batch. */
    static final int DELIVERIES_AT_ONCE = 10;

    private final InboundService inbound;
    private final OutboundService outbound;
    private final ViewsFederation views;
    private final InstanceStats stats;
    private final String inboundQueue;
    private final String outboundQueue;

    public DeliveryHandler(InboundService inbound, OutboundService outbound, ViewsFederation views, InstanceStats stats,
            StackConfig stack) {
        this.inbound = inbound;
        this.stats = stats;
        this.outbound = outbound;
        this.views = views;
        this.inboundQueue = stack.inboundQueueUrl().map(DeliveryHandler::queueName).orElse("");
        this.outboundQueue = stack.outboundQueueUrl().map(DeliveryHandler::queueName).orElse("");
    }

    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        SqsBatch batch = SqsBatch.read(event);
        // A batch comes from one queue. Our deliveries wait on other servers and on nothing of each
        // other, so they go out together; remote activities are applied one by one, in the order the
        // queue gave them (an Undo right behind its Follow stays behind it).
        boolean deliveries = batch.messages().stream().allMatch(m -> m.queueName().equals(outboundQueue));
        batch.process(response, deliveries ? DELIVERIES_AT_ONCE : 1, message -> {
            if (message.queueName().equals(inboundQueue)) {
                apply(Json.read(message.body(), InboxEnvelope.class));
            } else if (message.queueName().equals(outboundQueue)) {
                // The outbound queue carries deliveries and, now and then, a video's views update coming due.
                if (Json.tree(message.body()).has("videoUuid")) {
                    views.due(Json.read(message.body(), ViewsUpdate.class));
                } else {
                    outbound.deliver(Json.read(message.body(), Delivery.class));
                }
            } else {
                throw new IllegalStateException("no route for messages from queue " + message.queueName());
            }
        });
    }

    /** Applies one activity and counts it, applied or failed, for PeerTube's server stats. */
    private void apply(InboxEnvelope envelope) {
        try {
            inbound.apply(envelope);
        } catch (RuntimeException e) {
            try {
                stats.countActivity(envelope.activityType(), false);
            } catch (RuntimeException counting) {
                e.addSuppressed(counting);
            }
            throw e;
        }
        stats.countActivity(envelope.activityType(), true);
    }

    /** A queue URL ends in the queue's name, the same name its ARN ends with. */
    static String queueName(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
