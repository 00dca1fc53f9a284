package org.nuage.core.federation.signature;

import static org.nuage.core.federation.signature.SignatureRefusal.Reason.DIGEST_MISMATCH;
import static org.nuage.core.federation.signature.SignatureRefusal.Reason.MALFORMED;
import static org.nuage.core.federation.signature.SignatureRefusal.Reason.UNSUPPORTED_ALGORITHM;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two body-digest headers: {@code Digest} (RFC 3230, {@code SHA-256=<base64>}), which
 * draft-cavage signers send, and {@code Content-Digest} (RFC 9530, {@code sha-256=:<base64>:}),
 * which RFC 9421 signers send. Always computed over the raw bytes received.
 */
final class BodyDigests {

    /** A few algorithms with 88-character values fit easily; more is not a digest header. */
    static final int MAX_HEADER_LENGTH = 1024;

    /** The algorithms we compute, keyed by their name in both registries (lower-cased). */
    private static final Map<String, String> ALGORITHMS = Map.of("sha-256", "SHA-256", "sha-512", "SHA-512");

    private BodyDigests() {
    }

    static String digestHeader(byte[] body) {
        return "SHA-256=" + base64(hash("SHA-256", body));
    }

    static String contentDigestHeader(byte[] body) {
        return "sha-256=:" + base64(hash("SHA-256", body)) + ":";
    }

    /**
     * Checks a {@code Digest} header: every algorithm we know must match, and there must be one.
     * Names are case-insensitive (RFC 3230 section 4.1.1).
     */
    static void checkDigest(String header, byte[] body) {
        checkLength("Digest", header);
        List<String> offered = new ArrayList<>();
        int checked = 0;
        for (String entry : header.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new SignatureRefusal(MALFORMED, "Digest entry '" + trimmed + "' is not algorithm=value");
            }
            String name = trimmed.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            offered.add(name);
            String jcaName = ALGORITHMS.get(name);
            if (jcaName == null) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(trimmed.substring(equals + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new SignatureRefusal(MALFORMED, "Digest " + name.toUpperCase(Locale.ROOT) + " value is not base64");
            }
            compare("Digest", name, hash(jcaName, body), given);
            checked++;
        }
        if (checked == 0) {
            throw new SignatureRefusal(UNSUPPORTED_ALGORITHM,
                    "Digest offers " + describe(offered) + "; we check SHA-256 or SHA-512");
        }
    }

    /** Checks a {@code Content-Digest} header (an RFC 8941 dictionary of byte sequences) the same way. */
    static void checkContentDigest(String header, byte[] body) {
        checkLength("Content-Digest", header);
        Map<String, Object> dictionary;
        try {
            dictionary = StructuredFields.parseDictionary(header);
        } catch (StructuredFields.ParseException e) {
            throw new SignatureRefusal(MALFORMED, "Content-Digest is not a structured dictionary: " + e.getMessage());
        }
        int checked = 0;
        for (Map.Entry<String, Object> entry : dictionary.entrySet()) {
            String jcaName = ALGORITHMS.get(entry.getKey());
            if (jcaName == null) {
                continue;
            }
            if (!(entry.getValue() instanceof StructuredFields.Item item)
                    || !(item.value() instanceof StructuredFields.ByteSequence given)) {
                throw new SignatureRefusal(MALFORMED, "Content-Digest " + entry.getKey() + " is not a byte sequence");
            }
            compare("Content-Digest", entry.getKey(), hash(jcaName, body), given.value());
            checked++;
        }
        if (checked == 0) {
            throw new SignatureRefusal(UNSUPPORTED_ALGORITHM, "Content-Digest offers "
                    + describe(new ArrayList<>(dictionary.keySet())) + "; we check sha-256 or sha-512");
        }
    }

    private static void compare(String header, String name, byte[] computed, byte[] given) {
        if (!MessageDigest.isEqual(computed, given)) {
            throw new SignatureRefusal(DIGEST_MISMATCH, header + " " + name + " does not match the body: computed "
                    + base64(computed) + ", given " + base64(given));
        }
    }

    private static void checkLength(String header, String value) {
        if (value.length() > MAX_HEADER_LENGTH) {
            throw new SignatureRefusal(MALFORMED, header + " is " + value.length() + " characters long; the limit is "
                    + MAX_HEADER_LENGTH);
        }
    }

    private static String describe(List<String> names) {
        return names.isEmpty() ? "no algorithm" : String.join(", ", names);
    }

    private static byte[] hash(String algorithm, byte[] body) {
        try {
            return MessageDigest.getInstance(algorithm).digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
