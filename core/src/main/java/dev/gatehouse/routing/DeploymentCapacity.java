package dev.gatehouse.routing;

import java.util.Optional;

/**
 * The requests and tokens a deployment has used in the current minute, against its rpm/tpm
 * capacity (the upstream's own limits, so that Gatehouse stays under them). A gateway keeps
 * this in memory; a server with several instances shares it (through Redis), so N instances
 * together stay under one deployment's limits.
 *
 * <p>Implementations are thread-safe; each take is atomic (no read-then-write race between
 * instances).
 */
public interface DeploymentCapacity {

    /**
     * Takes one request and {@code estimatedTokens} tokens from the deployment's current minute
     * if both fit under {@code limits}; empty, with nothing taken, when either would go over.
     */
    Optional<Lease> tryTake(String deploymentId, Limits limits, long estimatedTokens);

    /** What is left of the deployment's current minute (for the most-headroom strategy). */
    Headroom headroom(String deploymentId, Limits limits);

    /** A deployment's requests and tokens per minute; a null field is unlimited. */
    record Limits(Integer rpm, Long tpm) {
        public static final Limits NONE = new Limits(null, null);

        public boolean unlimited() {
            return rpm == null && tpm == null;
        }
    }

    /** Requests and tokens left in the current minute; {@link Long#MAX_VALUE} where unlimited. */
    record Headroom(long requests, long tokens) {}

    /** One taken request, corrected to the tokens it really used once they are known. */
    interface Lease {
        void settle(long actualTokens);
    }
}
