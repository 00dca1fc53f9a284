package org.nuage.core.video;

import java.math.BigInteger;
import java.util.Optional;
import java.util.UUID;

/**
 * PeerTube's {@code shortUUID}: the 128 bits of a video's UUID written in the Flickr base-58
 * alphabet and left-padded to 22 characters, as npm's {@code short-uuid} does, so that
 * {@code /w/kkGMgK9ZtnKfYAgnEtQxbv} links and clients that send short ids work here too.
 */
public final class ShortUuid {

    /** Flickr's base 58: digits and letters without 0, O, I and l, which read alike. */
    static final String ALPHABET = "123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

    /** 58^22 is the first power of 58 above 2^128. */
    static final int LENGTH = 22;

    private static final BigInteger BASE = BigInteger.valueOf(ALPHABET.length());
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(128);

    private ShortUuid() {
    }

    public static String of(String uuid) {
        BigInteger value = new BigInteger(UUID.fromString(uuid).toString().replace("-", ""), 16);
        StringBuilder digits = new StringBuilder();
        while (value.signum() > 0) {
            BigInteger[] division = value.divideAndRemainder(BASE);
            digits.append(ALPHABET.charAt(division[1].intValue()));
            value = division[0];
        }
        while (digits.length() < LENGTH) {
            digits.append(ALPHABET.charAt(0));
        }
        return digits.reverse().toString();
    }

    /** The UUID a short id stands for, or empty when it is not one. */
    public static Optional<String> toUuid(String shortId) {
        if (shortId == null || shortId.length() != LENGTH) {
            return Optional.empty();
        }
        BigInteger value = BigInteger.ZERO;
        for (char c : shortId.toCharArray()) {
            int digit = ALPHABET.indexOf(c);
            if (digit < 0) {
                return Optional.empty();
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        if (value.compareTo(MAX) >= 0) {
            return Optional.empty();
        }
        String hex = String.format("%032x", value);
        return Optional.of(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20));
    }

    /** A video id as clients send it, a UUID or a short id, as the UUID it names (empty if neither). */
    public static Optional<String> resolve(String id) {
        if (id != null && id.length() == 36) {
            try {
                String canonical = UUID.fromString(id).toString();
                return canonical.equals(id.toLowerCase(java.util.Locale.ROOT)) ? Optional.of(canonical) : Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return toUuid(id);
    }
}
