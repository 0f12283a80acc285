package dev.gatehouse.server.console.oidc;

import java.util.Optional;

/** Where the verifier finds the issuer's key for a token's {@code kid} and {@code alg}. */
interface KeySource {

    /** The key, fetching the issuer's keys again if it is not known (within the source's limits). */
    Optional<Jwk> key(String kid, String alg) throws ProviderUnavailable;
}
