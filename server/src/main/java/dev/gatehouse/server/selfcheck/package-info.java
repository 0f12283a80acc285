/**
 * What Gatehouse checks of itself: the jar it runs from against the SHA-256 of every entry and
 * the dependencies recorded in it at build time, and the SBOM against those dependencies
 * ({@code gatehouse verify}, and {@code serve} before it starts); the jar's own SHA-256 and SBOM
 * for the metrics and the admin API; whether the process runs as root (docs/supply-chain.md,
 * "Checking a running Gatehouse").
 */
package dev.gatehouse.server.selfcheck;
