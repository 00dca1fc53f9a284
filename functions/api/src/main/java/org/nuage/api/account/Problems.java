package org.nuage.api.account;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.nuage.core.Refusal;

/** Refused requests as RFC 9457 problem details, the way PeerTube reports errors. */
@Provider
public class Problems implements ExceptionMapper<Refusal> {

    @Override
    public Response toResponse(Refusal e) {
        return problem(e.status(), e.getMessage());
    }

    public static Response problem(int status, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "title", known == null ? "Error" : known.getReasonPhrase(),
                        "status", status, "detail", detail))
                .build();
    }
}
