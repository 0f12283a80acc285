package dev.gatehouse.routing;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Each deployment's requests and tokens in the current minute (a fixed window by the clock's
 * minute, as upstreams count theirs), known to this process only.
 */
public final class InMemoryCapacity implements DeploymentCapacity {

    private final Clock clock;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    public InMemoryCapacity(Clock clock) {
        this.clock = clock;
    }

    public InMemoryCapacity() {
        this(Clock.systemUTC());
    }

    /** One deployment's minute: the window's number and what it has used. Guarded by its own lock. */
    private static final class Window {
        long minute = Long.MIN_VALUE;
        long requests;
        long tokens;

        void roll(long now) {
            if (now != minute) {
                minute = now;
                requests = 0;
                tokens = 0;
            }
        }
    }

    @Override
    public Optional<Lease> tryTake(String deploymentId, Limits limits, long estimatedTokens) {
        Window window = windows.computeIfAbsent(deploymentId, id -> new Window());
        long minute = currentMinute();
        synchronized (window) {
            window.roll(minute);
            if (limits.rpm() != null && window.requests + 1 > limits.rpm()) {
                return Optional.empty();
            }
            if (limits.tpm() != null && window.tokens + estimatedTokens > limits.tpm()) {
                return Optional.empty();
            }
            window.requests++;
            window.tokens += estimatedTokens;
        }
        return Optional.of(actual -> {
            synchronized (window) {
                if (window.minute == minute) { // a lease settled in a later minute corrects nothing
                    window.tokens += actual - estimatedTokens;
                }
            }
        });
    }

    @Override
    public Headroom headroom(String deploymentId, Limits limits) {
        Window window = windows.computeIfAbsent(deploymentId, id -> new Window());
        synchronized (window) {
            window.roll(currentMinute());
            return new Headroom(limits.rpm() == null ? Long.MAX_VALUE : Math.max(0, limits.rpm() - window.requests),
                    limits.tpm() == null ? Long.MAX_VALUE : Math.max(0, limits.tpm() - window.tokens));
        }
    }

    private long currentMinute() {
        return Math.floorDiv(clock.millis(), 60_000L);
    }
}
