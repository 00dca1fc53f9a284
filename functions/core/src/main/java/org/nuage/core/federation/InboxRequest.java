package org.nuage.core.federation;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A POST to one of our inboxes as it arrived: path, headers (names lower-cased) and raw body. */
public record InboxRequest(String method, String path, Map<String, String> headers, byte[] body) {

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
