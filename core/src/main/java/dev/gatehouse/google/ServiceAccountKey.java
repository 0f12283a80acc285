package dev.gatehouse.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.json.Json;
import dev.gatehouse.secret.Secret;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * The parts of a service-account JSON key (the file the Google Cloud console downloads) that
 * signing needs: {@code client_email}, {@code private_key_id}, {@code private_key} (a PKCS #8
 * RSA key in PEM) and {@code token_uri}. {@code toString} never shows the private key.
 */
public record ServiceAccountKey(String clientEmail, String privateKeyId, PrivateKey privateKey, URI tokenUri) {

    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

    public ServiceAccountKey {
        Objects.requireNonNull(clientEmail, "clientEmail");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /**
     * Reads a key from the deployment's credential. The messages of its failures name the
     * missing or broken field, never a value.
     */
    public static ServiceAccountKey parse(Secret json) {
        if (json == null) {
            throw invalid("the deployment has no service-account key");
        }
        JsonNode key;
        try {
            key = Json.mapper().readTree(json.reveal());
        } catch (IOException e) {
            throw invalid("its service-account key is not JSON (give the key file the Google Cloud console downloads)");
        }
        if (key == null || !key.isObject()) {
            throw invalid("its service-account key is not a JSON object");
        }
        String type = Json.textOrNull(key, "type");
        if (!"service_account".equals(type)) {
            throw invalid("its key has type '" + type + "', not 'service_account' (user credentials and external "
                    + "account keys are not supported)");
        }
        String email = field(key, "client_email");
        String tokenUri = Json.textOrNull(key, "token_uri");
        return new ServiceAccountKey(email, Json.textOrNull(key, "private_key_id"), rsaKey(field(key, "private_key")),
                tokenUri == null ? null : uri(tokenUri));
    }

    private static String field(JsonNode key, String name) {
        String value = Json.textOrNull(key, name);
        if (value == null || value.isBlank()) {
            throw invalid("its service-account key has no '" + name + "'");
        }
        return value;
    }

    private static URI uri(String text) {
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            throw invalid("its service-account key's 'token_uri' is not a URL");
        }
    }

    private static PrivateKey rsaKey(String pem) {
        int begin = pem.indexOf(PEM_BEGIN);
        int end = pem.indexOf(PEM_END);
        if (begin < 0 || end < begin) {
            throw invalid("its service-account key's 'private_key' is not a PKCS #8 PEM key");
        }
        String base64 = pem.substring(begin + PEM_BEGIN.length(), end).replaceAll("\\s", "");
        Secret.of(base64); // Known as a credential from now on, so that no log can show it alone either.
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw invalid("its service-account key's 'private_key' is not a readable RSA key");
        }
    }

    private static GatewayException invalid(String why) {
        return new GatewayException.Authentication("The deployment's Google credentials can not be used: " + why + ".",
                null);
    }

    @Override
    public String toString() {
        return "ServiceAccountKey[" + clientEmail + ", key id " + privateKeyId + "]";
    }
}
