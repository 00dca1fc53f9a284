package org.nuage.core.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which addresses Nuage may send a request to on someone else's word. A remote actor names the
 * URLs we fetch (its key, its inbox, its outbox); without this check it could make a function
 * read the cloud's metadata service (169.254.169.254 gives out the function's credentials) or
 * reach services on the private network or on the machine itself.
 *
 * @param allowLoopback whether 127.0.0.0/8 and ::1 are allowed: only for the local runner and
 *     tests, where every instance lives on loopback
 */
public record AddressPolicy(boolean allowLoopback) {

    /** Production: only public unicast addresses. */
    public static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(false);

    /** The reason {@code address} may not be contacted, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            Optional<Inet4Address> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                // ::ffff:127.0.0.1 and friends reach the IPv4 address they carry.
                return refusal(embedded.get()).map(r -> r + " (inside the IPv6 address " + v6.getHostAddress() + ")");
            }
            if (v6.isLoopbackAddress()) {
                return allowLoopback ? Optional.empty() : Optional.of("a loopback address");
            }
            if (v6.isAnyLocalAddress()) {
                return Optional.of("the unspecified address");
            }
            if (v6.isLinkLocalAddress()) {
                return Optional.of("a link-local address");
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("a unique-local (private) address");
            }
            if (v6.isSiteLocalAddress()) {
                return Optional.of("a site-local (private) address");
            }
            if (v6.isMulticastAddress()) {
                return Optional.of("a multicast address");
            }
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (address.isLoopbackAddress()) {
            return allowLoopback ? Optional.empty() : Optional.of("a loopback address");
        }
        if (first == 0) {
            return Optional.of("an address of \"this network\" (0.0.0.0/8)");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address (the cloud metadata service lives there)");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (first == 100 && second >= 64 && second < 128) {
            return Optional.of("a carrier-grade NAT (shared private) address");
        }
        if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
            return Optional.of("an IETF protocol address (192.0.0.0/24)");
        }
        if (first == 198 && (second == 18 || second == 19)) {
            return Optional.of("a benchmarking address (198.18.0.0/15)");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (first >= 240) {
            return Optional.of("a reserved or broadcast address");
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address an IPv6 address stands for: IPv4-mapped ({@code ::ffff:a.b.c.d}),
     * IPv4-compatible ({@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::/96}) and 6to4 ({@code 2002::/16}).
     */
    static Optional<Inet4Address> embeddedIpv4(byte[] b) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0
                && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1));
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0 && b[8] == 0 && b[9] == 0 && b[10] == 0 && b[11] == 0;
        if (mapped || compatible || nat64) {
            return Optional.of(v4(b[12], b[13], b[14], b[15]));
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Optional.of(v4(b[2], b[3], b[4], b[5]));
        }
        return Optional.empty();
    }

    private static Inet4Address v4(byte a, byte b, byte c, byte d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
