package dev.gatehouse.testkit.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testkit.FakeHttpServer;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of Google's OAuth token endpoint for service accounts ({@code POST /token}), strict
 * like the real one (https://developers.google.com/identity/protocols/oauth2/service-account):
 * it takes only the JWT-bearer grant as a form, checks the assertion's RS256 signature with the
 * public key of the account it knows, and its claims ({@code iss}, {@code scope}, {@code aud}
 * = this endpoint, {@code iat}, {@code exp} at most an hour later), and answers
 * {@code {"access_token","expires_in","token_type":"Bearer"}} or Google's
 * {@code {"error":"invalid_grant",…}}. Fakes of Google APIs ask it whether a bearer token is one
 * it issued and still valid.
 */
public final class FakeGoogleOAuth implements AutoCloseable {

    /** The service account the fake knows. */
    public static final String CLIENT_EMAIL = "gatehouse-test@fake-project.iam.gserviceaccount.com";
    public static final String KEY_ID = "fake-key-id-1";
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyPair keys;
    private final Clock clock;
    private final FakeHttpServer server;
    private final Map<String, Instant> issued = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private int lifetimeSeconds = 3599;
    private CountDownLatch hold;

    /** A fake that knows one service account, whose key pair is made here, fresh for the test. */
    public FakeGoogleOAuth(Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.clock = clock;
        this.server = new FakeHttpServer(this::handle);
    }

    public FakeGoogleOAuth() {
        this(Clock.systemUTC());
    }

    /** The token endpoint's URL, as a deployment's token_url names it. */
    public URI tokenUrl() {
        return URI.create(server.baseUrl() + "/token");
    }

    /**
     * The service-account JSON key of the account the fake knows, as the Google Cloud console
     * writes it, with {@code token_uri} pointing at this fake.
     */
    public String serviceAccountJson() {
        return serviceAccountJson(tokenUrl().toString());
    }

    /** The same key with another {@code token_uri}. */
    public String serviceAccountJson(String tokenUri) {
        return serviceAccountJson(keys, tokenUri);
    }

    /** A service-account key of a new key pair, unknown to any fake: for configurations that must load. */
    public static String newServiceAccountJson(String tokenUri) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return serviceAccountJson(generator.generateKeyPair(), tokenUri);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String serviceAccountJson(KeyPair keys, String tokenUri) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ObjectNode key = JSON.createObjectNode().put("type", "service_account").put("project_id", "fake-project")
                .put("private_key_id", KEY_ID).put("private_key", pem).put("client_email", CLIENT_EMAIL)
                .put("client_id", "1234567890").put("auth_uri", "https://accounts.google.com/o/oauth2/auth")
                .put("token_uri", tokenUri);
        return key.toString();
    }

    /** How long the tokens it issues from now on live (Google's: 3599 seconds). */
    public synchronized void tokenLifetimeSeconds(int seconds) {
        this.lifetimeSeconds = seconds;
    }

    /** Token requests wait, unanswered, until {@link #release()}. */
    public synchronized void holdRequests() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch latch;
        synchronized (this) {
            latch = hold;
            hold = null;
        }
        if (latch != null) {
            latch.countDown();
        }
    }

    /** How many token requests arrived (answered or not). */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** How many tokens it issued. */
    public synchronized int tokensIssued() {
        return issued.size();
    }

    /** Whether {@code token} is one this fake issued and it has not expired. */
    public synchronized boolean isValid(String token) {
        Instant expiry = issued.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public synchronized void assertNoViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError("Google's token endpoint refused what the real one would refuse:\n  - "
                    + String.join("\n  - ", violations));
        }
    }

    private Reply handle(RecordedRequest request) {
        tokenRequests.incrementAndGet();
        CountDownLatch latch;
        synchronized (this) {
            latch = hold;
        }
        if (latch != null) {
            try {
                latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            try {
                String token = check(request);
                ObjectNode answer = JSON.createObjectNode().put("access_token", token)
                        .put("expires_in", lifetimeSeconds).put("token_type", "Bearer");
                return Reply.Full.json(200, answer.toString());
            } catch (Refused refused) {
                violations.add(refused.getMessage());
                ObjectNode error = JSON.createObjectNode().put("error", refused.error)
                        .put("error_description", refused.getMessage());
                return Reply.Full.json(refused.status, error.toString());
            }
        }
    }

    /** Checks a token request as Google would; returns the new token. */
    private String check(RecordedRequest request) {
        if (!request.pathOnly().equals("/token") || !request.method().equals("POST")) {
            throw new Refused(404, "not_found", "no token endpoint at " + request.method() + " " + request.pathOnly());
        }
        if (!request.header("content-type").orElse("").startsWith("application/x-www-form-urlencoded")) {
            throw new Refused(400, "invalid_request", "the token request must be a form (application/x-www-form-urlencoded)");
        }
        Map<String, String> form = form(request.bodyText());
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            throw new Refused(400, "unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
        }
        String assertion = form.get("assertion");
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.", -1);
        if (parts.length != 3) {
            throw new Refused(400, "invalid_grant", "the assertion is not a JWT");
        }
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        if (!"RS256".equals(header.path("alg").asText()) || !KEY_ID.equals(header.path("kid").asText(KEY_ID))) {
            throw new Refused(400, "invalid_grant", "Invalid JWT: alg must be RS256 and kid the key's id, was " + header);
        }
        if (!verify(parts[0] + "." + parts[1], parts[2], keys.getPublic())) {
            throw new Refused(400, "invalid_grant", "Invalid JWT Signature.");
        }
        long now = clock.instant().getEpochSecond();
        long iat = claims.path("iat").asLong(-1);
        long exp = claims.path("exp").asLong(-1);
        if (!CLIENT_EMAIL.equals(claims.path("iss").asText())) {
            throw new Refused(400, "invalid_grant", "Invalid JWT: iss is not the service account's email");
        }
        if (!List.of(claims.path("scope").asText().split(" ")).contains(SCOPE)) {
            throw new Refused(400, "invalid_scope", "the scope does not include " + SCOPE);
        }
        if (!tokenUrl().toString().equals(claims.path("aud").asText())) {
            throw new Refused(400, "invalid_grant", "Invalid JWT: aud must be the token endpoint, was "
                    + claims.path("aud").asText());
        }
        if (iat < 0 || exp <= iat || exp - iat > 3600 || iat > now + 60 || exp < now) {
            throw new Refused(400, "invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a "
                    + "reasonable timeframe. Check your iat and exp values in the JWT claim.");
        }
        String token = "ya29.fake-" + (issued.size() + 1) + "-" + Long.toHexString(System.nanoTime());
        issued.put(token, clock.instant().plusSeconds(lifetimeSeconds));
        return token;
    }

    private static boolean verify(String signed, String signature, PublicKey key) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(Base64.getUrlDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static JsonNode decode(String part) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IOException | IllegalArgumentException e) {
            throw new Refused(400, "invalid_grant", "Invalid JWT: a part is not base64url JSON");
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static final class Refused extends RuntimeException {
        final int status;
        final String error;

        Refused(int status, String error, String message) {
            super(message, null, false, false);
            this.status = status;
            this.error = error;
        }
    }

    @Override
    public void close() {
        release();
        server.close();
    }
}
