/**
 * How the server reaches upstreams: the Helidon web client as the gateway's transport (blocking
 * on virtual threads, TCP_NODELAY, deadlines and idle timeouts), and the egress policy that keeps
 * upstream addresses to what the configuration allows.
 */
package dev.gatehouse.server.upstream;
