package dev.gatehouse.routing;

import dev.gatehouse.api.GatewayException;

/** Thrown inside the router only: a group could not serve, and why (which decides the fallback list). */
final class GroupFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient GatewayException error;
    private final FailureKind kind;

    GroupFailed(GatewayException error, FailureKind kind) {
        super(null, null, false, false); // control flow: no stack trace to fill
        this.error = error;
        this.kind = kind;
    }

    /** The last attempt's failure, for the caller when no fallback serves. */
    GatewayException error() {
        return error;
    }

    FailureKind kind() {
        return kind;
    }
}
