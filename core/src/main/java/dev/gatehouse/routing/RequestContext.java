package dev.gatehouse.routing;

import dev.gatehouse.http.UpstreamClock;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What belongs to one request as it passes through the gateway, handed along explicitly: when it
 * started, the deadline its caller set (if any), what routing did ({@link RouteTrace}), and the
 * time it spent waiting on upstreams ({@link UpstreamClock}). A server makes one when a request
 * arrives, so that its deadline and its overhead count from then; a library call makes its own.
 */
public final class RequestContext {

    private final long startNanos;
    private final long deadlineNanos;
    private final RouteTrace trace = new RouteTrace();
    private final UpstreamClock upstream = new UpstreamClock();
    private RequestObserver observer = RequestObserver.NONE;
    /** The request's input tokens once estimated; -1 until then. */
    private long inputTokens = -1;

    private RequestContext(long startNanos, long deadlineNanos) {
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
    }

    /** A request starting now, bounded by the routing settings' deadline only. */
    public static RequestContext start() {
        return new RequestContext(System.nanoTime(), Long.MAX_VALUE);
    }

    /** A request that started at {@code startNanos} (a {@link System#nanoTime()} value: when a server read it). */
    public static RequestContext startedAt(long startNanos) {
        return new RequestContext(startNanos, Long.MAX_VALUE);
    }

    /** A request starting now that must be answered within {@code within} (or the routing deadline, if sooner). */
    public static RequestContext startWithin(Duration within) {
        long now = System.nanoTime();
        return new RequestContext(now, now + within.toNanos());
    }

    /** {@link System#nanoTime()} when the request started. */
    public long startNanos() {
        return startNanos;
    }

    /** The deadline as a {@link System#nanoTime()} value: the caller's, or {@code budget} from the start if sooner. */
    public long deadlineNanos(Duration budget) {
        return Math.min(deadlineNanos, startNanos + budget.toNanos());
    }

    /** What routing did for this request. */
    public RouteTrace trace() {
        return trace;
    }

    /** The time this request has spent on upstreams. */
    public UpstreamClock upstream() {
        return upstream;
    }

    /** Who hears the request's attempts as they happen (a server's traces); {@link RequestObserver#NONE} unless set. */
    public RequestObserver observer() {
        return observer;
    }

    /** Lets {@code value} hear the request's attempts and upstream calls; set before the request is routed. */
    public RequestContext observer(RequestObserver value) {
        this.observer = java.util.Objects.requireNonNull(value, "observer");
        return this;
    }

    /**
     * The request's input tokens, estimated by {@code estimate} the first time they are asked for
     * and remembered: admission and routing's tokens-per-minute capacity ask for the same count,
     * and estimating walks the whole request.
     */
    public long inputTokens(LongSupplier estimate) {
        if (inputTokens < 0) {
            inputTokens = estimate.getAsLong();
        }
        return inputTokens;
    }
}
