package dev.gatehouse.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this instance knows of one deployment: requests in flight, a moving average of its
 * latency, its recent failures, and whether it is being probed after a cooldown. Thread-safe.
 *
 * <p>Half-open: once a deployment this instance saw cooling down comes back, the first request
 * to pick it is its probe and the others pass it over until the probe has answered. A success
 * brings it back; a failure cools it down again at once.
 */
final class DeploymentHealth {

    /** Weight of the newest sample in the latency average. */
    private static final double ALPHA = 0.2;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder attempts = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder cooldowns = new LongAdder();
    private final Deque<Instant> recentFailures = new ArrayDeque<>();
    private final AtomicBoolean needsProbe = new AtomicBoolean();
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile double latencyMillis = Double.NaN;
    private volatile Instant lastCooldownEnd;

    int inFlight() {
        return inFlight.get();
    }

    /** The moving average in milliseconds; NaN until the first success. */
    double latencyMillis() {
        return latencyMillis;
    }

    long attempts() {
        return attempts.sum();
    }

    long failures() {
        return failures.sum();
    }

    long cooldowns() {
        return cooldowns.sum();
    }

    /** Notes that the shared cooldowns say it is out until {@code end}: it will be probed when it comes back. */
    void sawCooling(Instant end) {
        lastCooldownEnd = end;
        needsProbe.set(true);
    }

    /** Whether a request may be sent now: not while another request is its probe. */
    boolean open() {
        return !(needsProbe.get() && probing.get());
    }

    /** Claims the probe if one is due; false when another request holds it. */
    boolean claim() {
        return !needsProbe.get() || probing.compareAndSet(false, true);
    }

    /** Whether its cooldown is over and the next request to pick it will be its probe. */
    boolean probeDue() {
        return needsProbe.get() && !probing.get();
    }

    /** Whether the request that claimed it is its probe. */
    boolean isProbing() {
        return needsProbe.get() && probing.get();
    }

    /**
     * Takes a place among its requests in flight, unless {@code max} of them are already there
     * (null: no limit); false when it is full. The place is given back with {@link #ended()}.
     */
    boolean enter(Integer max) {
        while (true) {
            int now = inFlight.get();
            if (max != null && now >= max) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Counts an attempt; its place in flight was taken with {@link #enter}. */
    void started() {
        attempts.increment();
    }

    void ended() {
        inFlight.decrementAndGet();
    }

    void succeeded(long nanos) {
        double millis = nanos / 1e6;
        synchronized (this) {
            double before = latencyMillis;
            latencyMillis = Double.isNaN(before) ? millis : before + ALPHA * (millis - before);
            recentFailures.clear();
        }
        if (needsProbe.get()) {
            needsProbe.set(false);
            probing.set(false);
        }
    }

    /**
     * Counts a failure at {@code now}; true when it is one too many, so the deployment should cool
     * down (always true for a failed probe).
     */
    boolean failed(Instant now, int allowed, Duration window) {
        failures.increment();
        boolean probe = isProbing();
        synchronized (this) {
            recentFailures.addLast(now);
            Instant oldest = now.minus(window);
            while (!recentFailures.isEmpty() && recentFailures.peekFirst().isBefore(oldest)) {
                recentFailures.removeFirst();
            }
            if (probe || recentFailures.size() >= allowed) {
                recentFailures.clear();
                return true;
            }
            return false;
        }
    }

    /** Records that it was taken out (and, if this was its probe, releases the probe for the next period). */
    void cooledDown(Instant end) {
        cooldowns.increment();
        lastCooldownEnd = end;
        needsProbe.set(true);
        probing.set(false);
    }

    /** Releases a probe that ended without telling anything (a caller's own error, a cancel). */
    void releaseProbe() {
        probing.set(false);
    }

    Instant lastCooldownEnd() {
        return lastCooldownEnd;
    }
}
