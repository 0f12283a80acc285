/**
 * Routing a request across the deployments of its model: the {@link dev.gatehouse.routing.Router}
 * (the retry and fallback loop, within the request's deadline), deployment picking by
 * {@link dev.gatehouse.routing.Strategy}, the failure policy (cooldowns, half-open probes), the
 * per-request {@link dev.gatehouse.routing.RequestContext} and
 * {@link dev.gatehouse.routing.RouteTrace}, and the seams a server shares across instances
 * ({@link dev.gatehouse.routing.Cooldowns}, {@link dev.gatehouse.routing.DeploymentCapacity}).
 * See docs/routing.md.
 */
package dev.gatehouse.routing;
