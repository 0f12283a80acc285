/**
 * How the server reaches upstreams: its own HTTP/1.1 client on the JDK's sockets as the gateway's
 * transport (blocking on virtual threads, TCP_NODELAY, pooled keep-alive connections, deadlines
 * and idle timeouts), and the egress policy that keeps upstream addresses to what the
 * configuration allows.
 */
package dev.gatehouse.server.upstream;
