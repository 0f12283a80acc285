package dev.gatehouse.http;

import dev.gatehouse.api.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The library's default {@link Transport}, on {@link HttpClient}: redirects never followed,
 * a connect timeout, and the per-request timeout up to the response headers. The server uses
 * a faster transport on Helidon's client.
 */
public final class JdkHttpTransport implements Transport {

    private final HttpClient client;

    public JdkHttpTransport(Duration connectTimeout) {
        this.client = HttpClient.newBuilder()
                // The client's own tasks on virtual threads: none is kept idle, so a burst of failing
                // or cancelled requests leaves no pool of platform threads behind it.
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public JdkHttpTransport() {
        this(Duration.ofSeconds(10));
    }

    @Override
    public Transport withConnectTimeout(Duration connectTimeout) {
        return new JdkHttpTransport(connectTimeout);
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(request.timeout());
        request.headers().forEach(builder::header);
        builder.method(request.method(), request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new UpstreamResponse(response.statusCode(), lowerCaseNames(response.headers().map()),
                    Deadlines.guard(Deadlines.idle(response.body(), request.idleTimeout()),
                            request.totalTimeout(), start));
        } catch (HttpTimeoutException e) {
            throw new GatewayException.UpstreamTimeout(
                    "no answer from " + request.uri().getHost() + " within " + request.timeout().toMillis() + " ms", e,
                    !ConnectFailures.beforeSending(e));
        } catch (IOException e) {
            throw new GatewayException.TransportFailure("could not reach " + request.uri().getHost(), e,
                    !ConnectFailures.beforeSending(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException.TransportFailure("interrupted while calling " + request.uri().getHost(), e);
        }
    }

    private static Map<String, List<String>> lowerCaseNames(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> out.put(name.toLowerCase(Locale.ROOT), values));
        return out;
    }
}
