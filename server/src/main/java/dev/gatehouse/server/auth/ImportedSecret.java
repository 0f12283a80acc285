package dev.gatehouse.server.auth;

import java.util.Objects;

/**
 * A secret of another gateway that opens an imported key, known only as its SHA-256 hash (the
 * same function as {@link KeyFormat#hash}), with the time it stops working.
 *
 * @param hash     SHA-256 of the whole secret, 64 lowercase hex digits
 * @param notAfter epoch ms from which the secret is refused; imported secrets always end
 */
public record ImportedSecret(String hash, long notAfter) {

    public ImportedSecret {
        Objects.requireNonNull(hash, "hash");
        if (!hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("an imported secret's hash is 64 lowercase hex digits");
        }
    }
}
