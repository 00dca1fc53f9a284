package org.nuage.core.federation.signature;

import static org.nuage.core.federation.signature.SignatureRefusal.Reason.MALFORMED;
import static org.nuage.core.federation.signature.SignatureRefusal.Reason.MISSING_COMPONENT;
import static org.nuage.core.federation.signature.SignatureRefusal.Reason.UNSUPPORTED_COMPONENT;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One signature of RFC 9421 (HTTP Message Signatures), read from {@code Signature-Input} and
 * {@code Signature}: its covered components, its parameters, and the signature base it covers
 * (section 2.5).
 */
final class MessageSignature {

    /** The same bound as for draft-cavage's header, for each of the two fields. */
    static final int MAX_HEADER_LENGTH = CavageSignature.MAX_HEADER_LENGTH;

    /** Derived components we compute (section 2.2). @query-param and @status are not among them. */
    static final Set<String> DERIVED = Set.of("@method", "@target-uri", "@authority", "@scheme",
            "@request-target", "@path", "@query");

    final String label;
    final List<String> components;
    final StructuredFields.InnerList input;
    final byte[] signature;

    private MessageSignature(String label, StructuredFields.InnerList input, byte[] signature) {
        this.label = label;
        this.input = input;
        this.signature = signature;
        this.components = componentNames(input);
    }

    /** A signature about to be made over the components and parameters of {@code input}. */
    static MessageSignature unsigned(String label, StructuredFields.InnerList input) {
        return new MessageSignature(label, input, new byte[0]);
    }

    /**
     * Reads the first signature of {@code Signature-Input} that {@code Signature} has a value for.
     * A request normally carries one; others (say, added by a proxy) are left alone.
     */
    static MessageSignature parse(String signatureInput, String signature) {
        Map<String, Object> inputs = dictionary("Signature-Input", signatureInput);
        Map<String, Object> signatures = dictionary("Signature", signature);
        for (Map.Entry<String, Object> entry : inputs.entrySet()) {
            Object value = signatures.get(entry.getKey());
            if (value == null) {
                continue;
            }
            if (!(entry.getValue() instanceof StructuredFields.InnerList list)) {
                throw new SignatureRefusal(MALFORMED, "Signature-Input " + entry.getKey()
                        + " is not a list of components");
            }
            if (!(value instanceof StructuredFields.Item item)
                    || !(item.value() instanceof StructuredFields.ByteSequence bytes)) {
                throw new SignatureRefusal(MALFORMED, "Signature " + entry.getKey() + " is not a byte sequence");
            }
            return new MessageSignature(entry.getKey(), list, bytes.value());
        }
        throw new SignatureRefusal(MALFORMED, inputs.isEmpty() ? "Signature-Input is empty"
                : "Signature has no value for any label of Signature-Input (" + SignatureRefusal.shown(String.join(", ", inputs.keySet())) + ")");
    }

    private static Map<String, Object> dictionary(String header, String value) {
        if (value.length() > MAX_HEADER_LENGTH) {
            throw new SignatureRefusal(MALFORMED, header + " header is " + value.length()
                    + " characters long; the limit is " + MAX_HEADER_LENGTH);
        }
        try {
            return StructuredFields.parseDictionary(value);
        } catch (StructuredFields.ParseException e) {
            throw new SignatureRefusal(MALFORMED, header + " header cannot be parsed: " + e.getMessage());
        }
    }

    /**
     * Section 2.5: the identifiers must be strings, lower-case, each at most once, and never
     * {@code @signature-params}. Component parameters ({@code ;sf}, {@code ;key}, {@code ;bs},
     * {@code ;req}, {@code ;name}) are not supported, nor derived components beyond {@link #DERIVED}.
     */
    private static List<String> componentNames(StructuredFields.InnerList input) {
        if (input.items().size() > CavageSignature.MAX_COVERED) {
            throw new SignatureRefusal(MALFORMED, "Signature-Input covers more than " + CavageSignature.MAX_COVERED
                    + " components");
        }
        List<String> names = new ArrayList<>();
        for (StructuredFields.Item item : input.items()) {
            if (!(item.value() instanceof String name)) {
                throw new SignatureRefusal(MALFORMED, "Signature-Input lists a component that is not a string");
            }
            if (!name.equals(name.toLowerCase(Locale.ROOT)) || name.isEmpty()) {
                throw new SignatureRefusal(MALFORMED, "component \"" + SignatureRefusal.shown(name) + "\" is not a lower-case name");
            }
            if (name.equals("@signature-params")) {
                throw new SignatureRefusal(MALFORMED, "@signature-params cannot be a covered component");
            }
            if (names.contains(name)) {
                throw new SignatureRefusal(MALFORMED, "component \"" + SignatureRefusal.shown(name) + "\" is covered twice");
            }
            if (!item.parameters().isEmpty()) {
                throw new SignatureRefusal(UNSUPPORTED_COMPONENT, "component \"" + SignatureRefusal.shown(name) + "\" has parameters ("
                        + String.join(", ", item.parameters().keySet()) + "), which we do not support");
            }
            if (name.startsWith("@") && !DERIVED.contains(name)) {
                throw new SignatureRefusal(UNSUPPORTED_COMPONENT, "derived component " + SignatureRefusal.shown(name)
                        + " is not supported; we compute " + String.join(", ", DERIVED.stream().sorted().toList()));
            }
            if (!name.startsWith("@") && !name.chars().allMatch(c -> StructuredFields.isTokenChar((char) c))) {
                throw new SignatureRefusal(MALFORMED, "component \"" + SignatureRefusal.shown(name) + "\" is not a header name");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    Optional<Object> parameter(String name) {
        return Optional.ofNullable(input.parameters().get(name));
    }

    /**
     * The signature base: one {@code "name": value} line per component, then the
     * {@code "@signature-params"} line, which re-serialises the parsed input (section 2.3).
     */
    String signatureBase(HttpMessage request) {
        StringBuilder base = new StringBuilder();
        for (String name : components) {
            String value = componentValue(name, request);
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new SignatureRefusal(MALFORMED, "the value of \"" + name + "\" holds a line break");
            }
            base.append(StructuredFields.serializeBareItem(name)).append(": ").append(value).append('\n');
        }
        return base.append("\"@signature-params\": ").append(StructuredFields.serialize(input)).toString();
    }

    static String componentValue(String name, HttpMessage request) {
        return switch (name) {
            case "@method" -> request.method();
            case "@target-uri" -> request.target().getScheme().toLowerCase(Locale.ROOT) + "://"
                    + authority(request) + request.requestTarget();
            case "@authority" -> authority(request);
            case "@scheme" -> request.target().getScheme().toLowerCase(Locale.ROOT);
            case "@request-target" -> request.requestTarget();
            case "@path" -> request.path();
            case "@query" -> "?" + Optional.ofNullable(request.target().getRawQuery()).orElse("");
            default -> request.header(name).map(String::trim).orElseThrow(() -> new SignatureRefusal(
                    MISSING_COMPONENT, "Signature-Input covers \"" + SignatureRefusal.shown(name) + "\" but the request has no such header"));
        };
    }

    /** Section 2.2.3: host lower-cased, the port only when not the scheme's default. */
    private static String authority(HttpMessage request) {
        return request.authority().toLowerCase(Locale.ROOT);
    }
}
