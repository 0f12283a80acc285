/**
 * Gatehouse as a library: {@link dev.gatehouse.Gateway}, the facade a program builds and shares,
 * and {@link dev.gatehouse.GatewayCall}, its operations for one request with that request's
 * context. Behind them, package-private: the snapshot a configuration is served with and its
 * assembly, the preparation of a chat request for an attempt, the Anthropic passthrough, and the
 * stream decorator that names the serving model and ends the attempt. See docs/library.md.
 */
package dev.gatehouse;
