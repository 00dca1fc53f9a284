package org.nuage.core.federation.signature;

import static org.nuage.core.federation.signature.SignatureRefusal.Reason.MALFORMED;
import static org.nuage.core.federation.signature.SignatureRefusal.Reason.MISSING_COMPONENT;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code Signature} header of draft-cavage-http-signatures-12 (section 4.1), parsed: its
 * parameters and the signing string it covers (section 2.3).
 */
final class CavageSignature {

    /**
     * A 4096-bit RSA signature is 684 base64 characters and a key id is a URL: 8 KB is several
     * times what a real header needs, and bounds what a hostile one can make us parse.
     */
    static final int MAX_HEADER_LENGTH = 8192;

    /** keyId, algorithm, created, expires, headers, signature: a few more are tolerated and ignored. */
    private static final int MAX_PARAMETERS = 16;

    /** Far more than any signer covers; a longer list is an attempt to make us work. */
    static final int MAX_COVERED = 32;

    static final String REQUEST_TARGET = "(request-target)";
    static final String CREATED = "(created)";
    static final String EXPIRES = "(expires)";

    final String keyId;
    final Optional<String> algorithm;
    final List<String> headers;
    final Optional<String> created;
    final Optional<String> expires;
    final byte[] signature;

    private CavageSignature(Map<String, String> parameters) {
        keyId = required(parameters, "keyid", "keyId");
        algorithm = Optional.ofNullable(parameters.get("algorithm")).map(a -> a.toLowerCase(Locale.ROOT));
        String signed = parameters.get("headers");
        if (signed == null) {
            // What section 2.1.6 says to assume without a headers parameter: (created) in draft 12,
            // date before it. Mastodon picks by algorithm, as here. Either fails our coverage rules.
            signed = algorithm.orElse("hs2019").equals("hs2019") ? CREATED : "date";
        }
        headers = coveredHeaders(signed);
        created = Optional.ofNullable(parameters.get("created"));
        expires = Optional.ofNullable(parameters.get("expires"));
        String encoded = required(parameters, "signature", "signature");
        try {
            signature = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new SignatureRefusal(MALFORMED, "Signature parameter 'signature' is not base64");
        }
    }

    static CavageSignature parse(String header) {
        if (header.length() > MAX_HEADER_LENGTH) {
            throw new SignatureRefusal(MALFORMED, "Signature header is " + header.length()
                    + " characters long; the limit is " + MAX_HEADER_LENGTH);
        }
        return new CavageSignature(parameters(header));
    }

    /**
     * The section 4.1 grammar: {@code name=value} pairs separated by commas, each value a token or
     * a quoted string. Names are case-insensitive, as for any HTTP auth-param (RFC 9110 section
     * 11.2); a name given twice is refused rather than guessed at.
     */
    private static Map<String, String> parameters(String header) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int at = 0;
        int length = header.length();
        while (true) {
            at = skipWhitespaceAndCommas(header, at);
            if (at >= length) {
                break;
            }
            int nameStart = at;
            while (at < length && StructuredFields.isTokenChar(header.charAt(at))) {
                at++;
            }
            if (at == nameStart) {
                throw malformed("a parameter name was expected", header, at);
            }
            String name = header.substring(nameStart, at);
            at = skipWhitespace(header, at);
            if (at >= length || header.charAt(at) != '=') {
                throw malformed("'=' was expected after '" + name + "'", header, at);
            }
            at = skipWhitespace(header, at + 1);
            StringBuilder value = new StringBuilder();
            if (at < length && header.charAt(at) == '"') {
                int opened = at++;
                boolean closed = false;
                while (at < length) {
                    char c = header.charAt(at++);
                    if (c == '"') {
                        closed = true;
                        break;
                    }
                    if (c == '\\' && at < length) {
                        c = header.charAt(at++);
                    }
                    if ((c < 0x20 && c != '\t') || c == 0x7f) {
                        throw malformed("a control character inside '" + name + "'", header, at - 1);
                    }
                    value.append(c);
                }
                if (!closed) {
                    throw malformed("the quoted value of '" + name + "' is not closed", header, opened);
                }
            } else {
                int valueStart = at;
                while (at < length && StructuredFields.isTokenChar(header.charAt(at))) {
                    at++;
                }
                if (at == valueStart) {
                    throw malformed("a value was expected for '" + name + "'", header, at);
                }
                value.append(header, valueStart, at);
            }
            String key = name.toLowerCase(Locale.ROOT);
            if (parameters.containsKey(key)) {
                throw new SignatureRefusal(MALFORMED, "Signature parameter '" + SignatureRefusal.shown(name) + "' is given twice");
            }
            if (parameters.size() == MAX_PARAMETERS) {
                throw new SignatureRefusal(MALFORMED, "Signature has more than " + MAX_PARAMETERS + " parameters");
            }
            parameters.put(key, value.toString());
            at = skipWhitespace(header, at);
            if (at < length && header.charAt(at) != ',') {
                throw malformed("',' was expected after the value of '" + name + "'", header, at);
            }
        }
        return parameters;
    }

    static List<String> coveredHeaders(String signed) {
        List<String> names = new ArrayList<>();
        for (String name : signed.trim().split("[ \t]+")) {
            if (name.isEmpty()) {
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            boolean pseudo = lower.equals(REQUEST_TARGET) || lower.equals(CREATED) || lower.equals(EXPIRES);
            if (!pseudo && !lower.chars().allMatch(c -> StructuredFields.isTokenChar((char) c))) {
                throw new SignatureRefusal(MALFORMED, "Signature covers '" + SignatureRefusal.shown(name) + "', which is neither a header "
                        + "name nor (request-target), (created) or (expires)");
            }
            if (names.contains(lower)) {
                throw new SignatureRefusal(MALFORMED, "Signature covers '" + lower + "' twice");
            }
            if (names.size() == MAX_COVERED) {
                throw new SignatureRefusal(MALFORMED, "Signature covers more than " + MAX_COVERED + " headers");
            }
            names.add(lower);
        }
        return List.copyOf(names);
    }

    /**
     * The signing string: one {@code name: value} line per covered header, in the order listed,
     * joined by newlines. Header values are trimmed; (request-target) is the lower-cased method
     * and the path with its query, as sent.
     */
    String signingString(HttpMessage request) {
        return signingString(headers, created, expires, request);
    }

    static String signingString(List<String> headers, Optional<String> created, Optional<String> expires,
            HttpMessage request) {
        List<String> lines = new ArrayList<>(headers.size());
        for (String name : headers) {
            String value = switch (name) {
                case REQUEST_TARGET -> request.method().toLowerCase(Locale.ROOT) + " " + request.requestTarget();
                case CREATED -> created.orElseThrow(() -> new SignatureRefusal(MALFORMED,
                        "Signature covers (created) but has no created parameter"));
                case EXPIRES -> expires.orElseThrow(() -> new SignatureRefusal(MALFORMED,
                        "Signature covers (expires) but has no expires parameter"));
                default -> request.header(name).map(String::trim).orElseThrow(() -> new SignatureRefusal(
                        MISSING_COMPONENT, "Signature covers '" + name + "' but the request has no such header"));
            };
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new SignatureRefusal(MALFORMED, "the value of '" + name + "' holds a line break");
            }
            lines.add(name + ": " + value);
        }
        return String.join("\n", lines);
    }

    private static String required(Map<String, String> parameters, String key, String name) {
        String value = parameters.get(key);
        if (value == null || value.isBlank()) {
            throw new SignatureRefusal(MALFORMED, "Signature has no " + name + " parameter");
        }
        return value;
    }

    private static int skipWhitespace(String header, int at) {
        while (at < header.length() && (header.charAt(at) == ' ' || header.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }

    private static int skipWhitespaceAndCommas(String header, int at) {
        // RFC 9110 section 5.6.1: recipients accept empty list elements.
        while (at < header.length() && " \t,".indexOf(header.charAt(at)) >= 0) {
            at++;
        }
        return at;
    }

    private static SignatureRefusal malformed(String problem, String header, int at) {
        problem = SignatureRefusal.shown(problem);
        return new SignatureRefusal(MALFORMED, "Signature header cannot be parsed: " + problem + " at character "
                + (at + 1));
    }
}
