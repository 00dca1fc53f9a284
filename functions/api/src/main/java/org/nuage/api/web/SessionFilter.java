package org.nuage.api.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import org.jboss.logging.Logger;
import org.nuage.api.account.Problems;

/**
 * Lets the pages' scripts call the REST API with the browser's session: a request under
 * {@code /api/} without an {@code Authorization} header but with the session cookie is treated as
 * bearing that token. Reads need nothing more; anything else must repeat the session's CSRF token in
 * {@value WebSession#CSRF_HEADER}, or it is refused, so a form on another site cannot act for the
 * user even where a browser sends the cookie.
 */
@Provider
@PreMatching
public class SessionFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(SessionFilter.class);
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")
                || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            return;
        }
        Cookie session = request.getCookies().get(WebSession.SESSION_COOKIE);
        if (session == null || session.getValue().isBlank()) {
            return;
        }
        if (!SAFE.contains(request.getMethod())
                && !WebSession.validCsrf(session.getValue(), request.getHeaderString(WebSession.CSRF_HEADER))) {
            LOG.infof("refused %s %s: session cookie without a valid %s header", request.getMethod(),
                    request.getUriInfo().getPath(), WebSession.CSRF_HEADER);
            request.abortWith(Problems.problem(403, "a request made with the session cookie needs its "
                    + WebSession.CSRF_HEADER + " header"));
            return;
        }
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + session.getValue());
    }
}
