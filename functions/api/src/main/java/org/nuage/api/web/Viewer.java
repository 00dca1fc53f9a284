package org.nuage.api.web;

import java.util.Optional;

/**
 * Who is looking at a page: the signed-in username, if any, and the CSRF token their forms and
 * scripts must send (empty when nobody is signed in).
 */
public record Viewer(Optional<String> username, String csrf) {

    public static final Viewer ANONYMOUS = new Viewer(Optional.empty(), "");

    public boolean signedIn() {
        return username.isPresent();
    }
}
