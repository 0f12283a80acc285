package dev.gatehouse.routing;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Sends each request to a deployment of its model and keeps it going when deployments fail: the
 * retry and fallback loop. Each attempt's deployment is picked by {@link DeploymentPicker} (the
 * group's {@link Strategy}, cooldowns, rpm/tpm through {@link DeploymentCapacity}); retryable
 * failures are retried (on another deployment of the group where there is one, else on the same
 * after a backoff with full jitter); what a failure does to its deployment is
 * {@link FailurePolicy}'s; when the group is used up the model's fallbacks are tried. The
 * request's deadline ({@link RequestContext#deadlineNanos}) bounds it all.
 *
 * <p>A model served by one deployment is never cooled down; it is retried after a backoff (and
 * no sooner than a retry-after), like any deployment tried a second time.
 *
 * <p>What is not retried: a request the upstream refused as invalid (400, 404), which would
 * fail the same way anywhere; context-length and content-policy refusals go to their own
 * fallback lists instead, or to the caller.
 */
public final class Router {

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

    private final Map<String, Group> groups;
    /** The wildcard models' groups, most specific pattern first. */
    private final List<Group> patterns;
    private final ModelNames names;
    private final Map<String, DeploymentHealth> health = new LinkedHashMap<>();
    private final RoutingSettings settings;
    private final Fallbacks fallbacks;
    private final Cooldowns cooldowns;
    private final DeploymentPicker picker;
    private final FailurePolicy policy;
    private final Backoff backoff;
    private final RoutingListener listener;
    private final Clock clock;

    public Router(List<Group> groups, RoutingSettings settings, Fallbacks fallbacks, Cooldowns cooldowns,
            DeploymentCapacity capacity, Function<Deployment, ModelPrice> prices, RoutingListener listener,
            Clock clock, RandomGenerator random, Sleeper sleeper) {
        this(groups, ModelNames.NONE, settings, fallbacks, cooldowns, capacity, prices, listener, clock, random, sleeper);
    }

    /**
     * A router that also answers the aliases and wildcard models {@code names} describes: a
     * requested name is its model's group when one is named so, else its alias's, else the most
     * specific wildcard model's that matches it (and whose allowlist admits it).
     */
    public Router(List<Group> groups, ModelNames names, RoutingSettings settings, Fallbacks fallbacks,
            Cooldowns cooldowns, DeploymentCapacity capacity, Function<Deployment, ModelPrice> prices,
            RoutingListener listener, Clock clock, RandomGenerator random, Sleeper sleeper) {
        Map<String, Group> byModel = new LinkedHashMap<>();
        for (Group group : groups) {
            byModel.put(group.model(), group);
            for (Deployment deployment : group.deployments()) {
                if (health.put(deployment.id(), new DeploymentHealth()) != null) {
                    throw new IllegalArgumentException("deployment id '" + deployment.id() + "' is used twice");
                }
            }
        }
        for (String model : fallbacks.named()) {
            if (!byModel.containsKey(model)) {
                throw new IllegalArgumentException("fallbacks name the model '" + model + "', which has no deployment");
            }
        }
        this.groups = Collections.unmodifiableMap(byModel); // configuration order, for status()
        this.patterns = groups.stream().filter(g -> ModelPattern.isPattern(g.model()))
                .sorted(java.util.Comparator.comparing(g -> new ModelPattern(g.model()), ModelPattern.MOST_SPECIFIC_FIRST))
                .toList();
        this.names = names;
        for (Map.Entry<String, String> alias : names.aliases().entrySet()) {
            if (byModel.containsKey(alias.getKey()) || resolve(alias.getValue()) == null) {
                throw new IllegalArgumentException("the alias '" + alias.getKey() + "' must name a served model, and"
                        + " be no model's own name");
            }
        }
        this.settings = settings;
        this.fallbacks = fallbacks;
        this.cooldowns = cooldowns;
        this.picker = new DeploymentPicker(health, groups, prices, cooldowns, capacity, clock, random);
        this.policy = new FailurePolicy(health, settings, cooldowns, listener, clock);
        this.backoff = new Backoff(settings, random, sleeper);
        this.listener = listener;
        this.clock = clock;
    }

    /** This instance's state of one deployment (tests read it). */
    DeploymentHealth health(String deploymentId) {
        return health.get(deploymentId);
    }

    /** How this router picks deployments (tests call it). */
    DeploymentPicker picker() {
        return picker;
    }

    /** How long this router waits before trying a deployment again (tests call it). */
    Backoff backoff() {
        return backoff;
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
        RequestContext context = RequestContext.start();
        try {
            return attempt(deployment, Choice.NO_LEASE, deployment.model(), context, call,
                    context.deadlineNanos(settings.deadline()), lone);
        } catch (GatewayException error) {
            policy.failed(deployment, error, lone);
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

    /**
     * The group serving {@code model}, or null: its own, else its alias's, else the most specific
     * wildcard model's that admits it, with each deployment {@link Deployment#servingAs serving} the
     * requested name (the upstream model in place of the pattern's {@code *}).
     */
    public Group group(String model) {
        String target = names.target(model);
        return resolve(target != null ? target : model);
    }

    /** The model's own group, else a wildcard model's for it; aliases aside. */
    private Group resolve(String model) {
        Group own = groups.get(model);
        if (own != null || model == null || ModelPattern.isPattern(model)) {
            return own; // a wildcard model's own group (what it is configured with), never another's
        }
        Group matched = wildcard(model, model);
        if (matched == null) {
            // LiteLLM's second try: the name with its inferred provider (gpt-4o as openai/gpt-4o).
            String qualified = names.qualified(model).orElse(null);
            matched = qualified == null ? null : wildcard(model, qualified);
        }
        return matched;
    }

    /** The most specific wildcard model's group for {@code requested}, matched as {@code name}; or null. */
    private Group wildcard(String requested, String name) {
        for (Group wildcard : patterns) {
            ModelPattern pattern = new ModelPattern(wildcard.model());
            if (pattern.matches(name) && names.allows(wildcard.model(), name)) {
                return new Group(requested, wildcard.strategy(), wildcard.deployments().stream()
                        .map(d -> d.servingAs(requested, pattern.upstream(d.upstreamModel(), name))).toList());
            }
        }
        return null;
    }

    /** Whether {@code deployment} belongs to a wildcard model (it serves no one name, so it is not health-checked). */
    public static boolean isWildcard(Deployment deployment) {
        return ModelPattern.isPattern(deployment.model());
    }

    /** Every deployment's state, in configuration order, for the health endpoint. */
    public List<DeploymentStatus> status() {
        return StatusReport.of(groups.values(), health, cooldowns, clock.instant());
    }

    /**
     * Runs {@code call} on a deployment of {@code model}, retrying and falling back as needed,
     * within the request's deadline; the context's {@link RouteTrace} is told every attempt.
     * Throws the last failure when nothing could serve it.
     *
     * @param estimatedTokens the request's tokens as far as they can be told before it is sent,
     *                        for tokens-per-minute capacity: worked out only when a deployment
     *                        with such a limit is tried, and then once (most requests never need
     *                        it, and estimating walks the whole request)
     */
    public <T> T route(String model, LongSupplier estimatedTokens, RequestContext context, Call<T> call) {
        // A pattern is no callable name: its deployments would be sent "*" as the model.
        Group group = ModelPattern.isPattern(model) ? null : group(model);
        if (group == null) {
            throw GatewayException.NotFound.model(model);
        }
        long deadline = context.deadlineNanos(settings.deadline());
        LongSupplier tokens = () -> context.inputTokens(estimatedTokens);
        Iterator<String> general = fallbacks.general().getOrDefault(model, List.of()).iterator();
        Iterator<String> contextWindow = fallbacks.contextWindow().getOrDefault(model, List.of()).iterator();
        Iterator<String> contentPolicy = fallbacks.contentPolicy().getOrDefault(model, List.of()).iterator();
        while (true) {
            try {
                return routeGroup(group, model, tokens, context, call, deadline);
            } catch (GroupFailed failed) {
                Iterator<String> next = switch (failed.kind()) {
                    case CONTEXT_WINDOW -> contextWindow;
                    case CONTENT_POLICY -> contentPolicy;
                    case RETRYABLE -> general;
                    case FINAL -> null;
                };
                String fallback = next == null ? null : nextAllowed(next, context.trace());
                if (fallback == null || System.nanoTime() >= deadline) {
                    throw failed.error();
                }
                group = group(fallback);
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

    private <T> T routeGroup(Group group, String asked, LongSupplier tokens, RequestContext context, Call<T> call,
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
                        FailureKind.FINAL);
            }
            Choice choice = picker.choose(group, tried, excluded, tokens);
            if (choice.deployment() == null) {
                Duration wait = choice.availableIn();
                if (wait != null && waits <= settings.retries() && wait.compareTo(settings.backoffMax()) <= 0
                        && wait.toNanos() < remaining) {
                    waits++;
                    backoff.sleep(wait); // honors a retry-after: the deployment cools down exactly that long
                    continue;
                }
                throw new GroupFailed(last != null ? last : choice.refusal(group.model()), FailureKind.RETRYABLE);
            }
            Deployment deployment = choice.deployment();
            if (!tried.add(deployment.id())) {
                Duration wait = backoff.before(again++);
                Duration after = last == null ? Duration.ZERO : last.retryAfter().orElse(Duration.ZERO);
                if (after.compareTo(wait) > 0) {
                    wait = after; // no sooner than the upstream asked
                }
                if (wait.toNanos() >= remaining || wait.compareTo(settings.backoffMax()) > 0) {
                    choice.cancel();
                    throw new GroupFailed(last, FailureKind.RETRYABLE);
                }
                try {
                    backoff.sleep(wait);
                } catch (RuntimeException interrupted) {
                    choice.cancel();
                    throw interrupted;
                }
            }
            attemptsLeft--;
            try {
                return attempt(deployment, choice.lease(), asked, context, call, deadline, lone(group));
            } catch (GatewayException error) {
                last = error;
                if (FailurePolicy.refusesCredential(error)) {
                    excluded.add(deployment.id());
                }
                FailureKind kind = policy.failed(deployment, error, lone(group));
                if (kind != FailureKind.RETRYABLE) {
                    throw new GroupFailed(error, kind);
                }
            }
        }
        throw new GroupFailed(last, FailureKind.RETRYABLE);
    }

    private static boolean lone(Group group) {
        return group.deployments().size() == 1;
    }

    /** One attempt on {@code deployment}, its timeouts bounded by what is left of the deadline. */
    private <T> T attempt(Deployment deployment, DeploymentCapacity.Lease lease, String asked, RequestContext context,
            Call<T> call, long deadline, boolean lone) {
        DeploymentHealth state = health.get(deployment.id());
        state.started();
        listener.attempt(deployment);
        context.trace().attempt(deployment, asked);
        long start = System.nanoTime();
        Duration left = Duration.ofNanos(Math.max(1, deadline - start));
        Attempt attempt = new Attempt(deployment.boundedBy(left), context,
                new Tracking(deployment, state, lease, lone, policy),
                context.observer().attempt(deployment, context.trace().attempts()));
        T result;
        try {
            result = call.call(attempt);
        } catch (GatewayException e) {
            attempt.observer().failed(e);
            attempt.done();
            context.trace().failed(deployment, e);
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
}
