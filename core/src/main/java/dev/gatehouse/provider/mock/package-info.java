/**
 * The mock provider: deterministic answers computed from the request, with no account and no
 * network, for trying Gatehouse and testing applications against it.
 */
package dev.gatehouse.provider.mock;
