package dev.gatehouse.routing;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.provider.Deployment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a failed attempt does to its deployment, and what routing does next. Failures count
 * within a window and {@link RoutingSettings#allowedFails() too many} cool the deployment down;
 * a 429 with a retry-after cools it down for exactly that long; a refused credential takes it
 * out for {@link RoutingSettings#authCooldown()}; a failed half-open probe cools it down again
 * at once. A model's only deployment is never cooled down (as in LiteLLM): there is nowhere else
 * to send its requests, and refusing them all for a while would turn one failure into many.
 */
final class FailurePolicy {

    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    private final Map<String, DeploymentHealth> health;
    private final RoutingSettings settings;
    private final Cooldowns cooldowns;
    private final RoutingListener listener;
    private final Clock clock;

    FailurePolicy(Map<String, DeploymentHealth> health, RoutingSettings settings, Cooldowns cooldowns,
            RoutingListener listener, Clock clock) {
        this.health = health;
        this.settings = settings;
        this.cooldowns = cooldowns;
        this.listener = listener;
        this.clock = clock;
    }

    /** Whether the deployment must not be tried again for the request: the same credential would be refused again. */
    static boolean refusesCredential(GatewayException error) {
        return error instanceof GatewayException.Authentication || error instanceof GatewayException.PermissionDenied
                || error instanceof GatewayException.RateLimited limited && !limited.retryable();
    }

    /** Records a failed attempt against its deployment, and says what the router does next. */
    FailureKind failed(Deployment deployment, GatewayException error, boolean lone) {
        listener.failure(deployment, error);
        DeploymentHealth state = health.get(deployment.id());
        Instant now = clock.instant();
        switch (error) {
            case GatewayException.ContextLengthExceeded e -> {
                state.releaseProbe();
                return FailureKind.CONTEXT_WINDOW;
            }
            case GatewayException.ContentFiltered e -> {
                state.releaseProbe();
                return FailureKind.CONTENT_POLICY;
            }
            case GatewayException.Authentication e -> {
                credentialRefused(deployment, state, now, "refused the credential of", lone);
                return FailureKind.RETRYABLE;
            }
            case GatewayException.PermissionDenied e -> {
                credentialRefused(deployment, state, now, "refused permission to", lone);
                return FailureKind.RETRYABLE;
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
                return FailureKind.RETRYABLE;
            }
            default -> {
                if (!error.retryable()) {
                    state.releaseProbe();
                    return FailureKind.FINAL;
                }
                countFailure(deployment, state, now, lone);
                return FailureKind.RETRYABLE;
            }
        }
    }

    /**
     * A failure after the attempt had returned (a stream broken midway): counted against the
     * deployment when retryable, though never retried (the caller has had part of the answer).
     */
    void failedMidway(Deployment deployment, GatewayException error, boolean lone) {
        listener.failure(deployment, error);
        if (error.retryable()) {
            countFailure(deployment, health.get(deployment.id()), clock.instant(), lone);
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
}
