package dev.gatehouse.server.console.oidc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Just enough of a browser for the sign-in's redirects, followed by hand so each step can be
 * looked at: a cookie jar (name → value; Max-Age=0 or an expiry in 1970 deletes; path and host
 * are not told apart, since the test talks to loopback only) and requests without a body.
 */
final class Browser {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final Map<String, String> cookies = new LinkedHashMap<>();

    HttpResponse<String> get(URI uri) {
        return get(uri, Map.of());
    }

    HttpResponse<String> get(URI uri, Map<String, String> headers) {
        return send("GET", uri, headers);
    }

    HttpResponse<String> send(String method, URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (!cookies.isEmpty()) {
            request.header("cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : setCookies(response)) {
                String pair = set.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String lower = set.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("max-age=0") || lower.contains("expires=thu, 1 jan 1970")
                        || lower.contains("expires=thu, 01 jan 1970")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, pair.substring(pair.indexOf('=') + 1));
                }
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Follows the response's Location (relative to {@code from}). */
    HttpResponse<String> follow(URI from, HttpResponse<String> redirect) {
        return get(from.resolve(location(redirect)));
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("location").orElseThrow(() -> new AssertionError(
                "no Location in a " + response.statusCode() + ": " + response.body()));
    }

    static List<String> setCookies(HttpResponse<String> response) {
        return response.headers().allValues("set-cookie");
    }

    /** The Set-Cookie header of {@code name} in {@code response}. */
    static String setCookie(HttpResponse<String> response, String name) {
        return setCookies(response).stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie for " + name + ": " + setCookies(response)));
    }
}
