/**
 * HTTP signatures for federation: verifying incoming requests (draft-cavage and RFC 9421),
 * signing outgoing ones, and the RSA keys as PEM; and the {@code RsaSignature2017} LD signatures
 * embedded in activities ({@link org.nuage.core.federation.signature.LdSignature}), with the
 * JSON-LD contexts they need served offline. Key fetching is not here: the verifier takes a
 * {@link org.nuage.core.federation.signature.KeyLookup}.
 */
package org.nuage.core.federation.signature;
