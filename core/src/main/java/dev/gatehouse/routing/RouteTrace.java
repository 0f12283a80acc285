package dev.gatehouse.routing;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.provider.Deployment;
import java.util.ArrayList;
import java.util.List;

/**
 * What routing did for one request: how many attempts were sent upstream, the deployment of
 * the last one (the one that served, when the request succeeded), the model that served it
 * when that is a fallback, and the attempts that failed. Filled in by the gateway on the
 * request's thread and read by the caller afterwards (the server's response headers, spend row
 * and budget).
 */
public final class RouteTrace {

    /** An attempt that failed, on the deployment it was sent to. */
    public record Failure(Deployment deployment, GatewayException error) {
        /** Whether the upstream may bill this attempt ({@link GatewayException#upstreamMayBill()}). */
        public boolean billable() {
            return error.upstreamMayBill();
        }
    }

    private int attempts;
    private Deployment deployment;
    private String fallback;
    private List<String> dropped = List.of();
    private final List<Failure> failures = new ArrayList<>(0);

    /** Attempts sent upstream so far. */
    public int attempts() {
        return attempts;
    }

    /** The deployment of the latest attempt, or null before any. */
    public Deployment deployment() {
        return deployment;
    }

    /** The model that served, when it was a fallback of the one asked for; else null. */
    public String fallback() {
        return fallback;
    }

    /**
     * The request fields left out for the latest attempt's deployment, which drops what its
     * upstream does not take (for the {@code x-gatehouse-dropped} header); empty when none.
     */
    public List<String> dropped() {
        return dropped;
    }

    /** Records the fields left out for the attempt under way. */
    public void dropped(List<String> paths) {
        dropped = List.copyOf(paths);
    }

    /** The attempts that failed, in order (the last one too when the request failed). */
    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    void attempt(Deployment value, String askedModel) {
        attempts++;
        deployment = value;
        fallback = value.model().equals(askedModel) ? null : value.model();
    }

    void failed(Deployment value, GatewayException error) {
        failures.add(new Failure(value, error));
    }
}
