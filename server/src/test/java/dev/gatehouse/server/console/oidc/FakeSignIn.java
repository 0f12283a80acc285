package dev.gatehouse.server.console.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.oidc.FakeOidcProvider;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs a user in at the fake provider the way a browser and Gatehouse would, without the
 * console: the authorization request (its redirect followed by hand) and the code redeemed, for
 * tests of what comes after (the ID token's checks).
 */
final class FakeSignIn {

    static final String CLIENT_ID = "gatehouse";
    static final String CLIENT_SECRET = "s3cret-of-the-client";
    static final URI REDIRECT = URI.create("http://127.0.0.1:1/ui/oidc/callback");
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    final FakeOidcProvider fake;
    final Issuer issuer;
    final TokenEndpoint tokens;

    FakeSignIn(FakeOidcProvider fake, Clock clock, Secret secret) {
        this.fake = fake.allowRedirect(REDIRECT.toString());
        OidcHttp http = new OidcHttp(OidcHttp.defaultClient());
        this.issuer = new Issuer(fake.issuer().toString(), http, clock, Duration.ofMinutes(1));
        this.tokens = new TokenEndpoint(http, CLIENT_ID, secret);
    }

    FakeSignIn(FakeOidcProvider fake, Clock clock) {
        this(fake, clock, Secret.of(CLIENT_SECRET));
    }

    /** The ID token the fake issues for {@code login}, as the token endpoint answers it. */
    String idToken(PendingLogin login) throws Exception {
        return idToken(login, login.verifier());
    }

    /** The same, redeeming the code with {@code verifier} (another than the challenge's, to see it refused). */
    String idToken(PendingLogin login, String verifier) throws Exception {
        ProviderMetadata provider = issuer.metadata();
        URI authorize = AuthorizationRequest.uri(provider.authorizationEndpoint(), CLIENT_ID, REDIRECT,
                List.of("openid", "email", "profile"), login);
        HttpResponse<Void> back = BROWSER.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(302, back.statusCode(), "the fake's authorization endpoint redirects back");
        Map<String, String> query = query(URI.create(back.headers().firstValue("location").orElseThrow()));
        assertEquals(login.state(), query.get("state"), "the state comes back unchanged");
        return tokens.redeem(provider, query.get("code"), REDIRECT.toString(), verifier);
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String raw = uri.getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
