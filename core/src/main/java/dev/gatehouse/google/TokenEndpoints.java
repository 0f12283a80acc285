package dev.gatehouse.google;

import dev.gatehouse.api.GatewayException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Where a service-account JWT may be sent. A key names its {@code token_uri}, but a key file is
 * data: a doctored one must not make Gatehouse send signed assertions to another host. So the
 * key's URL is used only when it is Google's (https on {@value #GOOGLE_TOKEN_HOST} or, for older
 * keys, accounts.google.com); any other endpoint (a private Google endpoint, a test's fake) must
 * be configured on the deployment explicitly.
 */
public final class TokenEndpoints {

    public static final String GOOGLE_TOKEN_HOST = "oauth2.googleapis.com";
    /** Google's token endpoint, for keys that name none. */
    public static final URI GOOGLE = URI.create("https://" + GOOGLE_TOKEN_HOST + "/token");

    private static final Set<String> GOOGLE_HOSTS = Set.of(GOOGLE_TOKEN_HOST, "accounts.google.com");

    private TokenEndpoints() {}

    /** The token URL: the configured one if any, else the key's if it is Google's, else Google's. */
    public static URI of(ServiceAccountKey key, URI configured) {
        if (configured != null) {
            return configured;
        }
        URI named = key.tokenUri();
        if (named == null) {
            return GOOGLE;
        }
        String host = named.getHost() == null ? "" : named.getHost().toLowerCase(Locale.ROOT);
        if (!"https".equalsIgnoreCase(named.getScheme()) || !GOOGLE_HOSTS.contains(host) || named.getPort() != -1) {
            throw new GatewayException.Authentication("The deployment's Google credentials can not be used: the key's "
                    + "token_uri is not Google's token endpoint (https://" + GOOGLE_TOKEN_HOST + "/token); set the "
                    + "deployment's token_url option to use another one deliberately.", null);
        }
        return named;
    }
}
