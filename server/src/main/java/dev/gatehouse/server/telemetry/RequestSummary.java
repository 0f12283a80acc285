package dev.gatehouse.server.telemetry;

import dev.gatehouse.api.Usage;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.RouteTrace;
import java.math.BigDecimal;
import java.util.List;

/**
 * What one request did, as told once when it ends to every observer (the access log, the
 * metrics, the request's trace span). Built by the request's exchange; every field comes from
 * the server's own configuration and code or from the upstream's answer, never from free text
 * in the request (a model name is one the caller asked for, checked against the configuration
 * before it counts as served).
 *
 * @param requestId       the request's id ({@code x-request-id})
 * @param route           the route's name in metrics and spend rows ({@code chat}, {@code admin}, …)
 * @param status          the HTTP status the caller got
 * @param clientAddress   the caller's address as the connection shows it
 * @param durationNanos   the request's whole time, from its arrival until it was answered
 * @param upstreamNanos   the time spent waiting on and reading upstreams
 * @param firstTokenNanos the time to a stream's first event; null for an answer that was not streamed
 * @param errorType       the OpenAI error type of a failure; null on success
 * @param model           what a model route did; null on other routes and for a request refused before it
 *                        was read
 */
public record RequestSummary(String requestId, String route, int status, String clientAddress, long durationNanos,
        long upstreamNanos, Long firstTokenNanos, String errorType, ModelRequest model) {

    /** The gateway's own time: the whole time minus the time upstream. */
    public long overheadNanos() {
        return Math.max(0, durationNanos - upstreamNanos);
    }

    /**
     * What a request on a model route did.
     *
     * @param keyId       the virtual key's id; null when the key was not accepted
     * @param teamId      its team's id; null without a team
     * @param model       the public model name asked for; null before the request was read
     * @param deployment  the deployment that served (or was tried last); null when none was tried
     * @param attempts    attempts sent upstream
     * @param failures    the attempts that failed, in order
     * @param fallback    the model that served when it was a fallback of the one asked for; else null
     * @param usage       the tokens used, as the provider reported or as counted; null when unknown
     * @param costUsd     the request's cost in US dollars; null when the price or the usage is unknown
     * @param cache       what the response cache did ({@code hit}, {@code miss}); null when no cache applies
     * @param stream      whether the answer was streamed
     * @param genAi       the request's and answer's GenAI facts, for traces
     */
    public record ModelRequest(String keyId, String teamId, String model, Deployment deployment, int attempts,
            List<RouteTrace.Failure> failures, String fallback, Usage usage, BigDecimal costUsd, String cache,
            boolean stream, GenAiFacts genAi) {

        public ModelRequest {
            failures = List.copyOf(failures);
        }
    }
}
