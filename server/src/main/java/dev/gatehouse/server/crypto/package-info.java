/**
 * Encryption at rest: the master keyring (from a file or the environment, never the store),
 * AES-256-GCM envelopes with a data key per record, and the vault of stored provider
 * credentials that hands values out only as {@link dev.gatehouse.secret.Secret}s.
 */
package dev.gatehouse.server.crypto;
