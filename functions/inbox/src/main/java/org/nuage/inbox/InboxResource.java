package org.nuage.inbox;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.nuage.core.federation.InboxRequest;
import org.nuage.core.federation.InboxResponse;
import org.nuage.core.federation.InboxService;

/** The shared inbox and the per-actor inboxes; all of them feed the same {@link InboxService}. */
@Path("/")
public class InboxResource {

    private final InboxService inbox;

    public InboxResource(InboxService inbox) {
        this.inbox = inbox;
    }

    @POST
    @Path("inbox")
    public Response sharedInbox(byte[] body, @Context HttpHeaders headers, @Context UriInfo uri) {
        return receive(body, headers, uri);
    }

    @POST
    @Path("accounts/{name}/inbox")
    public Response accountInbox(byte[] body, @Context HttpHeaders headers, @Context UriInfo uri) {
        return receive(body, headers, uri);
    }

    @POST
    @Path("video-channels/{name}/inbox")
    public Response channelInbox(byte[] body, @Context HttpHeaders headers, @Context UriInfo uri) {
        return receive(body, headers, uri);
    }

    private Response receive(byte[] body, HttpHeaders headers, UriInfo uri) {
        Map<String, String> flat = new HashMap<>();
        // Signatures cover headers by lower-cased name; repeated headers are joined as HTTP allows.
        headers.getRequestHeaders().forEach((name, values) ->
                flat.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        InboxResponse answer = inbox.receive(new InboxRequest("POST", "/" + uri.getPath().replaceFirst("^/", ""),
                flat, body == null ? new byte[0] : body));
        return Problem.response(answer);
    }
}
