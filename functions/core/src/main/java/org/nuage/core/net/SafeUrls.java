package org.nuage.core.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a URL before any request to it: HTTP(S) only, a host, no credentials, and every address
 * the host resolves to allowed by the {@link AddressPolicy}. All addresses, not the first: a host
 * with one public and one private record could otherwise be reached at the private one.
 */
public final class SafeUrls {

    /** Name resolution, replaceable in tests so that names can be made to point anywhere. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    public static final Resolver SYSTEM_DNS = host -> List.of(InetAddress.getAllByName(host));

    private final AddressPolicy policy;
    private final Resolver resolver;

    public SafeUrls(AddressPolicy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /** Returns {@code url} when it may be contacted; throws {@link OutboundRefused} with the reason otherwise. */
    public URI check(URI url) {
        String scheme = Optional.ofNullable(url.getScheme()).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new OutboundRefused("only http and https URLs are fetched, not " + (scheme.isEmpty() ? "'" + url + "'" : scheme));
        }
        if (url.getRawUserInfo() != null) {
            throw new OutboundRefused("URLs with credentials are not fetched: " + url.getHost());
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new OutboundRefused("the URL has no host: " + url);
        }
        List<InetAddress> addresses;
        try {
            // Brackets of an IPv6 literal are URI syntax, not part of the address.
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new OutboundRefused("the host " + host + " does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new OutboundRefused("the host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = policy.refusal(address);
            if (refusal.isPresent()) {
                throw new OutboundRefused("the host " + host + " resolves to " + address.getHostAddress() + ", "
                        + refusal.get() + "; Nuage does not send requests there");
            }
        }
        return url;
    }
}
