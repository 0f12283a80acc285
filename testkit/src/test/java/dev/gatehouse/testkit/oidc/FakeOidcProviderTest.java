package dev.gatehouse.testkit.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake provider is as strict as a real one where a client can go wrong: the authorization
 * request (a registered redirect URI, PKCE with S256), the token request (client authentication,
 * a code used once, the verifier) — and its ID tokens carry what OpenID Connect Core section 2
 * requires, signed with a key its JWKS publishes.
 */
class FakeOidcProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String REDIRECT = "http://127.0.0.1:9/ui/oidc/callback";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private final FakeOidcProvider fake = new FakeOidcProvider("gatehouse", "secret").allowRedirect(REDIRECT);

    @AfterEach
    void close() {
        fake.close();
    }

    private HttpResponse<String> get(String uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, String> authorize(Map<String, String> overrides) throws Exception {
        Map<String, String> query = new LinkedHashMap<>(Map.of("response_type", "code", "client_id", "gatehouse",
                "redirect_uri", REDIRECT, "scope", "openid email", "state", "state-0123456789abcdef",
                "nonce", "nonce-0123456789abcdef", "code_challenge", FakeOidcProvider.s256(VERIFIER),
                "code_challenge_method", "S256"));
        query.putAll(overrides);
        query.values().removeIf(String::isEmpty);
        HttpResponse<String> back = get(fake.issuer() + "/authorize?" + FormData.encode(query));
        assertEquals(302, back.statusCode(), back::body);
        String location = back.headers().firstValue("location").orElseThrow();
        assertTrue(location.startsWith(REDIRECT + "?"));
        return FormData.parse(URI.create(location).getRawQuery());
    }

    private HttpResponse<String> token(Map<String, String> form, String basic) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.issuer() + "/token"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FormData.encode(form)));
        if (basic != null) {
            request.header("authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> redeem(String code, String verifier) {
        return new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", verifier));
    }

    @Test
    void discoveryNamesTheEndpointsUnderTheIssuer() throws Exception {
        JsonNode doc = JSON.readTree(get(fake.issuer() + "/.well-known/openid-configuration").body());
        assertEquals(fake.issuer().toString(), doc.path("issuer").asText());
        assertEquals(fake.issuer() + "/jwks", doc.path("jwks_uri").asText());
        assertEquals("S256", doc.path("code_challenge_methods_supported").path(0).asText());
        assertEquals(2, JSON.readTree(get(doc.path("jwks_uri").asText()).body()).path("keys").size());
        assertEquals(1, fake.discoveryRequests());
    }

    @Test
    void aSignInEndsWithAnEs256IdTokenForTheScriptedUser() throws Exception {
        fake.signWith("ES256").nextUser(OidcUser.of("u-7", "grace@example.com", "Grace", List.of("security")));
        Map<String, String> back = authorize(Map.of());
        assertEquals("state-0123456789abcdef", back.get("state"));

        HttpResponse<String> answer = token(redeem(back.get("code"), VERIFIER), "gatehouse:secret");
        assertEquals(200, answer.statusCode(), answer::body);
        String[] parts = JSON.readTree(answer.body()).path("id_token").asText().split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("ES256", header.path("alg").asText());
        assertEquals(64, Base64.getUrlDecoder().decode(parts[2]).length, "ES256 signatures are r||s, 64 bytes");
        assertEquals(fake.issuer().toString(), claims.path("iss").asText());
        assertEquals("gatehouse", claims.path("aud").asText());
        assertEquals("u-7", claims.path("sub").asText());
        assertEquals("nonce-0123456789abcdef", claims.path("nonce").asText());
        assertEquals("security", claims.path("groups").path(0).asText());
        assertEquals("client_secret_basic", fake.lastClientAuth());
        fake.assertNoViolations();
    }

    @Test
    void anUnregisteredRedirectIsNeverRedirectedTo() throws Exception {
        HttpResponse<String> page = get(fake.issuer() + "/authorize?response_type=code&client_id=gatehouse"
                + "&redirect_uri=" + FormData.encode("https://evil.example/cb"));
        assertEquals(400, page.statusCode());
        assertFalse(page.headers().firstValue("location").isPresent());
        assertTrue(fake.violations().getFirst().contains("is not registered"));
    }

    @Test
    void withoutPkceTheClientGetsAnErrorBack() throws Exception {
        Map<String, String> back = authorize(Map.of("code_challenge_method", "plain"));
        assertEquals("invalid_request", back.get("error"));
        assertFalse(back.containsKey("code"));
    }

    @Test
    void theTokenEndpointChecksTheClientTheVerifierAndUsesACodeOnce() throws Exception {
        String code = authorize(Map.of()).get("code");
        assertEquals(401, token(redeem(code, VERIFIER), "gatehouse:wrong").statusCode());

        code = authorize(Map.of()).get("code");
        HttpResponse<String> badVerifier = token(redeem(code, VERIFIER.replace('d', 'e')), "gatehouse:secret");
        assertEquals(400, badVerifier.statusCode());
        assertTrue(badVerifier.body().contains("invalid_grant"));

        code = authorize(Map.of()).get("code");
        Map<String, String> inForm = redeem(code, VERIFIER);
        inForm.put("client_id", "gatehouse");
        inForm.put("client_secret", "secret");
        assertEquals(200, token(inForm, null).statusCode());
        assertEquals("client_secret_post", fake.lastClientAuth());
        assertEquals(400, token(inForm, null).statusCode(), "a code is used once");
        assertEquals(4, fake.tokenRequests());
    }
}
