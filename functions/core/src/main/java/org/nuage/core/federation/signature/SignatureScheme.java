package org.nuage.core.federation.signature;

/** The two ways of signing an HTTP request that the fediverse uses. */
public enum SignatureScheme {
    /** draft-cavage-http-signatures-12: one {@code Signature} header listing the signed headers. */
    DRAFT_CAVAGE,
    /** RFC 9421 HTTP Message Signatures: {@code Signature-Input} plus {@code Signature}. */
    RFC_9421
}
