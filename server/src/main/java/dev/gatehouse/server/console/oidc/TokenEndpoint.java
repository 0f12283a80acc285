package dev.gatehouse.server.console.oidc;

import dev.gatehouse.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Redeems an authorization code for the ID token (OpenID Connect Core section 3.1.3.1, with the
 * PKCE verifier of RFC 7636 section 4.5). A confidential client authenticates with HTTP Basic
 * ({@code client_secret_basic}, RFC 6749 section 2.3.1: id and secret each form-urlencoded first),
 * or in the form when the provider lists only {@code client_secret_post}; a public client sends
 * its id alone. The access token in the answer is not used: the console needs who the user is.
 */
final class TokenEndpoint {

    private final OidcHttp http;
    private final String clientId;
    private final Secret clientSecret;

    /** @param clientSecret null for a public client */
    TokenEndpoint(OidcHttp http, String clientId, Secret clientSecret) {
        this.http = http;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    String redeem(ProviderMetadata provider, String code, String redirectUri, String verifier)
            throws ProviderUnavailable, TokenRejected {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", verifier);
        String authorization = null;
        if (clientSecret == null) {
            form.put("client_id", clientId);
        } else if (provider.tokenAuthMethods().contains("client_secret_basic")
                || !provider.tokenAuthMethods().contains("client_secret_post")) {
            String pair = OidcHttp.encode(clientId) + ":" + OidcHttp.encode(clientSecret.reveal());
            authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        } else {
            form.put("client_id", clientId);
            form.put("client_secret", clientSecret.reveal());
        }
        OidcHttp.Answer answer = http.postForm(provider.tokenEndpoint(), form, authorization);
        if (answer.status() == 200) {
            if (!answer.json().path("id_token").isTextual()) {
                throw new TokenRejected("the token endpoint answered without an ID token (is openid in the scopes?)");
            }
            return answer.json().get("id_token").asText();
        }
        if ((answer.status() == 400 || answer.status() == 401) && answer.json().path("error").isTextual()) {
            // Only OAuth's error code is kept (RFC 6749 section 5.2): a few known letters, never the description.
            String error = answer.json().get("error").asText().replaceAll("[^a-z_]", "");
            throw new TokenRejected("the token endpoint refused the code: "
                    + (error.length() > 40 ? error.substring(0, 40) : error));
        }
        throw new ProviderUnavailable("the token endpoint answered HTTP " + answer.status());
    }
}
