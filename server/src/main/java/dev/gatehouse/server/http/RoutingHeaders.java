package dev.gatehouse.server.http;

import dev.gatehouse.routing.RouteTrace;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * What routing did, told in the response's headers (docs/routing.md): the deployment that
 * answered, the attempts, the fallback model (and fallbacks skipped), the fields dropped for the
 * deployment's upstream.
 */
final class RoutingHeaders {

    private RoutingHeaders() {}

    /** Writes the headers of a request that routing sent upstream; nothing for one it did not. */
    static void write(RouteTrace trace, ServerResponse response) {
        if (trace.deployment() == null) {
            return;
        }
        response.header("x-gatehouse-deployment", trace.deployment().id());
        response.header("x-gatehouse-attempts", Integer.toString(trace.attempts()));
        String fallback = fallbackHeader(trace);
        if (fallback != null) {
            response.header("x-gatehouse-fallback", fallback);
        }
        if (!trace.dropped().isEmpty()) {
            response.header("x-gatehouse-dropped", droppedHeader(trace.dropped()));
        }
    }

    /**
     * The dropped fields' paths, comma-separated. The names are the caller's own JSON keys, so
     * anything outside printable ASCII (a CR/LF would split the header) and commas become '?',
     * and the value stops at 1 KB.
     */
    static String droppedHeader(List<String> paths) {
        StringBuilder out = new StringBuilder();
        for (String path : paths) {
            if (out.length() > 1024) {
                out.append(", ...");
                break;
            }
            if (!out.isEmpty()) {
                out.append(", ");
            }
            path.chars().limit(256).forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != ',' ? (char) c : '?'));
        }
        return out.toString();
    }

    /**
     * {@code x-gatehouse-fallback}: the fallback model that served, then each fallback skipped because
     * the key may not use it ({@code gpt-4.1; skipped=claude (not allowed for this key)}); null when
     * neither happened.
     */
    static String fallbackHeader(RouteTrace trace) {
        List<String> skipped = trace.skipped();
        if (skipped.isEmpty()) {
            return trace.fallback();
        }
        List<String> parts = new ArrayList<>(skipped.size() + 1);
        if (trace.fallback() != null) {
            parts.add(trace.fallback());
        }
        for (String model : skipped) {
            parts.add("skipped=" + model + " (not allowed for this key)");
        }
        return String.join("; ", parts);
    }
}
