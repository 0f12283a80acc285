package dev.gatehouse.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.json.Json;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.google.FakeGoogleOAuth;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading service-account keys, and where their JWTs may go. */
class ServiceAccountKeyTest {

    private static final String GOOGLE_KEY;

    static {
        try (FakeGoogleOAuth oauth = new FakeGoogleOAuth()) {
            GOOGLE_KEY = oauth.serviceAccountJson("https://oauth2.googleapis.com/token");
        }
    }

    @Test
    void readsTheConsolesKeyFile() {
        ServiceAccountKey key = ServiceAccountKey.parse(Secret.of(GOOGLE_KEY));
        assertEquals(FakeGoogleOAuth.CLIENT_EMAIL, key.clientEmail());
        assertEquals(FakeGoogleOAuth.KEY_ID, key.privateKeyId());
        assertEquals("RSA", key.privateKey().getAlgorithm());
        assertFalse(key.toString().contains("PRIVATE"), "toString shows no key material");
        assertEquals(URI.create("https://oauth2.googleapis.com/token"), TokenEndpoints.of(key, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"type", "client_email", "private_key"})
    void aKeyWithoutAFieldIsRefusedNamingIt(String field) {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parseUpstream(GOOGLE_KEY, "test");
        node.remove(field);
        GatewayException e = assertThrows(GatewayException.Authentication.class,
                () -> ServiceAccountKey.parse(Secret.of(node.toString())));
        assertTrue(e.getMessage().contains(field.equals("type") ? "service_account" : field), e.getMessage());
        assertFalse(e.getMessage().contains("BEGIN"), "no key material in the message");
    }

    @Test
    void notJsonIsRefused() {
        assertThrows(GatewayException.Authentication.class, () -> ServiceAccountKey.parse(Secret.of("sk-not-a-key")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/token", "http://oauth2.googleapis.com/token",
        "https://oauth2.googleapis.com.evil.example/token", "https://oauth2.googleapis.com:8443/token"})
    void aKeyCanNotSendItsJwtElsewhere(String tokenUri) {
        try (FakeGoogleOAuth oauth = new FakeGoogleOAuth()) {
            ServiceAccountKey key = ServiceAccountKey.parse(Secret.of(oauth.serviceAccountJson(tokenUri)));
            assertThrows(GatewayException.Authentication.class, () -> TokenEndpoints.of(key, null));
            URI configured = oauth.tokenUrl();
            assertEquals(configured, TokenEndpoints.of(key, configured), "a configured endpoint is deliberate");
        }
    }
}
