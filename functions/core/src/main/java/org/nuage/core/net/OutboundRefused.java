package org.nuage.core.net;

/** A URL Nuage will not contact, with the reason: a scheme, a host that resolves nowhere safe, a redirect there. */
public final class OutboundRefused extends RuntimeException {

    public OutboundRefused(String message) {
        super(message);
    }
}
