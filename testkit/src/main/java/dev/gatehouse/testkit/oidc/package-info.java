/**
 * A fake OpenID Connect provider on loopback (discovery, JWKS, an authorization endpoint that
 * signs a scripted user in at once, a strict token endpoint issuing signed ID tokens), with
 * hooks that make its ID tokens wrong in each way a relying party must refuse.
 */
package dev.gatehouse.testkit.oidc;
