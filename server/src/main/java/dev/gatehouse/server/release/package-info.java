/**
 * Signed release bundles: the bundle's {@code SHA256SUMS} list, Ed25519 release keys in PEM
 * (generated, read, fingerprinted), the signature over the list, and the check of an unpacked
 * bundle against both ({@code gatehouse verify-release}; docs/supply-chain.md).
 */
package dev.gatehouse.server.release;
