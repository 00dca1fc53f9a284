package org.nuage.core.federation.signature;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Signs outgoing requests (deliveries, signed fetches) with an actor's private key: draft-cavage
 * {@code rsa-sha256}, which every fediverse server reads, or RFC 9421 {@code rsa-v1_5-sha256}.
 *
 * <p>Each method returns the headers to add to the request. {@code Host} is signed but not
 * returned: HTTP clients set it themselves, to the target's host and its port unless the
 * default, which is the value signed here.
 */
public final class RequestSigner {

    /** IMF-fixdate (RFC 9110 section 5.6.7): always two digits for the day, always GMT. */
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private static final String LABEL = "sig1";

    private final Clock clock;

    public RequestSigner(Clock clock) {
        this.clock = clock;
    }

    /**
     * draft-cavage {@code rsa-sha256} over {@code (request-target) host date} and, for a POST or a
     * request with a body, {@code digest} and {@code content-type} when there is one: what Mastodon
     * and PeerTube send and require.
     *
     * @return {@code Date}, {@code Digest} when a body is signed, and {@code Signature}
     */
    public Map<String, String> signDraftCavage(HttpMessage request, SigningKey key) {
        List<String> covered = new ArrayList<>(List.of(CavageSignature.REQUEST_TARGET, "host", "date"));
        if (hasBody(request)) {
            covered.add("digest");
            if (request.header("content-type").isPresent()) {
                covered.add("content-type");
            }
        }
        return signDraftCavage(request, key, covered);
    }

    /**
     * draft-cavage over the given list, in its order. {@code Date} and {@code Digest} are made when
     * listed and not already set; {@code (created)} is the clock's time, and then the algorithm is
     * named hs2019, as draft-cavage-12 and Mastodon require.
     */
    public Map<String, String> signDraftCavage(HttpMessage request, SigningKey key, List<String> headers) {
        try {
            return draftCavage(request, key, CavageSignature.coveredHeaders(String.join(" ", headers)));
        } catch (SignatureRefusal e) {
            // A header listed but not set, or a name that is not one: the caller's mistake, not the peer's.
            throw new IllegalArgumentException("cannot sign over " + headers + ": " + e.getMessage(), e);
        }
    }

    private Map<String, String> draftCavage(HttpMessage request, SigningKey key, List<String> covered) {
        if (covered.contains(CavageSignature.EXPIRES)) {
            throw new IllegalArgumentException("(expires) is not offered: nothing we send needs it");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> added = new LinkedHashMap<>();
        if (covered.contains("date") && request.header("date").isEmpty()) {
            added.put("Date", HTTP_DATE.format(now));
        }
        if (covered.contains("digest") && request.header("digest").isEmpty()) {
            added.put("Digest", BodyDigests.digestHeader(request.body()));
        }
        boolean created = covered.contains(CavageSignature.CREATED);
        Optional<String> createdValue = created ? Optional.of(Long.toString(now.getEpochSecond())) : Optional.empty();
        String signingString = CavageSignature.signingString(covered, createdValue, Optional.empty(),
                asSent(request).withHeaders(added));
        byte[] signature = SignatureAlgorithm.RSA_V1_5_SHA256.sign(key.privateKey(),
                signingString.getBytes(StandardCharsets.UTF_8));
        added.put("Signature", "keyId=\"" + key.keyId() + "\""
                + ",algorithm=\"" + (created ? "hs2019" : "rsa-sha256") + "\""
                + createdValue.map(value -> ",created=" + value).orElse("")
                + ",headers=\"" + String.join(" ", covered) + "\""
                + ",signature=\"" + Base64.getEncoder().encodeToString(signature) + "\"");
        return added;
    }

    /**
     * RFC 9421 {@code rsa-v1_5-sha256} over {@code @method @target-uri} and, for a POST or a
     * request with a body, {@code content-digest} and {@code content-type} when there is one;
     * {@code created}, {@code keyid} and {@code alg} as parameters. This covers what Mastodon
     * requires of an RFC 9421 signature.
     *
     * @return {@code Content-Digest} when a body is signed, {@code Signature-Input} and {@code Signature}
     */
    public Map<String, String> signRfc9421(HttpMessage request, SigningKey key) {
        Map<String, String> added = new LinkedHashMap<>();
        List<StructuredFields.Item> components = new ArrayList<>();
        components.add(component("@method"));
        components.add(component("@target-uri"));
        if (hasBody(request)) {
            if (request.header("content-digest").isEmpty()) {
                added.put("Content-Digest", BodyDigests.contentDigestHeader(request.body()));
            }
            components.add(component("content-digest"));
            if (request.header("content-type").isPresent()) {
                components.add(component("content-type"));
            }
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("created", clock.instant().getEpochSecond());
        parameters.put("keyid", key.keyId());
        parameters.put("alg", SignatureAlgorithm.RSA_V1_5_SHA256.label());
        StructuredFields.InnerList input = new StructuredFields.InnerList(components, parameters);
        String base = MessageSignature.unsigned(LABEL, input).signatureBase(asSent(request).withHeaders(added));
        byte[] signature = SignatureAlgorithm.RSA_V1_5_SHA256.sign(key.privateKey(),
                base.getBytes(StandardCharsets.UTF_8));
        added.put("Signature-Input", LABEL + "=" + StructuredFields.serialize(input));
        added.put("Signature", LABEL + "=:" + Base64.getEncoder().encodeToString(signature) + ":");
        return added;
    }

    private static StructuredFields.Item component(String name) {
        return new StructuredFields.Item(name, Map.of());
    }

    private static boolean hasBody(HttpMessage request) {
        return request.body().length > 0 || request.method().equalsIgnoreCase("POST");
    }

    /** The request with the Host header the HTTP client will send, unless the caller set one. */
    private static HttpMessage asSent(HttpMessage request) {
        return request.header("host").isPresent() ? request : request.withHeader("host", request.authority());
    }
}
