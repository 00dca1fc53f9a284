package org.nuage.aws.sqs;

import jakarta.enterprise.context.ApplicationScoped;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.queue.WorkQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link WorkQueue} on SQS: one standard queue per name, URLs from the stack configuration. */
@ApplicationScoped
public class SqsWorkQueue implements WorkQueue {

    private final SqsClient sqs;
    private final StackConfig stack;

    public SqsWorkQueue(SqsClient sqs, StackConfig stack) {
        this.sqs = sqs;
        this.stack = stack;
    }

    @Override
    public void send(Name queue, String body) {
        sqs.sendMessage(m -> m.queueUrl(url(queue)).messageBody(body));
    }

    @Override
    public void send(Name queue, String body, int delaySeconds) {
        sqs.sendMessage(m -> m.queueUrl(url(queue)).messageBody(body).delaySeconds(delaySeconds));
    }

    private String url(Name queue) {
        var url = switch (queue) {
            case INBOUND -> stack.inboundQueueUrl();
            case OUTBOUND -> stack.outboundQueueUrl();
            case TRANSCODE -> stack.transcodeQueueUrl();
        };
        return url.orElseThrow(() -> new IllegalStateException(
                "no URL configured for the " + queue + " queue (nuage.stack." + queue.name().toLowerCase() + "-queue-url)"));
    }
}
