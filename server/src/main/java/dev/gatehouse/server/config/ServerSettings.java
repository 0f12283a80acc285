package dev.gatehouse.server.config;

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
 */
public record ServerSettings(String host, int port, long maxBodyBytes, int maxMessages, int maxHeaderBytes,
        Duration drainTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 4000;
    public static final long DEFAULT_MAX_BODY_BYTES = 20L * 1024 * 1024;
    public static final int DEFAULT_MAX_MESSAGES = 2048;
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
    }

    /** This machine only, on port 4000, with limits that fit ordinary chat traffic. */
    public static ServerSettings defaults() {
        return new ServerSettings(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_MESSAGES,
                DEFAULT_MAX_HEADER_BYTES, DEFAULT_DRAIN_TIMEOUT);
    }
}
