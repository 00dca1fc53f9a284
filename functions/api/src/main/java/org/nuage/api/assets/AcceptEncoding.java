package org.nuage.api.assets;

import java.util.Locale;

/**
 * Whether a client's {@code Accept-Encoding} (RFC 9110, section 12.5.3) lets us send gzip. The one
 * coding we produce is gzip; the other answer is always the body as is, with no
 * {@code Content-Encoding} header at all: {@code identity} is the absence of a coding, and a client
 * that reads a header naming it next to another coding leaves the body compressed.
 */
public final class AcceptEncoding {

    /**
     * The weight of {@code identity} when the client names neither it nor {@code *}: still acceptable
     * (RFC 9110 says so), but below any coding the client did name, so {@code gzip;q=0.5} alone
     * gets gzip.
     */
    private static final double UNNAMED_IDENTITY = 0.001;

    private AcceptEncoding() {
    }

    /**
     * True when gzip is acceptable to the client and at least as welcome as no coding. No header
     * means no gzip: RFC 9110 would allow any coding then, but clients that send none (scripts,
     * old libraries) are the ones least likely to inflate.
     */
    public static boolean prefersGzip(String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        double gzip = -1;
        double identity = -1;
        double any = -1;
        for (String element : header.split(",")) {
            String[] parts = element.split(";");
            String coding = parts[0].strip().toLowerCase(Locale.ROOT);
            double weight = weight(parts);
            if (coding.isEmpty() || Double.isNaN(weight)) {
                // A malformed element says nothing reliable; the rest of the header still counts.
                continue;
            }
            switch (coding) {
                case "gzip", "x-gzip" -> gzip = Math.max(gzip, weight);
                case "identity" -> identity = weight;
                case "*" -> any = weight;
                default -> {
                    // Codings we never produce (br, deflate, zstd) do not matter.
                }
            }
        }
        double gzipWeight = gzip >= 0 ? gzip : Math.max(any, 0);
        double identityWeight = identity >= 0 ? identity : any >= 0 ? any : UNNAMED_IDENTITY;
        return gzipWeight > 0 && gzipWeight >= identityWeight;
    }

    /** The element's {@code q} parameter (1 when absent), or NaN when it is not a valid weight. */
    private static double weight(String[] parts) {
        double weight = 1;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int eq = parameter.indexOf('=');
            if (eq < 0 || !parameter.substring(0, eq).strip().equalsIgnoreCase("q")) {
                continue;
            }
            String value = parameter.substring(eq + 1).strip();
            // RFC 9110's qvalue: 0 to 1 with at most three decimals.
            if (!value.matches("0(\\.\\d{0,3})?|1(\\.0{0,3})?")) {
                return Double.NaN;
            }
            weight = Double.parseDouble(value);
        }
        return weight;
    }
}
