package dev.gatehouse.server.console.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The discovery document (OpenID Connect Discovery 1.0, sections 3 and 4.3): taken only from the
 * configured issuer, with https endpoints, and a provider that lists its PKCE methods must offer S256.
 */
class ProviderMetadataTest {

    private static final String ISSUER = "https://login.example.com/realms/acme";

    private static ObjectNode doc() {
        return Json.object().put("issuer", ISSUER).put("authorization_endpoint", ISSUER + "/protocol/openid-connect/auth")
                .put("token_endpoint", ISSUER + "/protocol/openid-connect/token")
                .put("jwks_uri", ISSUER + "/protocol/openid-connect/certs");
    }

    private static String refused(ObjectNode doc) {
        return assertThrows(ProviderUnavailable.class, () -> ProviderMetadata.parse(doc, ISSUER)).getMessage();
    }

    @Test
    void aMinimalDocumentDefaultsToHttpBasicForTheSecret() throws Exception {
        ProviderMetadata metadata = ProviderMetadata.parse(doc(), ISSUER);
        assertEquals(ISSUER + "/protocol/openid-connect/token", metadata.tokenEndpoint().toString());
        assertEquals(List.of("client_secret_basic"), metadata.tokenAuthMethods());
    }

    @Test
    void theDocumentMustNameTheConfiguredIssuerExactly() {
        assertTrue(refused(doc().put("issuer", ISSUER + "/")).contains("not the configured issuer"));
        assertTrue(refused(doc().put("issuer", "https://evil.example.com/realms/acme")).contains("not the configured issuer"));
    }

    @Test
    void endpointsAreHttpsOrLoopback() throws Exception {
        assertTrue(refused(doc().put("token_endpoint", "http://login.example.com/token")).contains("token_endpoint"));
        assertTrue(refused(doc().put("jwks_uri", "/certs")).contains("jwks_uri"));
        assertTrue(refused(doc().put("authorization_endpoint", "https://user:pw@login.example.com/auth"))
                .contains("authorization_endpoint"));
        ProviderMetadata local = ProviderMetadata.parse(doc().put("token_endpoint", "http://127.0.0.1:8080/token"), ISSUER);
        assertEquals("127.0.0.1", local.tokenEndpoint().getHost());
    }

    @Test
    void aProviderWithoutS256IsRefused() {
        ObjectNode plainOnly = doc();
        plainOnly.putArray("code_challenge_methods_supported").add("plain");
        assertTrue(refused(plainOnly).contains("PKCE with S256"));
    }
}
