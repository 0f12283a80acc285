/**
 * Single sign-on to the admin console with OpenID Connect: the authorization code flow with
 * PKCE against one configured issuer, the ID token verified with the JDK alone (JWKS, RS256 and
 * ES256, the claims), a claim's values mapped to an admin role, and a console session opened for
 * the user. docs/console.md says how to configure it.
 */
package dev.gatehouse.server.console.oidc;
