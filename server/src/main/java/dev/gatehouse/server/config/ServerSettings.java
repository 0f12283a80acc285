package dev.gatehouse.server.config;

import java.time.Duration;

/**
 * The HTTP server's own settings.
 *
 * @param host           the address to listen on
 * @param port           the port (0 picks a free one)
 * @param maxBodyBytes   the largest request body accepted (images arrive inline, so megabytes)
 * @param maxMessages    the most messages one chat request may carry
 * @param maxHeaderBytes the largest request header section
 * @param drainTimeout   how long a graceful shutdown waits for open requests and streams
 */
public record ServerSettings(String host, int port, long maxBodyBytes, int maxMessages, int maxHeaderBytes,
        Duration drainTimeout) {

    public static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", 4000, 20L * 1024 * 1024, 2048, 16 * 1024, Duration.ofSeconds(30));
    }
}
