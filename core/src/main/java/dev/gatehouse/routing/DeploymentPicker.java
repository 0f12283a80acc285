package dev.gatehouse.routing;

import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Picks the deployment of a group an attempt goes to: skips those cooling down, at their rpm/tpm
 * capacity or their requests in flight, and those whose half-open probe another request holds;
 * prefers deployments not yet tried for the request; among the rest the group's {@link Strategy}
 * scores each, and ties (every deployment, under weighted random) are drawn at random by weight.
 */
final class DeploymentPicker implements DeploymentSignals {

    private final Map<String, DeploymentHealth> health;
    private final Map<String, Double> pricePerMillion = new LinkedHashMap<>();
    private final Cooldowns cooldowns;
    private final DeploymentCapacity capacity;
    private final Clock clock;
    private final RandomGenerator random;

    DeploymentPicker(Map<String, DeploymentHealth> health, List<Group> groups, Function<Deployment, ModelPrice> prices,
            Cooldowns cooldowns, DeploymentCapacity capacity, Clock clock, RandomGenerator random) {
        this.health = health;
        this.cooldowns = cooldowns;
        this.capacity = capacity;
        this.clock = clock;
        this.random = random;
        for (Group group : groups) {
            for (Deployment deployment : group.deployments()) {
                ModelPrice price = prices.apply(deployment);
                if (price != null && price.inputPerMillion() != null && price.outputPerMillion() != null) {
                    pricePerMillion.put(deployment.id(),
                            price.inputPerMillion().add(price.outputPerMillion()).doubleValue());
                }
            }
        }
    }

    /**
     * A deployment of {@code group} for the next attempt, with its place in flight and capacity
     * taken; deployments in {@code excluded} are never picked, those in {@code tried} only when no
     * other is left. {@code tokens} is asked for only by a deployment with a tokens-per-minute limit.
     */
    Choice choose(Group group, Set<String> tried, Set<String> excluded, LongSupplier tokens) {
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
                DeploymentCapacity.Lease lease = Choice.NO_LEASE;
                if (!limits.unlimited()) {
                    // Tokens are estimated only for a tokens-per-minute limit: requests per minute need no count.
                    Optional<DeploymentCapacity.Lease> taken = capacity.tryTake(deployment.id(), limits,
                            limits.tpm() == null ? 0 : tokens.getAsLong());
                    if (taken.isEmpty()) {
                        state.ended();
                        state.releaseProbe();
                        atCapacity = true;
                        continue;
                    }
                    lease = taken.get();
                }
                return Choice.of(deployment, lease, state);
            }
        }
        if (atCapacity) {
            // A full minute's window frees at the next minute; a place in flight as soon as a request ends.
            Duration freeIn = inFlightFull ? Duration.ofSeconds(1)
                    : Duration.ofMillis(60_000 - Math.floorMod(clock.millis(), 60_000L));
            return Choice.none(freeIn, true);
        }
        return Choice.none(earliest == null ? null : Duration.between(now, earliest), false);
    }

    static DeploymentCapacity.Limits limits(Deployment deployment) {
        return deployment.rpm() == null && deployment.tpm() == null ? DeploymentCapacity.Limits.NONE
                : new DeploymentCapacity.Limits(deployment.rpm(), deployment.tpm());
    }

    /** One deployment of {@code pool} by {@code strategy}; drained deployments only when nothing else is left. */
    Deployment pick(List<Deployment> pool, Strategy strategy) {
        List<Deployment> weighted = pool.stream().filter(d -> d.weight() > 0).toList();
        List<Deployment> from = weighted.isEmpty() ? pool : weighted;
        return strategy.ranks() ? lowest(from, strategy) : weightedRandom(from);
    }

    /** The deployment with the lowest score; ties broken by weighted random. */
    private Deployment lowest(List<Deployment> pool, Strategy strategy) {
        double best = Double.POSITIVE_INFINITY;
        List<Deployment> ties = new ArrayList<>();
        for (Deployment deployment : pool) {
            double value = strategy.score(deployment, this);
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

    @Override
    public int inFlight(Deployment deployment) {
        return health.get(deployment.id()).inFlight();
    }

    @Override
    public double latencyMillis(Deployment deployment) {
        return health.get(deployment.id()).latencyMillis();
    }

    @Override
    public double headroom(Deployment deployment) {
        DeploymentCapacity.Limits limits = limits(deployment);
        if (limits.unlimited()) {
            return 1;
        }
        DeploymentCapacity.Headroom left = capacity.headroom(deployment.id(), limits);
        double requests = limits.rpm() == null ? 1 : (double) left.requests() / limits.rpm();
        double tokens = limits.tpm() == null ? 1 : (double) left.tokens() / limits.tpm();
        return Math.min(requests, tokens);
    }

    @Override
    public double pricePerMillion(Deployment deployment) {
        return pricePerMillion.getOrDefault(deployment.id(), Double.POSITIVE_INFINITY);
    }
}
