package org.nuage.core.video;

import java.math.BigInteger;

/**
 * PeerTube's short UUID of a video ({@code shortUUID}, used in {@code /w/...} links): the UUID's 128
 * bits in the flickrBase58 alphabet, left-padded to 22 characters, as npm's {@code short-uuid} makes it.
 */
public final class ShortUuid {

    private static final String ALPHABET = "123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final BigInteger BASE = BigInteger.valueOf(ALPHABET.length());
    /** ceil(128 / log2(58)): the longest a 128-bit number gets in base 58. */
    private static final int LENGTH = 22;

    private ShortUuid() {
    }

    public static String of(String uuid) {
        String hex = uuid.replace("-", "");
        if (!hex.matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("not a UUID: " + uuid);
        }
        BigInteger value = new BigInteger(hex, 16);
        StringBuilder digits = new StringBuilder();
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(BASE);
            digits.append(ALPHABET.charAt(qr[1].intValue()));
            value = qr[0];
        }
        while (digits.length() < LENGTH) {
            digits.append(ALPHABET.charAt(0));
        }
        return digits.reverse().toString();
    }
}
