package dev.gatehouse.server.console.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * What Gatehouse uses of the issuer's discovery document
 * (https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata): where to send
 * the user, where to redeem the code, where the keys are, and how the token endpoint wants the
 * client to authenticate.
 *
 * @param tokenAuthMethods {@code token_endpoint_auth_methods_supported}; absent means
 *                         {@code client_secret_basic}, the specification's default
 */
record ProviderMetadata(URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri, List<String> tokenAuthMethods) {

    ProviderMetadata {
        tokenAuthMethods = List.copyOf(tokenAuthMethods);
    }

    /**
     * Reads the document fetched from {@code issuer}'s well-known address. Its {@code issuer} must
     * be exactly the configured one (Discovery section 4.3: otherwise a document served elsewhere
     * could name another issuer's endpoints), every endpoint an https address (http only on
     * loopback, for a provider on the same machine), and a provider that lists its PKCE methods
     * must list S256.
     */
    static ProviderMetadata parse(JsonNode doc, String issuer) throws ProviderUnavailable {
        if (!doc.isObject()) {
            throw new ProviderUnavailable("the discovery document is not a JSON object");
        }
        if (!issuer.equals(doc.path("issuer").asText())) {
            throw new ProviderUnavailable("the discovery document's issuer is not the configured issuer");
        }
        JsonNode pkce = doc.get("code_challenge_methods_supported");
        if (pkce != null && pkce.isArray() && !contains(pkce, "S256")) {
            throw new ProviderUnavailable("the provider does not support PKCE with S256");
        }
        List<String> methods = new ArrayList<>();
        doc.path("token_endpoint_auth_methods_supported").forEach(m -> methods.add(m.asText()));
        if (methods.isEmpty()) {
            methods.add("client_secret_basic");
        }
        return new ProviderMetadata(endpoint(doc, "authorization_endpoint"), endpoint(doc, "token_endpoint"),
                endpoint(doc, "jwks_uri"), methods);
    }

    private static URI endpoint(JsonNode doc, String name) throws ProviderUnavailable {
        String value = doc.path(name).asText("");
        try {
            URI uri = new URI(value);
            checkAddress(uri);
            return uri;
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new ProviderUnavailable("the discovery document's " + name + " is not a usable address");
        }
    }

    /** https, or http to a loopback address; absolute, with a host, without user information or fragment. */
    static void checkAddress(URI uri) {
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("not an absolute address with a host: " + uri);
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("https") || (scheme.equals("http") && loopback(uri.getHost()))) {
            return;
        }
        throw new IllegalArgumentException("an OpenID provider is reached over https (http only on loopback): " + uri);
    }

    /** The same rule as the configuration's for the issuer: a name counts when it resolves to loopback. */
    private static boolean loopback(String host) {
        try {
            return host.equalsIgnoreCase("localhost")
                    || InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode one : array) {
            if (value.equals(one.asText())) {
                return true;
            }
        }
        return false;
    }
}
