package org.nuage.localstack.runner;

/** Lambda refused an invocation because its payload is over the synchronous limit (RequestEntityTooLargeException). */
public final class PayloadTooLargeException extends RuntimeException {

    PayloadTooLargeException(String function, int size, int limit) {
        super(function + ": request payload of " + size + " bytes exceeds Lambda's limit of " + limit
                + " bytes for synchronous invocations");
    }
}
