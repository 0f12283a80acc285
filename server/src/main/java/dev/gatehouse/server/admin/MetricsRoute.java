package dev.gatehouse.server.admin;

import dev.gatehouse.server.auth.AdminKeys;
import dev.gatehouse.server.http.Exchange;
import dev.gatehouse.server.http.RequestAccess;
import dev.gatehouse.server.telemetry.Telemetry;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code GET /metrics}, Prometheus's text format. The metrics name every deployment, model and
 * route and show the traffic: on a listener that only this machine reaches they answer anyone,
 * as a scraper expects; on any other listener they need an admin key of any role (a scraper
 * sends it as a bearer token), unless {@code server.metrics_public: true} says the network in
 * front is trusted. With {@code admin_port} the route is served on the admin listener only.
 */
public final class MetricsRoute {

    /** IPv4 literals: 127.0.0.0/8 is loopback. */
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Telemetry telemetry;
    /** The admin keys a scraper must show one of; null on a listener that answers anyone. */
    private final AdminKeys required;

    /** The route for a listener bound to {@code host}. */
    public MetricsRoute(AdminKeys adminKeys, Telemetry telemetry, String host, boolean metricsPublic) {
        this.telemetry = telemetry;
        this.required = keyRequired(host, metricsPublic) ? adminKeys : null;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/metrics", this::handle);
    }

    /**
     * Whether a listener bound to {@code host} asks for an admin key: unless the metrics are
     * declared public, every host but a loopback one does. The decision is made from the
     * configured text, without resolving it: {@code localhost}, {@code 127.x.x.x} and {@code ::1}
     * are loopback; {@code 0.0.0.0}, {@code ::}, any other address and any other name (which may
     * resolve to an outside address, now or later) are not.
     */
    static boolean keyRequired(String host, boolean metricsPublic) {
        return !metricsPublic && !isLoopback(host);
    }

    static boolean isLoopback(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        if (IPV4.matcher(h).matches()) {
            return h.startsWith("127.");
        }
        if (h.contains(":") && h.matches("[0-9a-f:.]+")) {
            try {
                // An IPv6 literal (a colon is never part of a name): parsed, never looked up.
                return java.net.InetAddress.getByName(h).isLoopbackAddress();
            } catch (java.net.UnknownHostException malformed) {
                return false;
            }
        }
        return false;
    }

    private void handle(ServerRequest req, ServerResponse res) {
        Exchange exchange = new Exchange(req, res, "metrics", telemetry);
        if (required != null) {
            res.header("cache-control", "no-store");
            String source = RequestAccess.client(req).getHostAddress();
            if (required.authenticate(AdminApi.bearer(req), source).isEmpty()) {
                exchange.fail(new AdminErrors.Unauthorized());
                exchange.finish();
                return;
            }
        }
        exchange.sendText("text/plain; version=0.0.4", telemetry.metrics().scrape());
        exchange.finish();
    }
}
