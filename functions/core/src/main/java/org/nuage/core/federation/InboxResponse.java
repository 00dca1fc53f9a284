package org.nuage.core.federation;

/** The inbox's answer: an HTTP status and a reason a sender's operator can read. */
public record InboxResponse(int status, String message) {

    public static InboxResponse accepted(String message) {
        return new InboxResponse(202, message);
    }

    public static InboxResponse reject(int status, String message) {
        return new InboxResponse(status, message);
    }

    public boolean isAccepted() {
        return status == 202;
    }
}
