package dev.gatehouse.server.config;

import dev.gatehouse.http.UpstreamLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP server listens and what it accepts.
 *
 * @param host           the address to listen on
 * @param port           the port to listen on; 0 picks a free one
 * @param maxBodyBytes   the largest request body accepted
 * @param maxMessages    the most messages one chat request may carry
 * @param maxHeaderBytes the largest request head (request line and headers) accepted
 * @param drainTimeout   how long a graceful shutdown waits for requests in flight
 * @param adminHost      the address the admin API listens on, when it has a port of its own
 * @param adminPort      the admin API's own port (0 picks a free one); null serves it on the main port
 * @param metricsPublic  whether {@code /metrics} answers without an admin key on a listener that is
 *                       not bound to loopback (see {@code MetricsRoute} in the admin API)
 * @param upstream       how much of an upstream's answer is read: a whole body, one stream event
 */
public record ServerSettings(String host, int port, long maxBodyBytes, int maxMessages, int maxHeaderBytes,
        Duration drainTimeout, String adminHost, Integer adminPort, boolean metricsPublic, UpstreamLimits upstream) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 4000;
    public static final long DEFAULT_MAX_BODY_BYTES = 20L * 1024 * 1024;
    public static final int DEFAULT_MAX_MESSAGES = 2048;
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(adminHost, "adminHost");
        Objects.requireNonNull(upstream, "upstream");
    }

    public ServerSettings(String host, int port, long maxBodyBytes, int maxMessages, int maxHeaderBytes,
            Duration drainTimeout, String adminHost, Integer adminPort, boolean metricsPublic) {
        this(host, port, maxBodyBytes, maxMessages, maxHeaderBytes, drainTimeout, adminHost, adminPort, metricsPublic,
                UpstreamLimits.DEFAULTS);
    }

    /** Settings with the admin API on the main port. */
    public ServerSettings(String host, int port, long maxBodyBytes, int maxMessages, int maxHeaderBytes,
            Duration drainTimeout) {
        this(host, port, maxBodyBytes, maxMessages, maxHeaderBytes, drainTimeout, DEFAULT_HOST, null);
    }

    /** Settings whose {@code /metrics} needs an admin key off loopback. */
    public ServerSettings(String host, int port, long maxBodyBytes, int maxMessages, int maxHeaderBytes,
            Duration drainTimeout, String adminHost, Integer adminPort) {
        this(host, port, maxBodyBytes, maxMessages, maxHeaderBytes, drainTimeout, adminHost, adminPort, false);
    }

    /** These settings with the admin API on a listener of its own. */
    public ServerSettings withAdminListener(String host, int port) {
        return new ServerSettings(this.host, this.port, maxBodyBytes, maxMessages, maxHeaderBytes, drainTimeout, host,
                port, metricsPublic, upstream);
    }

    /** These settings on another main port. */
    public ServerSettings withPort(int port) {
        return new ServerSettings(host, port, maxBodyBytes, maxMessages, maxHeaderBytes, drainTimeout, adminHost,
                adminPort, metricsPublic, upstream);
    }

    /** These settings with {@code /metrics} open to anyone who reaches it ({@code metrics_public}). */
    public ServerSettings withMetricsPublic(boolean open) {
        return new ServerSettings(host, port, maxBodyBytes, maxMessages, maxHeaderBytes, drainTimeout, adminHost,
                adminPort, open, upstream);
    }

    /** These settings with other bounds on what is read of an upstream's answer. */
    public ServerSettings withUpstream(UpstreamLimits limits) {
        return new ServerSettings(host, port, maxBodyBytes, maxMessages, maxHeaderBytes, drainTimeout, adminHost,
                adminPort, metricsPublic, limits);
    }

    /** This machine only, on port 4000, with limits that fit ordinary chat traffic. */
    public static ServerSettings defaults() {
        return new ServerSettings(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_MESSAGES,
                DEFAULT_MAX_HEADER_BYTES, DEFAULT_DRAIN_TIMEOUT);
    }
}
