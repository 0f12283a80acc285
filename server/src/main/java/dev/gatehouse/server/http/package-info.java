/**
 * The HTTP server on Helidon and the one request pipeline every model route goes through:
 * {@link dev.gatehouse.server.http.Pipeline} runs its {@link dev.gatehouse.server.http.Stage}s
 * (authenticate: the key in the headers, or the one a {@link dev.gatehouse.server.http.CallerCheck}
 * names; read and validate; scope; admit) and the route's call, writes the answer (a
 * stream through {@link dev.gatehouse.server.http.SseRelay}), and records and settles the request
 * in {@link dev.gatehouse.server.http.Exchange}'s one error funnel. docs/architecture.md draws it.
 */
package dev.gatehouse.server.http;
