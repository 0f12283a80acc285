package dev.gatehouse.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.RetryAfter;
import dev.gatehouse.http.Transport;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamCalls;
import dev.gatehouse.json.Json;
import dev.gatehouse.secret.Secret;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * OAuth access tokens for service accounts, cached until shortly before they expire.
 *
 * <ul>
 *   <li>A token is used as it is until {@value #REFRESH_BEFORE_SECONDS} seconds before it
 *       expires.</li>
 *   <li>From then on, the first request starts one refresh in the background and every request
 *       keeps using the still-valid token: nobody waits for Google.</li>
 *   <li>Only when no token is valid for at least {@value #USABLE_MARGIN_SECONDS} more seconds
 *       (the first call, or a refresh that failed for minutes) do requests wait: one fetches,
 *       the others wait for its result instead of fetching too.</li>
 * </ul>
 *
 * Tokens are fetched from the token URL the caller of {@link #token} gives, which comes from the
 * configuration (see {@link TokenEndpoints}), never from a request. Instances are thread-safe
 * and meant to be shared by every deployment of a provider.
 */
public final class AccessTokens {

    /** The scope Vertex AI needs (https://cloud.google.com/vertex-ai/docs/authentication). */
    public static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";

    static final long REFRESH_BEFORE_SECONDS = 300;
    static final long USABLE_MARGIN_SECONDS = 60;

    private static final System.Logger LOG = System.getLogger(AccessTokens.class.getName());
    private static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private record Token(Secret value, Instant expiresAt) {}

    /** One cached token per key and token URL, with its refresh state. */
    private static final class Entry {
        final ReentrantLock fetching = new ReentrantLock();
        final AtomicBoolean refreshing = new AtomicBoolean();
        volatile Token current;
    }

    private final Clock clock;
    private final Executor background;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public AccessTokens() {
        this(Clock.systemUTC(), task -> Thread.ofVirtual().name("gatehouse-google-token").start(task));
    }

    AccessTokens(Clock clock, Executor background) {
        this.clock = clock;
        this.background = background;
    }

    /**
     * A valid access token for {@code key}, fetched at {@code tokenUrl} through {@code transport}
     * when needed (a background refresh goes through the transport of the request that started it).
     */
    public Secret token(ServiceAccountKey key, URI tokenUrl, Duration timeout, Transport transport) {
        Entry entry = entries.computeIfAbsent(key.clientEmail() + " " + key.privateKeyId() + " " + tokenUrl,
                k -> new Entry());
        Token token = entry.current;
        Instant now = clock.instant();
        if (token != null && now.isBefore(token.expiresAt().minusSeconds(REFRESH_BEFORE_SECONDS))) {
            return token.value();
        }
        if (token != null && now.isBefore(token.expiresAt().minusSeconds(USABLE_MARGIN_SECONDS))) {
            if (entry.refreshing.compareAndSet(false, true)) {
                background.execute(() -> refresh(entry, key, tokenUrl, timeout, transport));
            }
            return token.value();
        }
        entry.fetching.lock();
        try {
            Token again = entry.current; // Another request may have fetched it while this one waited.
            if (again != null && clock.instant().isBefore(again.expiresAt().minusSeconds(USABLE_MARGIN_SECONDS))) {
                return again.value();
            }
            Token fresh = fetch(key, tokenUrl, timeout, transport);
            entry.current = fresh;
            return fresh.value();
        } finally {
            entry.fetching.unlock();
        }
    }

    private void refresh(Entry entry, ServiceAccountKey key, URI tokenUrl, Duration timeout, Transport transport) {
        entry.fetching.lock();
        try {
            entry.current = fetch(key, tokenUrl, timeout, transport);
        } catch (RuntimeException failed) {
            // The current token stays in use; once it is too close to expiry a request fetches and reports.
            LOG.log(System.Logger.Level.WARNING, () -> "refreshing the Google access token of " + key.clientEmail()
                    + " failed: " + failed.getMessage());
        } finally {
            entry.fetching.unlock();
            entry.refreshing.set(false);
        }
    }

    /** One exchange of a signed JWT for a token (https://developers.google.com/identity/protocols/oauth2/service-account). */
    private Token fetch(ServiceAccountKey key, URI tokenUrl, Duration timeout, Transport transport) {
        Instant now = clock.instant();
        String body = "grant_type=" + URLEncoder.encode(GRANT_TYPE, StandardCharsets.UTF_8) + "&assertion="
                + SignedJwt.of(key, CLOUD_PLATFORM, tokenUrl, now);
        UpstreamRequest request = new UpstreamRequest("POST", tokenUrl,
                Map.of("content-type", "application/x-www-form-urlencoded"), body.getBytes(StandardCharsets.US_ASCII),
                timeout).withTotalTimeout(timeout);
        JsonNode answer = UpstreamCalls.json(transport, request, (response, text) -> failure(response.status(), text,
                response.header("retry-after").orElse(null)), "Google's token endpoint");
        String token = Json.textOrNull(answer, "access_token");
        Integer expiresIn = Json.intOrNull(answer, "expires_in");
        if (token == null || token.isBlank() || expiresIn == null || expiresIn <= 0) {
            throw new GatewayException.UpstreamServerError(
                    "Google's token endpoint answered without an access token and its lifetime", 0, null);
        }
        return new Token(Secret.of(token), now.plusSeconds(expiresIn));
    }

    /** Google's OAuth errors are {@code {"error":…,"error_description":…}}; the code says what went wrong. */
    private GatewayException failure(int status, String body, String retryAfter) {
        String code = null;
        try {
            code = Json.textOrNull(Json.mapper().readTree(body), "error");
        } catch (java.io.IOException notJson) {
            // The status alone decides.
        }
        String detail = code == null ? "" : " (" + code + ")";
        if (status == 429) {
            return new GatewayException.RateLimited("Google's token endpoint is rate limiting" + detail,
                    RetryAfter.parseHeader(retryAfter, clock), false, body);
        }
        if (status >= 500) {
            return new GatewayException.UpstreamServerError("Google's token endpoint failed" + detail, status, body);
        }
        return new GatewayException.Authentication("Google refused the deployment's service-account key" + detail,
                body);
    }
}
