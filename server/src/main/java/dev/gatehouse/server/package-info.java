/**
 * The running server's two halves: {@link dev.gatehouse.server.Gatehouse}, the gateway over the
 * configured deployments behind the HTTP server, and {@link dev.gatehouse.server.ControlPlane},
 * the store and everything checked against it (keys, teams, credentials, the audit log).
 */
package dev.gatehouse.server;
