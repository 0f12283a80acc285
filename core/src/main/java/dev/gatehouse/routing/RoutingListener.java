package dev.gatehouse.routing;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.provider.Deployment;
import java.time.Instant;

/** Hears what the router does, for metrics and logs. Called on the request's thread; must not throw. */
public interface RoutingListener {

    RoutingListener NONE = new RoutingListener() {};

    /** A request is sent to {@code deployment}. */
    default void attempt(Deployment deployment) {}

    /** The attempt on {@code deployment} failed with {@code error}. */
    default void failure(Deployment deployment, GatewayException error) {}

    /** {@code deployment} is taken out of routing until {@code until}, for {@code reason}. */
    default void cooldown(Deployment deployment, Instant until, Reason reason) {}

    /** Why a deployment was taken out. */
    enum Reason {
        /** Too many failures within the window, or a failed probe. */
        FAILURES,
        /** A 429 with the upstream's retry-after. */
        RATE_LIMITED,
        /** The upstream refused the deployment's credential (401/403). */
        CREDENTIAL_REFUSED
    }
}
