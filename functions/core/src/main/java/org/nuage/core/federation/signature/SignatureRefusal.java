package org.nuage.core.federation.signature;

import org.nuage.core.Refusal;

/**
 * A request whose HTTP signature we do not accept, with the precise reason and the status to
 * answer: 400 when the request cannot be read, 401 when it does not prove who sent it.
 *
 * <p>403 is left to the caller, for a signature that is good but whose key may not do what the
 * request asks (its owner is not the activity's actor, its domain is blocked).
 */
public final class SignatureRefusal extends Refusal {

    /** Why a signature was refused; each reason has one status. */
    public enum Reason {
        /** Neither {@code Signature} nor {@code Signature-Input} is present. */
        UNSIGNED(401),
        /** A signature header, a parameter or a signed value that cannot be parsed or is too long. */
        MALFORMED(400),
        /** A signature algorithm or digest algorithm we do not implement. */
        UNSUPPORTED_ALGORITHM(401),
        /** An RFC 9421 component we cannot compute (for example {@code @query-param}). */
        UNSUPPORTED_COMPONENT(401),
        /** The signature leaves out something we require it to cover. */
        INSUFFICIENT_COVERAGE(401),
        /** A header the signature covers is not in the request. */
        MISSING_COMPONENT(400),
        /** {@code Date} or {@code created} is too far from our clock. */
        OUTSIDE_TIME_WINDOW(401),
        /** The signature's {@code expires} time has passed. */
        EXPIRED(401),
        /** {@code Digest} or {@code Content-Digest} does not match the body received. */
        DIGEST_MISMATCH(401),
        /** No key is known for the signature's key id. */
        UNKNOWN_KEY(401),
        /** The key found cannot check this signature (not RSA, or an unreasonable size). */
        UNUSABLE_KEY(401),
        /** The signature does not verify with the key. */
        BAD_SIGNATURE(401);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;

    public SignatureRefusal(Reason reason, String message) {
        super(reason.status(), message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * A value from the request, cut to a length fit for a message: key ids and header names come
     * from the sender and can be kilobytes long.
     */
    public static String shown(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200) + "…";
    }

    @Override
    public String toString() {
        return "SignatureRefusal[" + reason + " " + status() + ": " + getMessage() + "]";
    }
}
