/**
 * Credentials in memory ({@link dev.gatehouse.secret.Secret}, which never prints its value) and
 * the redaction that strips credentials from text before it reaches a log or an error.
 */
package dev.gatehouse.secret;
