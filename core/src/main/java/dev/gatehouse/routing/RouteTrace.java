package dev.gatehouse.routing;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.provider.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What routing did for one request: how many attempts were sent upstream, the deployment of
 * the last one (the one that served, when the request succeeded), the model that served it
 * when that is a fallback, the attempts that failed, and the fallbacks it passed over. It
 * belongs to the request's {@link RequestContext}: filled in by routing and read by the caller
 * afterwards (the server's response headers, spend row and budget).
 *
 * <p>The caller may also say which models the request may be served by ({@link #onlyModels}):
 * a fallback outside them is skipped, as the caller could not have asked for it directly.
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
    private final List<String> droppedByReader = new ArrayList<>(0);
    private final List<Failure> failures = new ArrayList<>(0);
    private final List<String> skipped = new ArrayList<>(0);
    private Predicate<String> allowed = model -> true;

    /** One per request, made by its {@link RequestContext}. */
    RouteTrace() {}

    /** Serves the request only by models {@code allowed} accepts: other fallbacks are skipped. */
    public RouteTrace onlyModels(Predicate<String> value) {
        this.allowed = value;
        return this;
    }

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
     * The request fields that did not reach the upstream (for the {@code x-gatehouse-dropped}
     * header): first those the route's reader left out ({@link #addDropped}), then those left
     * out for the latest attempt's deployment, which drops what its upstream does not take;
     * empty when none.
     */
    public List<String> dropped() {
        if (droppedByReader.isEmpty()) {
            return dropped;
        }
        List<String> all = new ArrayList<>(droppedByReader);
        all.addAll(dropped);
        return List.copyOf(all);
    }

    /** Records the fields left out for the attempt under way; those the reader left out stay. */
    public void dropped(List<String> paths) {
        dropped = List.copyOf(paths);
    }

    /**
     * Adds fields the route's reader left out before routing (a front door that reads another
     * API's request drops what only that API's platform acts on): they did not reach any
     * attempt's upstream, so they are kept whatever each attempt drops besides.
     */
    public void addDropped(List<String> paths) {
        droppedByReader.addAll(paths);
    }

    /** The attempts that failed, in order (the last one too when the request failed). */
    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    /**
     * The deployments of the failed attempts the upstream may bill ({@link Failure#billable}), in
     * order; empty (without a copy) when no attempt failed.
     */
    public List<Deployment> billableFailures() {
        return failures.isEmpty() ? List.of()
                : failures.stream().filter(Failure::billable).map(Failure::deployment).toList();
    }

    /** Fallback models passed over because the request may not use them, in order. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    void attempt(Deployment value, String askedModel) {
        attempts++;
        deployment = value;
        fallback = value.model().equals(askedModel) ? null : value.model();
    }

    void failed(Deployment value, GatewayException error) {
        failures.add(new Failure(value, error));
    }

    /** Whether a fallback to {@code model} may be tried; a model that may not is noted as skipped. */
    boolean mayFallBackTo(String model) {
        if (allowed.test(model)) {
            return true;
        }
        skipped.add(model);
        return false;
    }
}
