package dev.gatehouse.testkit.oidc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testkit.FakeHttpServer;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A fake OpenID Connect provider on loopback, strict where a real one is:
 * <ul>
 * <li>{@code GET <issuer>/.well-known/openid-configuration}: the discovery document
 * (https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata);</li>
 * <li>{@code GET <issuer>/jwks}: its public keys, RSA and EC P-256;</li>
 * <li>{@code GET <issuer>/authorize}: checks the authorization request (code flow, a registered
 * redirect URI, {@code openid} in the scope, state, nonce, an S256 PKCE challenge) and signs the
 * scripted {@linkplain #nextUser user} in at once: a 302 back to the redirect URI with a code;</li>
 * <li>{@code POST <issuer>/token}: checks the client (secret by HTTP Basic or in the form, or
 * none for a public client), the code (once only), the redirect URI and the PKCE verifier
 * (RFC 7636 section 4.6) and answers with an ID token signed RS256 or ES256.</li>
 * </ul>
 * What a real provider would refuse is answered with OAuth's error and recorded as a violation
 * ({@link #assertNoViolations()}). {@link #misbehave} makes the ID tokens wrong in one way each.
 */
public final class FakeOidcProvider implements AutoCloseable {

    /** The issuer's path: providers such as Keycloak put the issuer below the host. */
    public static final String ISSUER_PATH = "/realms/test";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final SigningKeys keys = new SigningKeys();
    private final FakeHttpServer server;
    private final Set<String> redirectUris = new HashSet<>();
    private final Map<String, Grant> codes = new HashMap<>();
    private final Set<Misbehaviour> misbehaviours = EnumSet.noneOf(Misbehaviour.class);
    private final List<String> violations = new ArrayList<>();
    private final AtomicInteger discoveryRequests = new AtomicInteger();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger authorizeRequests = new AtomicInteger();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private OidcUser nextUser = OidcUser.of("user-1", "user@example.com", "Test User", List.of());
    private boolean refuseSignIn;
    private boolean secretInFormOnly;
    private String alg = "RS256";
    private String lastClientAuth = "";
    private Map<String, String> lastAuthorization = Map.of();

    /**
     * @param clientId     the one client the provider knows
     * @param clientSecret its secret, or null for a public client (PKCE alone)
     */
    public FakeOidcProvider(String clientId, String clientSecret, Clock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
        this.server = new FakeHttpServer(this::handle);
    }

    public FakeOidcProvider(String clientId, String clientSecret) {
        this(clientId, clientSecret, Clock.systemUTC());
    }

    /** The issuer identifier, as {@code iss} carries it and a configuration names it. */
    public URI issuer() {
        return URI.create(server.baseUrl() + ISSUER_PATH);
    }

    /** Registers a redirect URI of the client (exact match, as OAuth 2.0 Security BCP asks). */
    public synchronized FakeOidcProvider allowRedirect(String uri) {
        redirectUris.add(uri);
        return this;
    }

    /** The user the next sign-ins are of. */
    public synchronized FakeOidcProvider nextUser(OidcUser user) {
        this.nextUser = user;
        this.refuseSignIn = false;
        return this;
    }

    /** The next sign-ins end with {@code error=access_denied} (the user declined, or may not use the client). */
    public synchronized FakeOidcProvider refuseSignIn() {
        this.refuseSignIn = true;
        return this;
    }

    /** ID tokens from now on are signed with {@code RS256} (the default) or {@code ES256}. */
    public synchronized FakeOidcProvider signWith(String alg) {
        if (!alg.equals("RS256") && !alg.equals("ES256")) {
            throw new IllegalArgumentException("RS256 or ES256");
        }
        this.alg = alg;
        return this;
    }

    /** ID tokens from now on are wrong in this way too (until {@link #behave()}). */
    public synchronized FakeOidcProvider misbehave(Misbehaviour misbehaviour) {
        misbehaviours.add(misbehaviour);
        return this;
    }

    public synchronized FakeOidcProvider behave() {
        misbehaviours.clear();
        return this;
    }

    /** New signing keys under new kids: a key rollover, which a client's cached JWKS does not know yet. */
    public FakeOidcProvider rotateKeys() {
        keys.rotate();
        return this;
    }

    /**
     * The discovery document lists only {@code client_secret_post}, and the token endpoint refuses
     * HTTP Basic: a provider configured that way must get the secret in the form.
     */
    public synchronized FakeOidcProvider secretInFormOnly() {
        this.secretInFormOnly = true;
        return this;
    }

    public int discoveryRequests() {
        return discoveryRequests.get();
    }

    public int jwksRequests() {
        return jwksRequests.get();
    }

    public int authorizeRequests() {
        return authorizeRequests.get();
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** How the client authenticated at the last token request: client_secret_basic, client_secret_post or none. */
    public synchronized String lastClientAuth() {
        return lastClientAuth;
    }

    /** The parameters of the last authorization request, decoded. */
    public synchronized Map<String, String> lastAuthorization() {
        return lastAuthorization;
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public synchronized void assertNoViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError("the OIDC provider refused what a real one would refuse:\n  - "
                    + String.join("\n  - ", violations));
        }
    }

    private Reply handle(RecordedRequest request) {
        String path = request.pathOnly();
        if (!path.startsWith(ISSUER_PATH + "/")) {
            return Reply.Full.json(404, "{\"error\":\"not_found\"}");
        }
        String endpoint = path.substring(ISSUER_PATH.length());
        return switch (request.method() + " " + endpoint) {
            case "GET /.well-known/openid-configuration" -> {
                discoveryRequests.incrementAndGet();
                yield Reply.Full.json(200, discovery());
            }
            case "GET /jwks" -> {
                jwksRequests.incrementAndGet();
                yield Reply.Full.json(200, keys.jwks());
            }
            case "GET /authorize" -> {
                authorizeRequests.incrementAndGet();
                yield authorize(FormData.parse(FormData.query(request.path())));
            }
            case "POST /token" -> {
                tokenRequests.incrementAndGet();
                yield token(request);
            }
            default -> Reply.Full.json(404, "{\"error\":\"not_found\"}");
        };
    }

    private synchronized String discovery() {
        String issuer = issuer().toString();
        ObjectNode doc = JSON.createObjectNode().put("issuer", issuer)
                .put("authorization_endpoint", issuer + "/authorize").put("token_endpoint", issuer + "/token")
                .put("jwks_uri", issuer + "/jwks");
        doc.putArray("response_types_supported").add("code");
        doc.putArray("subject_types_supported").add("public");
        doc.putArray("id_token_signing_alg_values_supported").add("RS256").add("ES256");
        doc.putArray("code_challenge_methods_supported").add("S256");
        doc.putArray("scopes_supported").add("openid").add("email").add("profile").add("groups");
        ArrayNode methods = doc.putArray("token_endpoint_auth_methods_supported");
        if (!secretInFormOnly) {
            methods.add("client_secret_basic");
        }
        methods.add("client_secret_post");
        if (clientSecret == null) {
            methods.add("none");
        }
        return doc.toString();
    }

    private synchronized Reply authorize(Map<String, String> query) {
        lastAuthorization = Map.copyOf(new HashMap<>(query));
        String redirect = query.get("redirect_uri");
        // A wrong client or redirect URI is never redirected to (RFC 6749 section 4.1.2.1): a page.
        if (!clientId.equals(query.get("client_id"))) {
            return refusedPage("unknown client_id " + query.get("client_id"));
        }
        if (redirect == null || !redirectUris.contains(redirect)) {
            return refusedPage("redirect_uri " + redirect + " is not registered for the client");
        }
        String state = query.get("state");
        String problem = null;
        if (!"code".equals(query.get("response_type"))) {
            problem = "response_type must be code, was " + query.get("response_type");
        } else if (query.get("scope") == null || !List.of(query.get("scope").split(" ")).contains("openid")) {
            problem = "scope must include openid, was " + query.get("scope");
        } else if (state == null || state.length() < 16) {
            problem = "state must be present and unguessable";
        } else if (query.get("nonce") == null || query.get("nonce").length() < 16) {
            problem = "nonce must be present and unguessable";
        } else if (!"S256".equals(query.get("code_challenge_method"))) {
            problem = "code_challenge_method must be S256, was " + query.get("code_challenge_method");
        } else if (query.get("code_challenge") == null || query.get("code_challenge").length() != 43) {
            problem = "code_challenge must be a base64url SHA-256 (43 characters)";
        }
        Map<String, String> back = new LinkedHashMap<>();
        if (problem != null) {
            violations.add("authorize: " + problem);
            back.put("error", "invalid_request");
            back.put("error_description", problem);
        } else if (refuseSignIn) {
            back.put("error", "access_denied");
        } else {
            String code = UUID.randomUUID().toString();
            codes.put(code, new Grant(redirect, query.get("nonce"), query.get("code_challenge"), nextUser));
            back.put("code", code);
        }
        if (state != null) {
            back.put("state", state);
        }
        String location = redirect + (redirect.contains("?") ? "&" : "?") + FormData.encode(back);
        return new Reply.Full(302, Map.of("location", location, "cache-control", "no-store"), new byte[0]);
    }

    private Reply refusedPage(String problem) {
        violations.add("authorize: " + problem);
        return new Reply.Full(400, Map.of("content-type", "text/plain"), problem.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized Reply token(RecordedRequest request) {
        try {
            Grant grant = checkToken(request);
            ObjectNode answer = JSON.createObjectNode().put("access_token", "at-" + UUID.randomUUID())
                    .put("token_type", "Bearer").put("expires_in", 300).put("id_token", idToken(grant));
            return Reply.Full.json(200, answer.toString()).withHeader("cache-control", "no-store");
        } catch (Refused refused) {
            violations.add("token: " + refused.getMessage());
            ObjectNode error = JSON.createObjectNode().put("error", refused.error)
                    .put("error_description", refused.getMessage());
            return Reply.Full.json(refused.status, error.toString());
        }
    }

    /** Checks a token request as RFC 6749 section 4.1.3 and RFC 7636 section 4.6 ask; returns its grant. */
    private Grant checkToken(RecordedRequest request) {
        if (!request.header("content-type").orElse("").startsWith("application/x-www-form-urlencoded")) {
            throw new Refused(400, "invalid_request", "the token request must be a form");
        }
        Map<String, String> form = FormData.parse(request.bodyText());
        authenticateClient(request, form);
        if (!"authorization_code".equals(form.get("grant_type"))) {
            throw new Refused(400, "unsupported_grant_type", "grant_type must be authorization_code");
        }
        Grant grant = codes.remove(form.getOrDefault("code", ""));
        if (grant == null) {
            throw new Refused(400, "invalid_grant", "the code is unknown or was used already");
        }
        if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            throw new Refused(400, "invalid_grant", "redirect_uri differs from the authorization request's");
        }
        String verifier = form.get("code_verifier");
        if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
            throw new Refused(400, "invalid_request", "code_verifier must be 43 to 128 unreserved characters");
        }
        if (!s256(verifier).equals(grant.challenge())) {
            throw new Refused(400, "invalid_grant", "the code_verifier does not match the code_challenge");
        }
        return grant;
    }

    private void authenticateClient(RecordedRequest request, Map<String, String> form) {
        String basic = request.header("authorization").orElse(null);
        boolean inForm = form.containsKey("client_secret");
        if (basic != null && inForm) {
            throw new Refused(400, "invalid_request", "the client authenticated in two ways at once");
        }
        if (basic != null) {
            if (secretInFormOnly) {
                throw new Refused(401, "invalid_client", "client_secret_basic is not allowed for this client");
            }
            String[] pair = basicCredentials(basic);
            if (form.containsKey("client_id") && !pair[0].equals(form.get("client_id"))) {
                throw new Refused(400, "invalid_request", "client_id in the form differs from the Basic one");
            }
            checkClient(pair[0], pair[1]);
            lastClientAuth = "client_secret_basic";
        } else if (inForm) {
            checkClient(form.getOrDefault("client_id", ""), form.get("client_secret"));
            lastClientAuth = "client_secret_post";
        } else {
            if (clientSecret != null) {
                throw new Refused(401, "invalid_client", "the confidential client did not authenticate");
            }
            checkClient(form.getOrDefault("client_id", ""), null);
            lastClientAuth = "none";
        }
    }

    private void checkClient(String id, String secret) {
        boolean secretOk = clientSecret == null ? secret == null : clientSecret.equals(secret);
        if (!clientId.equals(id) || !secretOk) {
            throw new Refused(401, "invalid_client", "unknown client or wrong secret");
        }
    }

    /** HTTP Basic's user and password, each form-urlencoded as RFC 6749 section 2.3.1 asks. */
    private static String[] basicCredentials(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new Refused(401, "invalid_client", "Authorization must be Basic");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refused(401, "invalid_client", "Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new Refused(401, "invalid_client", "Basic credentials have no colon");
        }
        return new String[] {FormData.decode(decoded.substring(0, colon)), FormData.decode(decoded.substring(colon + 1))};
    }

    private String idToken(Grant grant) {
        long now = clock.instant().getEpochSecond();
        String issuer = issuer().toString();
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iss", has(Misbehaviour.WRONG_ISSUER) ? issuer + "-other" : issuer);
        claims.put("sub", grant.user().subject());
        if (has(Misbehaviour.WRONG_AUDIENCE)) {
            claims.put("aud", "another-client");
        } else if (has(Misbehaviour.SEVERAL_AUDIENCES_WITHOUT_AZP)) {
            claims.putArray("aud").add(clientId).add("another-client");
        } else {
            claims.put("aud", clientId);
        }
        if (has(Misbehaviour.WRONG_AUTHORIZED_PARTY)) {
            claims.put("azp", "another-client");
        }
        claims.put("exp", has(Misbehaviour.EXPIRED) ? now - 600 : now + 300);
        claims.put("iat", has(Misbehaviour.ISSUED_IN_THE_FUTURE) ? now + 600 : now);
        claims.put("auth_time", now);
        if (!has(Misbehaviour.NO_NONCE)) {
            claims.put("nonce", has(Misbehaviour.WRONG_NONCE) ? "not-" + grant.nonce() : grant.nonce());
        }
        grant.user().claims().forEach((name, value) -> claims.set(name, JSON.valueToTree(value)));

        String signingAlg = has(Misbehaviour.ALG_NONE) ? "none" : has(Misbehaviour.HS256) ? "HS256" : alg;
        ObjectNode header = JSON.createObjectNode().put("alg", signingAlg).put("typ", "JWT");
        if (!signingAlg.equals("none")) {
            header.put("kid", has(Misbehaviour.UNKNOWN_KID) ? "kid-nobody-knows" : keys.kid(alg));
        }
        if (has(Misbehaviour.BAD_SIGNATURE)) {
            return SigningKeys.signWithStranger(header, claims);
        }
        byte[] hmacKey = (clientSecret == null ? "no-secret" : clientSecret).getBytes(StandardCharsets.UTF_8);
        return keys.sign(header, claims, hmacKey);
    }

    private boolean has(Misbehaviour misbehaviour) {
        return misbehaviours.contains(misbehaviour);
    }

    static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Grant(String redirectUri, String nonce, String challenge, OidcUser user) {}

    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
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
        server.close();
    }
}
