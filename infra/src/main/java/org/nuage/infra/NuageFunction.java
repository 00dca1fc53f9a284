package org.nuage.infra;

import org.nuage.core.stack.HttpRoutes;
import org.nuage.core.stack.StackDefinition;

/**
 * The four functions and how Lambda is sized for each: memory (which also buys CPU, one vCPU per
 * 1,769 MB), timeout and {@code /tmp}.
 */
public enum NuageFunction {

    /**
     * Web pages and the REST API behind API Gateway, whose integrations give up after 30 s; 1 GB
     * because a JVM's first requests are CPU-bound and Lambda hands out CPU by memory.
     */
    API(HttpRoutes.DEFAULT_FUNCTION, 1024, 30, 512),

    /** Verifies a signature, writes a row and queues an envelope: small and quick. */
    INBOX(HttpRoutes.INBOX_FUNCTION, 512, 10, 512),

    /** One POST per outbound message and a few reads per inbound one, ten messages a batch. */
    DELIVERY("delivery", 512, StackDefinition.DELIVERY_TIMEOUT_SECONDS, 512),

    /**
     * x264 runs on every vCPU it gets; 3,008 MB (1.7 vCPUs) is the most a new AWS account may give
     * a function until it asks for more. Lambda's longest timeout, and all of {@code /tmp}: a task
     * downloads the whole original (a user may upload up to 10 GiB) next to what it encodes.
     */
    TRANSCODER("transcoder", 3008, StackDefinition.TRANSCODER_TIMEOUT_SECONDS, 10_240);

    private final String id;
    private final int memoryMb;
    private final int timeoutSeconds;
    private final int ephemeralStorageMb;

    NuageFunction(String id, int memoryMb, int timeoutSeconds, int ephemeralStorageMb) {
        this.id = id;
        this.memoryMb = memoryMb;
        this.timeoutSeconds = timeoutSeconds;
        this.ephemeralStorageMb = ephemeralStorageMb;
    }

    /** The module name under {@code functions/} and the suffix of the deployed function's name. */
    public String id() {
        return id;
    }

    public int memoryMb() {
        return memoryMb;
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    public int ephemeralStorageMb() {
        return ephemeralStorageMb;
    }
}
