package org.nuage.aws.sqs;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.nuage.aws.config.StackConfig;
import org.nuage.core.queue.WorkQueue;
import org.nuage.core.time.SimulatedClock;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link WorkQueue} on SQS: one standard queue per name, URLs from the stack configuration. */
@ApplicationScoped
public class SqsWorkQueue implements WorkQueue {

    private final SqsClient sqs;
    private final StackConfig stack;
    private final Clock clock;

    public SqsWorkQueue(SqsClient sqs, StackConfig stack, Clock clock) {
        this.sqs = sqs;
        this.stack = stack;
        this.clock = clock;
    }

    @Override
    public void send(Name queue, String body) {
        sqs.sendMessage(m -> m.queueUrl(url(queue)).messageBody(body));
    }

    @Override
    public void send(Name queue, String body, int delaySeconds) {
        // Delays are on the instance's clock; a local test's fast clock shortens them alike.
        int realDelay = SimulatedClock.realSeconds(clock, delaySeconds);
        sqs.sendMessage(m -> m.queueUrl(url(queue)).messageBody(body).delaySeconds(realDelay));
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
