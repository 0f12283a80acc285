package dev.gatehouse.server.http;

import dev.gatehouse.server.attribution.EndUsers;
import dev.gatehouse.server.auth.Authenticator;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.limit.Limiter;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The key check as the HTTP layer applies it to every model route: the key from the request's
 * headers, the client's address from its connection.
 *
 * <p>The key is read from {@code Authorization: Bearer} (OpenAI clients), {@code x-api-key}
 * (Anthropic clients) or {@code api-key} (Azure OpenAI clients), and first from LiteLLM's
 * {@code x-litellm-api-key}, which LiteLLM's clients send where {@code Authorization} carries
 * something else and which LiteLLM reads before it (its {@code get_litellm_virtual_key}, with or
 * without {@code Bearer}). The address is the connection's
 * peer: Gatehouse does not read {@code X-Forwarded-For}, which any client can write.
 */
public final class RequestAccess {

    private static final HeaderName X_API_KEY = HeaderNames.create("x-api-key");
    private static final HeaderName API_KEY = HeaderNames.create("api-key");
    private static final HeaderName LITELLM_KEY = HeaderNames.create("x-litellm-api-key");

    private final Authenticator authenticator;
    private final Limiter limiter;
    private final EndUsers endUsers;

    /**
     * @param limiter  the budgets and rate limits every model request is admitted under
     * @param endUsers the end users requests name, with their own limits
     */
    public RequestAccess(Authenticator authenticator, Limiter limiter, EndUsers endUsers) {
        this.authenticator = authenticator;
        this.limiter = limiter;
        this.endUsers = endUsers;
    }

    public Limiter limiter() {
        return limiter;
    }

    public EndUsers endUsers() {
        return endUsers;
    }

    /** Authenticates the request for {@code endpoint}; throws the 401/403/503 to answer with. */
    public Caller check(ServerRequest request, Endpoint endpoint) {
        return authenticator.authenticate(presentedKey(request), client(request), endpoint);
    }

    /** Checks that the caller may use {@code model}; throws the 403 to answer with. */
    public void checkModel(Caller caller, String model, ServerRequest request) {
        authenticator.checkModel(caller, model, client(request));
    }

    /** Whether the caller may use {@code model}, without recording a refusal (for listings). */
    public boolean mayUse(Caller caller, String model) {
        return authenticator.mayUse(caller, model);
    }

    static Optional<String> presentedKey(ServerRequest request) {
        Optional<String> liteLlm = request.headers().first(LITELLM_KEY);
        if (liteLlm.isPresent()) {
            String value = liteLlm.get().strip();
            return Optional.of(value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : value);
        }
        Optional<String> authorization = request.headers().first(HeaderNames.AUTHORIZATION);
        if (authorization.isPresent()) {
            String value = authorization.get().strip();
            return value.regionMatches(true, 0, "Bearer ", 0, 7) ? Optional.of(value.substring(7).strip())
                    : Optional.of("");
        }
        return request.headers().first(X_API_KEY).or(() -> request.headers().first(API_KEY));
    }

    public static InetAddress client(ServerRequest request) {
        if (request.remotePeer().address() instanceof InetSocketAddress socket && socket.getAddress() != null) {
            return socket.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }
}
