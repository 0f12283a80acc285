/**
 * The append-only, hash-chained audit log of admin actions and security events, the verifier
 * that checks its chain, and the per-minute count of failed admin logins.
 */
package dev.gatehouse.server.audit;
