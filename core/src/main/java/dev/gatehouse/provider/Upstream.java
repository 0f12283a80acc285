package dev.gatehouse.provider;

import dev.gatehouse.http.Transport;

/**
 * Where one attempt goes: the deployment it was routed to, and the transport that reaches it,
 * timed for the request the attempt belongs to. Providers are shared by every request; what
 * belongs to one request reaches them through this.
 */
public record Upstream(Deployment deployment, Transport transport) {}
