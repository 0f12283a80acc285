/**
 * Who may call: virtual keys and teams with their scopes and limits, admin keys and roles, the
 * key check on every model request (cached, kept honest by the change feed), and the services
 * that create, change and revoke keys.
 */
package dev.gatehouse.server.auth;
