package dev.gatehouse.testkit.oidc;

/**
 * Ways the fake provider's next ID tokens can be wrong, each one a check of OpenID Connect Core's
 * ID token validation (https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation)
 * or of JWS (RFC 7515) that a relying party must make.
 */
public enum Misbehaviour {
    /** {@code iss} is another issuer than the one discovered. */
    WRONG_ISSUER,
    /** {@code aud} names another client only. */
    WRONG_AUDIENCE,
    /** {@code aud} names this client and another one, without {@code azp}. */
    SEVERAL_AUDIENCES_WITHOUT_AZP,
    /** {@code azp} names another client. */
    WRONG_AUTHORIZED_PARTY,
    /** {@code exp} ten minutes ago. */
    EXPIRED,
    /** {@code iat} ten minutes from now. */
    ISSUED_IN_THE_FUTURE,
    /** {@code nonce} is not the one of the authorization request. */
    WRONG_NONCE,
    /** No {@code nonce} at all. */
    NO_NONCE,
    /** The signature is made with a key the JWKS does not hold, under a kid it does hold. */
    BAD_SIGNATURE,
    /** The header names a kid that is in no JWKS the fake ever serves. */
    UNKNOWN_KID,
    /** {@code alg: none} and no signature. */
    ALG_NONE,
    /** {@code alg: HS256}, keyed with the client secret (the classic algorithm confusion). */
    HS256
}
