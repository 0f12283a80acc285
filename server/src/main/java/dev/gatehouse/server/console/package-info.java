/**
 * The admin console at {@code /ui}: its pages (static files served with a strict
 * Content-Security-Policy), the sessions an admin key or a single sign-on opens, and the cookie and
 * CSRF token that carry a session to the admin API. docs/console.md is the user's guide.
 */
package dev.gatehouse.server.console;
