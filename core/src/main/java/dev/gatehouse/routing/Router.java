package dev.gatehouse.routing;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Sends each request to a deployment of its model and keeps it going when deployments fail:
 * picks one by the group's {@link Strategy}, retries retryable failures (on another deployment
 * of the group where there is one, else on the same after a backoff with full jitter), cools
 * failing deployments down through {@link Cooldowns}, keeps under each deployment's rpm/tpm
 * through {@link DeploymentCapacity}, and moves on to the model's fallbacks when its group is
 * used up. A deadline bounds it all.
 *
 * <p>A model served by one deployment is never cooled down (as in LiteLLM): there is nowhere
 * else to send its requests, and refusing them all for a while would turn one failure into
 * many. It is retried after a backoff (and no sooner than a retry-after), like any deployment
 * tried a second time.
 *
 * <p>What is not retried: a request the upstream refused as invalid (400, 404), which would
 * fail the same way anywhere; context-length and content-policy refusals go to their own
 * fallback lists instead, or to the caller.
 */
public final class Router {

    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    /** Sleeps between attempts; tests pass one that does not. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The work of one attempt. */
    @FunctionalInterface
    public interface Call<T> {
        T call(Attempt attempt);
    }

    private static final DeploymentCapacity.Lease NO_LEASE = tokens -> {};

    private final Map<String, Group> groups;
    private final Map<String, DeploymentHealth> health = new LinkedHashMap<>();
    private final Map<String, Double> pricePerMillion = new LinkedHashMap<>();
    private final RoutingSettings settings;
    private final Fallbacks fallbacks;
    private final Cooldowns cooldowns;
    private final DeploymentCapacity capacity;
    private final RoutingListener listener;
    private final Clock clock;
    private final RandomGenerator random;
    private final Sleeper sleeper;

    public Router(List<Group> groups, RoutingSettings settings, Fallbacks fallbacks, Cooldowns cooldowns,
            DeploymentCapacity capacity, Function<Deployment, ModelPrice> prices, RoutingListener listener,
            Clock clock, RandomGenerator random, Sleeper sleeper) {
        Map<String, Group> byModel = new LinkedHashMap<>();
        for (Group group : groups) {
            byModel.put(group.model(), group);
            for (Deployment deployment : group.deployments()) {
                if (health.put(deployment.id(), new DeploymentHealth()) != null) {
                    throw new IllegalArgumentException("deployment id '" + deployment.id() + "' is used twice");
                }
                ModelPrice price = prices.apply(deployment);
                if (price != null && price.inputPerMillion() != null && price.outputPerMillion() != null) {
                    pricePerMillion.put(deployment.id(),
                            price.inputPerMillion().add(price.outputPerMillion()).doubleValue());
                }
            }
        }
        for (String model : fallbacks.named()) {
            if (!byModel.containsKey(model)) {
                throw new IllegalArgumentException("fallbacks name the model '" + model + "', which has no deployment");
            }
        }
        this.groups = java.util.Collections.unmodifiableMap(byModel); // configuration order, for status()
        this.settings = settings;
        this.fallbacks = fallbacks;
        this.cooldowns = cooldowns;
        this.capacity = capacity;
        this.listener = listener;
        this.clock = clock;
        this.random = random;
        this.sleeper = sleeper;
    }

    /** This instance's state of one deployment (tests read it). */
    DeploymentHealth health(String deploymentId) {
        return health.get(deploymentId);
    }

    /**
     * A health check: {@code call} on the deployment {@code deploymentId} alone, once, without
     * retries. Its outcome counts like a request's (failures towards a cooldown; a success ends a
     * half-open state). Rethrows the failure.
     */
    public <T> T check(String deploymentId, Call<T> call) {
        Deployment deployment = deployment(deploymentId);
        boolean lone = lone(groups.get(deployment.model()));
        health.get(deployment.id()).enter(null); // a health check is one request, whatever the limit
        try {
            return attempt(deployment, NO_LEASE, deployment.model(), new RouteTrace(), call,
                    System.nanoTime() + settings.deadline().toNanos(), lone);
        } catch (GatewayException error) {
            failed(deployment, error, lone);
            throw error;
        }
    }

    /** The deployment with this id; IllegalArgumentException when there is none. */
    public Deployment deployment(String deploymentId) {
        for (Group group : groups.values()) {
            for (Deployment deployment : group.deployments()) {
                if (deployment.id().equals(deploymentId)) {
                    return deployment;
                }
            }
        }
        throw new IllegalArgumentException("no deployment '" + deploymentId + "'");
    }

    /** The group serving {@code model}, or null. */
    public Group group(String model) {
        return groups.get(model);
    }

    /**
     * Runs {@code call} on a deployment of {@code model}, retrying and falling back as needed;
     * {@code trace} is told every attempt. Throws the last failure when nothing could serve it.
     *
     * @param estimatedTokens the request's tokens as far as they can be told before it is sent (tpm capacity)
     */
    public <T> T route(String model, long estimatedTokens, RouteTrace trace, Call<T> call) {
        return route(model, () -> estimatedTokens, trace, call);
    }

    /**
     * As {@link #route(String, long, RouteTrace, Call)}, with the estimate worked out only when a
     * deployment with a tokens-per-minute capacity is tried, and then once: most requests never
     * need it, and estimating walks the whole request.
     */
    public <T> T route(String model, LongSupplier estimatedTokens, RouteTrace trace, Call<T> call) {
        Group group = groups.get(model);
        if (group == null) {
            throw GatewayException.NotFound.model(model);
        }
        long deadline = System.nanoTime() + settings.deadline().toNanos();
        LongSupplier tokens = once(estimatedTokens);
        Iterator<String> general = fallbacks.general().getOrDefault(model, List.of()).iterator();
        Iterator<String> contextWindow = fallbacks.contextWindow().getOrDefault(model, List.of()).iterator();
        Iterator<String> contentPolicy = fallbacks.contentPolicy().getOrDefault(model, List.of()).iterator();
        while (true) {
            try {
                return routeGroup(group, model, tokens, trace, call, deadline);
            } catch (GroupFailed failed) {
                Iterator<String> next = switch (failed.kind) {
                    case CONTEXT_WINDOW -> contextWindow;
                    case CONTENT_POLICY -> contentPolicy;
                    case RETRYABLE -> general;
                    case FINAL -> null;
                };
                String fallback = next == null ? null : nextAllowed(next, trace);
                if (fallback == null || System.nanoTime() >= deadline) {
                    throw failed.error;
                }
                group = groups.get(fallback);
            }
        }
    }

    /** The next model of {@code list} the request may use (the others are noted as skipped), or null. */
    private static String nextAllowed(Iterator<String> list, RouteTrace trace) {
        while (list.hasNext()) {
            String model = list.next();
            if (trace.mayFallBackTo(model)) {
                return model;
            }
        }
        return null;
    }

    /** How a group's attempts ended without an answer, which decides the fallback list to use. */
    private enum Kind { RETRYABLE, CONTEXT_WINDOW, CONTENT_POLICY, FINAL }

    /** Thrown inside the router only: a group could not serve, and why. */
    private static final class GroupFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient GatewayException error;
        private final Kind kind;

        GroupFailed(GatewayException error, Kind kind) {
            super(null, null, false, false);
            this.error = error;
            this.kind = kind;
        }
    }

    /** {@code supplier}'s value, asked for once, on first use. */
    private static LongSupplier once(LongSupplier supplier) {
        long[] value = {-1};
        return () -> value[0] >= 0 ? value[0] : (value[0] = supplier.getAsLong());
    }

    private <T> T routeGroup(Group group, String asked, LongSupplier tokens, RouteTrace trace, Call<T> call,
            long deadline) {
        Set<String> tried = new HashSet<>();
        // Deployments that must not be tried again for this request: their credential was refused.
        Set<String> excluded = new HashSet<>();
        int attemptsLeft = settings.retries() + 1;
        int waits = 0;
        int again = 0;
        GatewayException last = null;
        while (attemptsLeft > 0) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new GroupFailed(last != null ? last : new GatewayException.UpstreamTimeout(
                        "The request's deadline passed before model '" + group.model() + "' could answer.", null),
                        Kind.FINAL);
            }
            Choice choice = choose(group, tried, excluded, tokens);
            if (choice.deployment == null) {
                Duration wait = choice.availableIn;
                if (wait != null && waits <= settings.retries() && wait.compareTo(settings.backoffMax()) <= 0
                        && wait.toNanos() < remaining) {
                    waits++;
                    sleep(wait); // honors a retry-after: the deployment cools down exactly that long
                    continue;
                }
                throw new GroupFailed(last != null ? last : choice.refusal(group.model()), Kind.RETRYABLE);
            }
            Deployment deployment = choice.deployment;
            if (!tried.add(deployment.id())) {
                Duration backoff = backoff(again++);
                Duration after = last == null ? Duration.ZERO : last.retryAfter().orElse(Duration.ZERO);
                if (after.compareTo(backoff) > 0) {
                    backoff = after; // no sooner than the upstream asked
                }
                if (backoff.toNanos() >= remaining || backoff.compareTo(settings.backoffMax()) > 0) {
                    choice.cancel();
                    throw new GroupFailed(last, Kind.RETRYABLE);
                }
                try {
                    sleep(backoff);
                } catch (RuntimeException interrupted) {
                    choice.cancel();
                    throw interrupted;
                }
            }
            attemptsLeft--;
            try {
                return attempt(deployment, choice.lease, asked, trace, call, deadline, lone(group));
            } catch (GatewayException error) {
                last = error;
                if (error instanceof GatewayException.Authentication || error instanceof GatewayException.PermissionDenied
                        || error instanceof GatewayException.RateLimited limited && !limited.retryable()) {
                    excluded.add(deployment.id()); // the same credential would be refused again
                }
                Kind kind = failed(deployment, error, lone(group));
                if (kind != Kind.RETRYABLE) {
                    throw new GroupFailed(error, kind);
                }
            }
        }
        throw new GroupFailed(last, Kind.RETRYABLE);
    }

    private static boolean lone(Group group) {
        return group.deployments().size() == 1;
    }

    private <T> T attempt(Deployment deployment, DeploymentCapacity.Lease lease, String asked, RouteTrace trace,
            Call<T> call, long deadline, boolean lone) {
        DeploymentHealth state = health.get(deployment.id());
        state.started();
        listener.attempt(deployment);
        trace.attempt(deployment, asked);
        long start = System.nanoTime();
        Duration left = Duration.ofNanos(Math.max(1, deadline - start));
        Attempt attempt = new Attempt(deployment.boundedBy(left), new Tracking(deployment, state, lease, lone));
        T result;
        try {
            result = call.call(attempt);
        } catch (GatewayException e) {
            attempt.done();
            trace.failed(deployment, e);
            throw e;
        } catch (RuntimeException | Error e) {
            attempt.done();
            state.releaseProbe();
            throw e;
        }
        state.succeeded(System.nanoTime() - start);
        if (!attempt.detached()) {
            attempt.done();
        }
        return result;
    }

    /** Records a failed attempt against its deployment, and says what the router does next. */
    private Kind failed(Deployment deployment, GatewayException error, boolean lone) {
        listener.failure(deployment, error);
        DeploymentHealth state = health.get(deployment.id());
        Instant now = clock.instant();
        switch (error) {
            case GatewayException.ContextLengthExceeded e -> {
                state.releaseProbe();
                return Kind.CONTEXT_WINDOW;
            }
            case GatewayException.ContentFiltered e -> {
                state.releaseProbe();
                return Kind.CONTENT_POLICY;
            }
            case GatewayException.Authentication e -> {
                credentialRefused(deployment, state, now, "refused the credential of", lone);
                return Kind.RETRYABLE;
            }
            case GatewayException.PermissionDenied e -> {
                credentialRefused(deployment, state, now, "refused permission to", lone);
                return Kind.RETRYABLE;
            }
            case GatewayException.RateLimited limited -> {
                Optional<Duration> after = limited.retryAfter();
                if (after.isPresent() && !after.get().isZero()) {
                    state.failed(now, Integer.MAX_VALUE, settings.failureWindow());
                    if (!lone) {
                        coolDown(deployment, state, now.plus(after.get()), RoutingListener.Reason.RATE_LIMITED);
                    }
                } else {
                    countFailure(deployment, state, now, lone);
                }
                return Kind.RETRYABLE;
            }
            default -> {
                if (!error.retryable()) {
                    state.releaseProbe();
                    return Kind.FINAL;
                }
                countFailure(deployment, state, now, lone);
                return Kind.RETRYABLE;
            }
        }
    }

    /** The upstream refused the deployment's credential: reported (never the credential itself) and taken out for long. */
    private void credentialRefused(Deployment deployment, DeploymentHealth state, Instant now, String what,
            boolean lone) {
        state.failed(now, Integer.MAX_VALUE, settings.failureWindow());
        LOG.log(System.Logger.Level.WARNING, () -> "the upstream " + what + " deployment " + deployment.id() + " ("
                + deployment.provider() + ", " + deployment.upstreamModel() + ")" + (lone
                        ? "; it is its model's only deployment"
                        : "; it is out of routing for " + settings.authCooldown().toSeconds() + " s"));
        if (!lone) {
            coolDown(deployment, state, now.plus(settings.authCooldown()), RoutingListener.Reason.CREDENTIAL_REFUSED);
        }
    }

    private void countFailure(Deployment deployment, DeploymentHealth state, Instant now, boolean lone) {
        if (state.failed(now, settings.allowedFails(), settings.failureWindow()) && !lone) {
            coolDown(deployment, state, now.plus(settings.cooldown()), RoutingListener.Reason.FAILURES);
        }
    }

    private void coolDown(Deployment deployment, DeploymentHealth state, Instant until, RoutingListener.Reason reason) {
        cooldowns.coolDown(deployment.id(), until);
        state.cooledDown(until);
        listener.cooldown(deployment, until, reason);
    }

    /** Full jitter: a random wait between 0 and the exponential bound (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
    Duration backoff(int round) {
        long base = settings.backoffBase().toNanos();
        long bound = round >= 30 ? Long.MAX_VALUE : base << round;
        long capped = Math.min(bound <= 0 ? Long.MAX_VALUE : bound, settings.backoffMax().toNanos());
        return Duration.ofNanos(capped <= 0 ? 0 : random.nextLong(capped + 1));
    }

    private void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException.UpstreamTimeout("Interrupted while waiting to try the request again.", e);
        }
    }

    /**
     * The deployment picked, with its capacity lease and its place in flight (in {@code state}); or
     * none, with when one may be free again.
     */
    private record Choice(Deployment deployment, DeploymentCapacity.Lease lease, Duration availableIn,
            boolean atCapacity, DeploymentHealth state, DeploymentHealth probe) {
        /** Gives back what choosing took, for a deployment that will not be attempted after all. */
        void cancel() {
            lease.settle(0);
            state.ended();
            if (probe != null) {
                probe.releaseProbe();
            }
        }

        GatewayException refusal(String model) {
            if (atCapacity) {
                return new GatewayException.RateLimited("Every deployment of model '" + model
                        + "' is at its capacity (requests or tokens per minute, or requests in flight).",
                        availableIn, false, null);
            }
            return new GatewayException.UpstreamServerError("Every deployment of model '" + model
                    + "' is cooling down after failures; try again later.", 503, null);
        }
    }


    private Choice choose(Group group, Set<String> tried, Set<String> excluded, LongSupplier tokens) {
        Instant now = clock.instant();
        List<Deployment> fresh = new ArrayList<>();
        List<Deployment> again = new ArrayList<>();
        Instant earliest = null;
        for (Deployment deployment : group.deployments()) {
            if (excluded.contains(deployment.id())) {
                continue;
            }
            DeploymentHealth state = health.get(deployment.id());
            Instant until = cooldowns.coolingUntil(deployment.id(), now);
            if (until != null) {
                state.sawCooling(until);
                earliest = earliest == null || until.isBefore(earliest) ? until : earliest;
            } else if (state.open()) {
                (tried.contains(deployment.id()) ? again : fresh).add(deployment);
            }
        }
        boolean atCapacity = false;
        boolean inFlightFull = false;
        for (List<Deployment> pool : List.of(fresh, again)) {
            while (!pool.isEmpty()) {
                Deployment deployment = pick(pool, group.strategy());
                pool.remove(deployment);
                DeploymentHealth state = health.get(deployment.id());
                if (!state.claim()) {
                    continue;
                }
                if (!state.enter(deployment.maxParallel())) {
                    state.releaseProbe();
                    atCapacity = true;
                    inFlightFull = true;
                    continue;
                }
                DeploymentCapacity.Limits limits = limits(deployment);
                DeploymentCapacity.Lease lease = NO_LEASE;
                if (!limits.unlimited()) {
                    Optional<DeploymentCapacity.Lease> taken = capacity.tryTake(deployment.id(), limits,
                            tokens.getAsLong());
                    if (taken.isEmpty()) {
                        state.ended();
                        state.releaseProbe();
                        atCapacity = true;
                        continue;
                    }
                    lease = taken.get();
                }
                return new Choice(deployment, lease, null, false, state, state.isProbing() ? state : null);
            }
        }
        if (atCapacity) {
            // A full minute's window frees at the next minute; a place in flight as soon as a request ends.
            Duration freeIn = inFlightFull ? Duration.ofSeconds(1)
                    : Duration.ofMillis(60_000 - Math.floorMod(clock.millis(), 60_000L));
            return new Choice(null, NO_LEASE, freeIn, true, null, null);
        }
        return new Choice(null, NO_LEASE, earliest == null ? null : Duration.between(now, earliest), false, null,
                null);
    }

    private static DeploymentCapacity.Limits limits(Deployment deployment) {
        return deployment.rpm() == null && deployment.tpm() == null ? DeploymentCapacity.Limits.NONE
                : new DeploymentCapacity.Limits(deployment.rpm(), deployment.tpm());
    }

    /** One deployment of {@code pool} by {@code strategy}; drained deployments only when nothing else is left. */
    Deployment pick(List<Deployment> pool, Strategy strategy) {
        List<Deployment> weighted = pool.stream().filter(d -> d.weight() > 0).toList();
        List<Deployment> from = weighted.isEmpty() ? pool : weighted;
        return switch (strategy) {
            case WEIGHTED_RANDOM -> weightedRandom(from);
            case LEAST_BUSY -> lowest(from, d -> (double) health.get(d.id()).inFlight());
            case LOWEST_LATENCY -> lowest(from, d -> {
                double latency = health.get(d.id()).latencyMillis();
                return Double.isNaN(latency) ? -1 : latency; // never measured: try it first
            });
            case MOST_HEADROOM -> lowest(from, d -> -headroom(d));
            case LOWEST_COST -> lowest(from, d -> pricePerMillion.getOrDefault(d.id(), Double.POSITIVE_INFINITY));
        };
    }

    /** The deployment with the lowest score; ties broken by weighted random. */
    private Deployment lowest(List<Deployment> pool, java.util.function.ToDoubleFunction<Deployment> score) {
        double best = Double.POSITIVE_INFINITY;
        List<Deployment> ties = new ArrayList<>();
        for (Deployment deployment : pool) {
            double value = score.applyAsDouble(deployment);
            if (value < best) {
                best = value;
                ties.clear();
                ties.add(deployment);
            } else if (value == best) {
                ties.add(deployment);
            }
        }
        return ties.isEmpty() ? weightedRandom(pool) : weightedRandom(ties);
    }

    /** The fraction of the current minute's requests and tokens left, the smaller of the two; 1 when unlimited. */
    private double headroom(Deployment deployment) {
        DeploymentCapacity.Limits limits = limits(deployment);
        if (limits.unlimited()) {
            return 1;
        }
        DeploymentCapacity.Headroom left = capacity.headroom(deployment.id(), limits);
        double requests = limits.rpm() == null ? 1 : (double) left.requests() / limits.rpm();
        double tokens = limits.tpm() == null ? 1 : (double) left.tokens() / limits.tpm();
        return Math.min(requests, tokens);
    }

    private Deployment weightedRandom(List<Deployment> pool) {
        double total = 0;
        for (Deployment deployment : pool) {
            total += deployment.weight();
        }
        if (total <= 0) {
            return pool.get(random.nextInt(pool.size()));
        }
        double at = random.nextDouble() * total;
        for (Deployment deployment : pool) {
            at -= deployment.weight();
            if (at < 0) {
                return deployment;
            }
        }
        return pool.getLast();
    }

    /** Every deployment's state, in configuration order, for the health endpoint. */
    public List<DeploymentStatus> status() {
        Instant now = clock.instant();
        List<DeploymentStatus> all = new ArrayList<>();
        for (Group group : groups.values()) {
            for (Deployment deployment : group.deployments()) {
                DeploymentHealth state = health.get(deployment.id());
                Instant until = cooldowns.coolingUntil(deployment.id(), now);
                String name = until != null ? "cooling_down" : state.probeDue() ? "half_open"
                        : state.isProbing() ? "probing" : "healthy";
                double latency = state.latencyMillis();
                all.add(new DeploymentStatus(deployment.id(), deployment.model(), deployment.provider(), name, until,
                        Double.isNaN(latency) ? null : latency, state.inFlight(), state.attempts(), state.failures(),
                        state.cooldowns()));
            }
        }
        return all;
    }

    /** An attempt's accounting, closed when the attempt ends. */
    final class Tracking {
        private final Deployment deployment;
        private final DeploymentHealth state;
        private final DeploymentCapacity.Lease lease;
        private final boolean lone;

        Tracking(Deployment deployment, DeploymentHealth state, DeploymentCapacity.Lease lease, boolean lone) {
            this.deployment = deployment;
            this.state = state;
            this.lease = lease;
            this.lone = lone;
        }

        void release(long tokens) {
            state.ended();
            if (tokens >= 0) {
                lease.settle(tokens); // unknown (a failure): the estimate stands
            }
        }

        void failedMidway(GatewayException error) {
            listener.failure(deployment, error);
            if (error.retryable()) {
                countFailure(deployment, state, clock.instant(), lone);
            }
        }
    }
}
