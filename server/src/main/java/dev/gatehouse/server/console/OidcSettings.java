package dev.gatehouse.server.console;

import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.auth.AdminRole;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Single sign-on through an OpenID Connect issuer ({@code console.oidc:}): the authorization code
 * flow with PKCE, the ID token's {@code roleClaim} mapped to an admin role.
 *
 * @param issuer       the issuer's identifier, exactly as its ID tokens' {@code iss} say it
 * @param clientId     this console's client id at the issuer (the ID token's audience)
 * @param clientSecret the client's secret; null for a public client (PKCE alone)
 * @param scopes       asked for; {@code openid} always among them
 * @param roleClaim    the ID token claim holding the user's groups or roles
 * @param roles        per admin role, the claim values that grant it
 * @param nameClaim    the claim shown as the user's name and recorded in the audit log
 */
public record OidcSettings(URI issuer, String clientId, Secret clientSecret, List<String> scopes, String roleClaim,
        Map<AdminRole, List<String>> roles, String nameClaim) {

    public static final List<String> DEFAULT_SCOPES = List.of("openid", "email", "profile");

    public OidcSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(roleClaim, "roleClaim");
        Objects.requireNonNull(nameClaim, "nameClaim");
        scopes = List.copyOf(scopes);
        roles = Map.copyOf(roles);
    }
}
