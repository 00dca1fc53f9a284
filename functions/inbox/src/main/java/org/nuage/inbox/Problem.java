package org.nuage.inbox;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.nuage.core.federation.InboxResponse;

/** Inbox answers as RFC 9457 problem details (PeerTube answers errors the same way). */
final class Problem {

    private Problem() {
    }

    static Response response(InboxResponse answer) {
        if (answer.isAccepted()) {
            return Response.accepted(Map.of("status", 202, "detail", answer.message()))
                    .type("application/json").build();
        }
        return Response.status(answer.status())
                .entity(Map.of("type", "about:blank", "title", Response.Status.fromStatusCode(answer.status()) == null
                        ? "Error" : Response.Status.fromStatusCode(answer.status()).getReasonPhrase(),
                        "status", answer.status(), "detail", answer.message()))
                .type("application/problem+json").build();
    }
}
