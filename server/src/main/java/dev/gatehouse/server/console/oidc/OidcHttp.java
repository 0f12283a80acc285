package dev.gatehouse.server.console.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Gatehouse's few calls to the identity provider, over the JDK's HTTP client: a GET of JSON (the
 * discovery document, the keys) and a POST of a form (the token request). Each is answered in
 * full within {@link #TIMEOUT} or fails, an answer is read up to {@link #MAX_ANSWER_BYTES}, and
 * redirects are not followed (the addresses come from the issuer's own document).
 */
final class OidcHttp {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    /** An answer: its status and its body as JSON (a JSON null node when it was not JSON). */
    record Answer(int status, JsonNode json) {}

    private final HttpClient client;
    private final Duration timeout;

    OidcHttp(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    OidcHttp(HttpClient client) {
        this(client, TIMEOUT);
    }

    static HttpClient defaultClient() {
        return HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Answer getJson(URI uri) throws ProviderUnavailable {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).header("accept", "application/json").GET().build());
    }

    /** POSTs {@code form}; {@code authorization} is an Authorization header's value, or null. */
    Answer postForm(URI uri, Map<String, String> form, String authorization) throws ProviderUnavailable {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("authorization", authorization);
        }
        return send(request.build());
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /**
     * Sends and reads the whole answer within the timeout from the start: the request's own
     * timeout covers only the wait for the headers, and a body could trickle in forever.
     */
    private Answer send(HttpRequest request) throws ProviderUnavailable {
        String where = request.uri().getHost();
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request, info -> new BoundedBody(MAX_ANSWER_BYTES));
        try {
            HttpResponse<byte[]> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), parse(response.body()));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new ProviderUnavailable("the identity provider at " + where + " did not answer within "
                    + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                // The request's own timeout (the wait for the headers) can end first, at the same deadline.
                throw new ProviderUnavailable("the identity provider at " + where + " did not answer within "
                        + timeout.toMillis() + " ms", cause);
            }
            throw new ProviderUnavailable("the identity provider at " + where + " could not be reached or read: "
                    + cause.getClass().getSimpleName(), cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderUnavailable("interrupted while calling the identity provider at " + where, e);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = Json.readRequest(body);
            return node == null ? Json.mapper().nullNode() : node;
        } catch (IOException e) {
            return Json.mapper().nullNode();
        }
    }
}
