package dev.gatehouse.routing;

import dev.gatehouse.provider.Deployment;

/**
 * What routing did for one request: how many attempts were sent upstream, the deployment of
 * the last one (the one that served, when the request succeeded), and the model that served
 * it when that is a fallback. Filled in by the gateway on the request's thread and read by
 * the caller afterwards (the server's response headers and spend row).
 */
public final class RouteTrace {

    private int attempts;
    private Deployment deployment;
    private String fallback;
    private java.util.List<String> dropped = java.util.List.of();

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
    public java.util.List<String> dropped() {
        return dropped;
    }

    /** Records the fields left out for the attempt under way. */
    public void dropped(java.util.List<String> paths) {
        dropped = java.util.List.copyOf(paths);
    }

    void attempt(Deployment value, String askedModel) {
        attempts++;
        deployment = value;
        fallback = value.model().equals(askedModel) ? null : value.model();
    }
}
