/**
 * The {@code gatehouse} command: serving, and the offline commands for keys, secrets, admin
 * keys, the audit log and the configuration. The only package that writes to the console.
 */
package dev.gatehouse.server.cli;
