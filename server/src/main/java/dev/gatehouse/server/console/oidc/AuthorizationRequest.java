package dev.gatehouse.server.console.oidc;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The address the browser is sent to for signing in: the provider's authorization endpoint with
 * the parameters of the code flow (OpenID Connect Core section 3.1.2.1) and PKCE's S256 challenge
 * (RFC 7636 section 4.3). Nothing secret goes in it: state and nonce are single-use randoms, the
 * challenge a hash of the verifier that stays in the browser's HttpOnly cookie.
 */
final class AuthorizationRequest {

    private AuthorizationRequest() {}

    static URI uri(URI endpoint, String clientId, URI redirectUri, List<String> scopes, PendingLogin login) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri.toString());
        query.put("scope", String.join(" ", scopes));
        query.put("state", login.state());
        query.put("nonce", login.nonce());
        query.put("code_challenge", login.challenge());
        query.put("code_challenge_method", "S256");
        String encoded = query.entrySet().stream().map(e -> OidcHttp.encode(e.getKey()) + "=" + OidcHttp.encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String base = endpoint.toString();
        // The endpoint may carry a query of its own (some providers put the tenant there): kept, ours appended.
        return URI.create(base + (endpoint.getRawQuery() == null ? "?" : "&") + encoded);
    }
}
