package dev.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which transport failures happened before the request left (not billable by the upstream) and
 * which after (billable): the budget charges the second kind only (docs/spend.md).
 */
class ConnectFailuresTest {

    @Test
    void failuresToConnectAreBeforeSending() {
        assertTrue(ConnectFailures.beforeSending(new UncheckedIOException(new ConnectException("refused"))));
        assertTrue(ConnectFailures.beforeSending(new UnknownHostException("nowhere.invalid")));
        SocketTimeoutException connecting = new SocketTimeoutException("Connect timed out");
        connecting.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("java.net.Socket", "connect", "Socket.java", 1),
                new StackTraceElement("io.helidon.webclient.api.TcpClientConnection", "connect", null, 1)});
        assertTrue(ConnectFailures.beforeSending(new UncheckedIOException(connecting)));
    }

    @Test
    void aTimeoutOrABreakAfterConnectingIsNot() {
        SocketTimeoutException reading = new SocketTimeoutException("Read timed out");
        reading.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("sun.nio.ch.NioSocketImpl", "read", null, 1)});
        assertFalse(ConnectFailures.beforeSending(reading));
        assertFalse(ConnectFailures.beforeSending(new IOException("connection reset")));
    }

    @Test
    void theJdkTransportMarksARefusedConnectionAsNotBillable() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        GatewayException failure = assertThrows(GatewayException.class, () -> new JdkHttpTransport().send(
                UpstreamRequest.postJson(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"), Map.of(),
                        new byte[0], Duration.ofSeconds(2))));
        assertFalse(failure.upstreamMayBill(), failure.getMessage());
        assertTrue(new GatewayException.UpstreamServerError("boom", 500, null).upstreamMayBill());
        assertTrue(new GatewayException.UpstreamTimeout("no answer", null).upstreamMayBill());
        assertFalse(new GatewayException.RateLimited("slow down", null, false, null).upstreamMayBill());
    }
}
