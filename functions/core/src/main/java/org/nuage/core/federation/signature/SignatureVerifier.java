package org.nuage.core.federation.signature;

import static org.nuage.core.federation.signature.SignatureRefusal.Reason.EXPIRED;
import static org.nuage.core.federation.signature.SignatureRefusal.Reason.INSUFFICIENT_COVERAGE;
import static org.nuage.core.federation.signature.SignatureRefusal.Reason.MALFORMED;
import static org.nuage.core.federation.signature.SignatureRefusal.Reason.OUTSIDE_TIME_WINDOW;
import static org.nuage.core.federation.signature.SignatureRefusal.Reason.UNKNOWN_KEY;
import static org.nuage.core.federation.signature.SignatureRefusal.Reason.UNSIGNED;
import static org.nuage.core.federation.signature.SignatureRefusal.Reason.UNSUPPORTED_ALGORITHM;

import java.math.BigDecimal;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Checks the HTTP signature of an incoming request, in draft-cavage form ({@code Signature}) or
 * RFC 9421 form ({@code Signature-Input} + {@code Signature}), and says precisely why it refuses one.
 *
 * <p>A signature must cover the request target (draft-cavage {@code (request-target)}; RFC 9421
 * {@code @method} with {@code @target-uri}, {@code @request-target} or {@code @path}), the host
 * ({@code host}, {@code @authority} or {@code @target-uri}), a time ({@code date}, draft-cavage
 * {@code (created)} or RFC 9421 {@code created}), and, for a POST or any request with a body,
 * {@code digest} or {@code content-digest}, which must match the raw body.
 */
public final class SignatureVerifier {

    /**
     * Mastodon rejects a Date more than about an hour off, and never one more than 12 hours old
     * (EXPIRATION_WINDOW_LIMIT); we allow 12 hours in both directions, its upper bound, so that a
     * retried delivery or a sender with a poor clock still gets through.
     */
    static final Duration TIME_WINDOW = Duration.ofHours(12);

    /**
     * How long after its {@code expires} a signature is still taken, for the sender's clock may be
     * behind ours: Mastodon's CLOCK_SKEW_MARGIN.
     */
    static final Duration EXPIRY_MARGIN = Duration.ofHours(1);

    /** IMF-fixdate with a two-digit day also parses here; a Date longer than this is not a date. */
    private static final int MAX_DATE_LENGTH = 64;

    private static final Pattern UNIX_SECONDS = Pattern.compile("\\d{1,12}");
    private static final Pattern UNIX_TIME = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");

    private final Clock clock;

    /** The checks, in the order they run; the first that objects refuses the request. */
    private final List<Check> checks = List.of(
            SignatureVerifier::coversTheTarget,
            SignatureVerifier::coversTheHost,
            SignatureVerifier::coversATime,
            SignatureVerifier::coversTheBody,
            SignatureVerifier::hasEveryCoveredComponent,
            this::dateWithinWindow,
            this::createdWithinWindow,
            this::notExpired,
            SignatureVerifier::bodyMatchesDigests);

    public SignatureVerifier(Clock clock) {
        this.clock = clock;
    }

    /** The clock signatures are dated against, so that LD signatures are judged by the same one. */
    public Clock clock() {
        return clock;
    }

    /**
     * Reads the request's signature and runs every check that needs no key.
     *
     * @throws SignatureRefusal with the first reason found
     */
    public RequestSignature read(HttpMessage request) {
        Reading reading = request.header("signature-input").isPresent() ? rfc9421(request) : draftCavage(request);
        for (Check check : checks) {
            check.apply(reading, request);
        }
        return new RequestSignature(reading.scheme, reading.keyId, reading.components, reading.algorithms,
                reading.signedText, reading.signature, reading.created.orElse(reading.date));
    }

    /**
     * Reads the request's signature, runs every check, then verifies it with the key that
     * {@code keys} finds for its key id.
     *
     * @throws SignatureRefusal with the first reason found, {@code UNKNOWN_KEY} when no key is found
     */
    public VerifiedSignature verify(HttpMessage request, KeyLookup keys) {
        RequestSignature signature = read(request);
        PublicKey key = keys.find(signature.keyId()).orElseThrow(() -> new SignatureRefusal(UNKNOWN_KEY,
                "no public key is known for key id " + SignatureRefusal.shown(signature.keyId())));
        return signature.verify(key);
    }

    // --- reading each scheme into the same shape

    private static Reading draftCavage(HttpMessage request) {
        String header = request.header("signature").orElseThrow(() -> new SignatureRefusal(UNSIGNED,
                "the request is not signed: it has no Signature header"));
        CavageSignature signature = CavageSignature.parse(header);
        Reading reading = new Reading(SignatureScheme.DRAFT_CAVAGE, signature.keyId, signature.headers,
                cavageAlgorithms(signature.algorithm), signature.signature, () -> signature.signingString(request));
        List<String> covered = signature.headers;
        reading.coversTarget = covered.contains(CavageSignature.REQUEST_TARGET);
        reading.coversHost = covered.contains("host");
        reading.coversDate = covered.contains("date");
        // draft-cavage-12 section 2.3 says (created) and (expires) go with hs2019 only, and Mastodon
        // refuses them under rsa-sha256. PeerTube signs (created) under rsa-sha256 and accepts it;
        // so do we, since the time is as well protected under either name.
        if (covered.contains(CavageSignature.CREATED)) {
            reading.created = Optional.of(unixTime("created", signature.created, UNIX_SECONDS));
        }
        if (covered.contains(CavageSignature.EXPIRES)) {
            reading.expires = Optional.of(unixTime("expires", signature.expires, UNIX_TIME));
        }
        reading.coversDigest = covered.contains("digest");
        reading.coversContentDigest = covered.contains("content-digest");
        return reading;
    }

    /**
     * draft-cavage's hs2019 leaves the hash to the key. With RSA keys Mastodon means SHA-256 and
     * some others SHA-512 (PKCS#1 v1.5 both); trying both costs one more verification at worst.
     */
    private static List<SignatureAlgorithm> cavageAlgorithms(Optional<String> algorithm) {
        String name = algorithm.orElse("hs2019");
        return switch (name) {
            case "rsa-sha256" -> List.of(SignatureAlgorithm.RSA_V1_5_SHA256);
            case "hs2019" -> List.of(SignatureAlgorithm.RSA_V1_5_SHA256, SignatureAlgorithm.RSA_V1_5_SHA512);
            default -> throw new SignatureRefusal(UNSUPPORTED_ALGORITHM, "signature algorithm '"
                    + SignatureRefusal.shown(name) + "' is not supported; we verify rsa-sha256 and hs2019 (with RSA keys)");
        };
    }

    private static Reading rfc9421(HttpMessage request) {
        String input = request.header("signature-input").orElseThrow();
        String value = request.header("signature").orElseThrow(() -> new SignatureRefusal(MALFORMED,
                "the request has Signature-Input but no Signature header"));
        MessageSignature signature = MessageSignature.parse(input, value);
        Object keyId = signature.parameter("keyid").orElseThrow(() -> new SignatureRefusal(MALFORMED,
                "Signature-Input " + signature.label + " has no keyid parameter"));
        if (!(keyId instanceof String id) || id.isBlank()) {
            throw new SignatureRefusal(MALFORMED, "Signature-Input " + signature.label + " keyid is not a string");
        }
        Reading reading = new Reading(SignatureScheme.RFC_9421, id, signature.components,
                rfc9421Algorithms(signature.parameter("alg")), signature.signature, () -> signature.signatureBase(request));
        List<String> covered = signature.components;
        boolean hasQuery = request.target().getRawQuery() != null;
        reading.coversTarget = covered.contains("@method") && (covered.contains("@target-uri")
                || covered.contains("@request-target")
                || (covered.contains("@path") && (!hasQuery || covered.contains("@query"))));
        // @target-uri holds the authority, so it covers the host as well as @authority does.
        reading.coversHost = covered.contains("host") || covered.contains("@authority")
                || covered.contains("@target-uri");
        reading.coversDate = covered.contains("date");
        reading.created = signature.parameter("created").map(created -> unixSeconds("created", created));
        reading.expires = signature.parameter("expires").map(expires -> unixSeconds("expires", expires));
        reading.coversDigest = covered.contains("digest");
        reading.coversContentDigest = covered.contains("content-digest");
        return reading;
    }

    /**
     * RFC 9421 leaves {@code alg} optional, the algorithm then following from the key; an RSA key
     * may mean either RSA algorithm of its registry, so both are tried, the common one first.
     */
    private static List<SignatureAlgorithm> rfc9421Algorithms(Optional<Object> alg) {
        if (alg.isEmpty()) {
            return List.of(SignatureAlgorithm.RSA_V1_5_SHA256, SignatureAlgorithm.RSA_PSS_SHA512);
        }
        if (alg.get() instanceof String name) {
            if (name.equals(SignatureAlgorithm.RSA_V1_5_SHA256.label())) {
                return List.of(SignatureAlgorithm.RSA_V1_5_SHA256);
            }
            if (name.equals(SignatureAlgorithm.RSA_PSS_SHA512.label())) {
                return List.of(SignatureAlgorithm.RSA_PSS_SHA512);
            }
            throw new SignatureRefusal(UNSUPPORTED_ALGORITHM, "signature algorithm '" + SignatureRefusal.shown(name)
                    + "' is not supported; we verify rsa-v1_5-sha256 and rsa-pss-sha512");
        }
        throw new SignatureRefusal(MALFORMED, "Signature-Input alg is not a string");
    }

    private static Instant unixTime(String name, Optional<String> value, Pattern shape) {
        String text = value.orElseThrow(() -> new SignatureRefusal(MALFORMED,
                "Signature covers (" + name + ") but has no " + name + " parameter"));
        if (!shape.matcher(text).matches()) {
            throw new SignatureRefusal(MALFORMED, "Signature " + name + " parameter '" + SignatureRefusal.shown(text)
                    + "' is not a Unix time");
        }
        BigDecimal seconds = new BigDecimal(text);
        return Instant.ofEpochSecond(seconds.longValue(),
                seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }

    private static Instant unixSeconds(String name, Object value) {
        if (value instanceof Long seconds && seconds >= 0) {
            return Instant.ofEpochSecond(seconds);
        }
        throw new SignatureRefusal(MALFORMED, "Signature-Input " + name + " is not a non-negative integer");
    }

    // --- the checks

    private static void coversTheTarget(Reading reading, HttpMessage request) {
        if (!reading.coversTarget) {
            throw insufficient(reading, reading.scheme == SignatureScheme.DRAFT_CAVAGE
                    ? "(request-target)"
                    : "@method and the target (@target-uri, @request-target, or @path with @query)");
        }
    }

    private static void coversTheHost(Reading reading, HttpMessage request) {
        if (!reading.coversHost) {
            throw insufficient(reading, reading.scheme == SignatureScheme.DRAFT_CAVAGE
                    ? "host" : "the host (host, @authority or @target-uri)");
        }
    }

    private static void coversATime(Reading reading, HttpMessage request) {
        if (!reading.coversDate && reading.created.isEmpty()) {
            throw insufficient(reading, reading.scheme == SignatureScheme.DRAFT_CAVAGE
                    ? "date or (created)" : "date, or a created parameter");
        }
    }

    private static void coversTheBody(Reading reading, HttpMessage request) {
        boolean hasBody = request.body().length > 0 || request.method().equalsIgnoreCase("POST");
        if (hasBody && !reading.coversDigest && !reading.coversContentDigest) {
            throw insufficient(reading, "digest or content-digest, which a " + request.method() + " with a body needs");
        }
    }

    /** Builds the text the signature covers, which fails if a covered header is not in the request. */
    private static void hasEveryCoveredComponent(Reading reading, HttpMessage request) {
        reading.signedText = reading.signedTextBuilder.get();
    }

    private void dateWithinWindow(Reading reading, HttpMessage request) {
        if (!reading.coversDate) {
            return;
        }
        String header = request.header("date").orElseThrow().trim();
        try {
            if (header.length() > MAX_DATE_LENGTH) {
                throw new DateTimeParseException("too long", header, 0);
            }
            reading.date = ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new SignatureRefusal(MALFORMED, "Date '" + SignatureRefusal.shown(header)
                    + "' is not an HTTP date such as 'Sun, 06 Nov 1994 08:49:37 GMT'");
        }
        withinWindow("Date " + header, reading.date);
    }

    private void createdWithinWindow(Reading reading, HttpMessage request) {
        reading.created.ifPresent(created -> withinWindow("created time " + created, created));
    }

    private void withinWindow(String what, Instant time) {
        Instant now = clock.instant();
        Duration offset = Duration.between(now, time);
        if (offset.abs().compareTo(TIME_WINDOW) > 0) {
            throw new SignatureRefusal(OUTSIDE_TIME_WINDOW, what + " is " + describe(offset.abs())
                    + (offset.isNegative() ? " before" : " after") + " our clock (" + now + "); we accept "
                    + TIME_WINDOW.toHours() + " hours either way");
        }
    }

    private void notExpired(Reading reading, HttpMessage request) {
        Instant now = clock.instant();
        reading.expires.ifPresent(expires -> {
            if (now.isAfter(expires.plus(EXPIRY_MARGIN))) {
                throw new SignatureRefusal(EXPIRED, "the signature expired at " + expires + ", "
                        + describe(Duration.between(expires, now)) + " before our clock (" + now + ")");
            }
        });
    }

    private static void bodyMatchesDigests(Reading reading, HttpMessage request) {
        // Both headers are present, or the signing string could not have been built.
        if (reading.coversDigest) {
            BodyDigests.checkDigest(request.header("digest").orElseThrow(), request.body());
        }
        if (reading.coversContentDigest) {
            BodyDigests.checkContentDigest(request.header("content-digest").orElseThrow(), request.body());
        }
    }

    private static SignatureRefusal insufficient(Reading reading, String missing) {
        String covered = reading.components.isEmpty() ? "nothing" : String.join(" ", reading.components);
        return new SignatureRefusal(INSUFFICIENT_COVERAGE, "the signature covers " + covered + " but must also cover "
                + missing);
    }

    private static String describe(Duration duration) {
        if (duration.toDays() >= 2) {
            return duration.toDays() + " days";
        }
        if (duration.toHours() >= 1) {
            return duration.toHours() + " h " + duration.toMinutesPart() + " min";
        }
        return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
    }

    /** A signature on its way through the checks, in the same shape for both schemes. */
    private static final class Reading {
        final SignatureScheme scheme;
        final String keyId;
        final List<String> components;
        final List<SignatureAlgorithm> algorithms;
        final byte[] signature;
        final Supplier<String> signedTextBuilder;
        boolean coversTarget;
        boolean coversHost;
        boolean coversDate;
        boolean coversDigest;
        boolean coversContentDigest;
        Optional<Instant> created = Optional.empty();
        Optional<Instant> expires = Optional.empty();
        String signedText;
        Instant date;

        Reading(SignatureScheme scheme, String keyId, List<String> components, List<SignatureAlgorithm> algorithms,
                byte[] signature, Supplier<String> signedText) {
            this.scheme = scheme;
            this.keyId = keyId;
            this.components = components;
            this.algorithms = algorithms;
            this.signature = signature;
            this.signedTextBuilder = signedText;
        }
    }

    @FunctionalInterface
    private interface Check {
        void apply(Reading reading, HttpMessage request);
    }
}
