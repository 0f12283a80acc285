package dev.gatehouse.server.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/1.1 transport against an upstream that writes its answers byte by byte: framings,
 * keep-alive and its limits, the request as sent, and how failures are told apart.
 */
class Http1TransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Http1Transport transport = new Http1Transport(new EgressPolicy(Set.of("127.0.0.1")), TIMEOUT);

    private UpstreamResponse get(ScriptedUpstream upstream, String target) {
        return transport.send(new UpstreamRequest("GET", URI.create(upstream.url(target)), Map.of(), null, TIMEOUT));
    }

    private static String text(UpstreamResponse response) {
        return new String(response.readAll(), StandardCharsets.UTF_8);
    }

    /** Answers every request on a connection with {@code answer}, until the client closes it. */
    private static ScriptedUpstream answering(String answer) throws IOException {
        return new ScriptedUpstream((connection, index) -> {
            while (connection.readRequest() != null) {
                connection.write(answer);
            }
        });
    }

    @Test
    void sequentialRequestsShareOneConnection() throws IOException {
        try (ScriptedUpstream upstream = answering("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Twice: a\r\n"
                + "x-twice: b\r\nContent-Length: 2\r\n\r\nok")) {
            try (UpstreamResponse first = get(upstream, "/one")) {
                assertEquals(200, first.status());
                assertEquals(List.of("a", "b"), first.headers().get("x-twice"), "names in lower case, values in order");
                assertEquals("text/plain", first.header("content-type").orElseThrow());
                assertEquals("ok", text(first));
            }
            try (UpstreamResponse second = get(upstream, "/two")) {
                assertEquals("ok", text(second));
            }
            assertEquals(1, upstream.accepted.get());
        }
    }

    @Test
    void readsAChunkedBodyAndItsTrailers() throws IOException {
        try (ScriptedUpstream upstream = answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n5;name=value\r\nde\r\nf\r\nA \r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n")) {
            for (int i = 0; i < 2; i++) {
                try (UpstreamResponse response = get(upstream, "/chunks")) {
                    assertEquals("abcde\r\nf0123456789", text(response));
                    assertNull(response.headers().get("x-trailer"), "trailers are dropped");
                }
            }
            assertEquals(1, upstream.accepted.get(), "the trailers were read: the connection was reused");
        }
    }

    @Test
    void readsABodyUntilTheUpstreamCloses() throws IOException, InterruptedException {
        try (ScriptedUpstream upstream = new ScriptedUpstream((connection, index) -> {
            connection.readRequest();
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
        })) {
            try (UpstreamResponse response = get(upstream, "/")) {
                assertEquals("until the end", text(response));
            }
            try (UpstreamResponse response = get(upstream, "/")) {
                assertEquals("until the end", text(response));
            }
            assertEquals(2, upstream.accepted.get(), "a body ended by the close leaves no connection to reuse");
        }
    }

    @Test
    void headAnd204And304HaveNoBody() throws IOException {
        try (ScriptedUpstream upstream = new ScriptedUpstream((connection, index) -> {
            connection.readRequest();
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
            connection.readRequest();
            connection.write("HTTP/1.1 204 No Content\r\n\r\n");
            connection.readRequest();
            connection.write("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n");
            connection.readRequest();
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlast");
            connection.awaitDisconnect();
        })) {
            try (UpstreamResponse head = transport.send(new UpstreamRequest("HEAD", URI.create(upstream.url("/")),
                    Map.of(), null, TIMEOUT))) {
                assertEquals(0, head.readAll().length);
                assertEquals("10", head.header("content-length").orElseThrow());
            }
            try (UpstreamResponse noContent = get(upstream, "/")) {
                assertEquals(204, noContent.status());
                assertEquals(0, noContent.readAll().length);
            }
            try (UpstreamResponse notModified = get(upstream, "/")) {
                assertEquals(304, notModified.status());
                assertEquals(0, notModified.readAll().length);
            }
            try (UpstreamResponse last = get(upstream, "/")) {
                assertEquals("last", text(last));
            }
            assertEquals(1, upstream.accepted.get());
        }
    }

    @Test
    void skipsInterimResponses() throws IOException {
        try (ScriptedUpstream upstream = answering("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\n"
                + "Link: </style.css>; rel=preload\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\ndone")) {
            try (UpstreamResponse response = get(upstream, "/")) {
                assertEquals(201, response.status());
                assertNull(response.headers().get("link"), "the interim response's headers are not the answer's");
                assertEquals("done", text(response));
            }
        }
    }

    @Test
    void sendsTheRequestAsWritten() throws IOException {
        try (ScriptedUpstream upstream = answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
            byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
            transport.send(new UpstreamRequest("POST", URI.create(upstream.url("/model/a%3Ab/invoke?x=a%2Fb")),
                    Map.of("Authorization", "Bearer k", "content-length", "999"), body, TIMEOUT)).close();
            transport.send(new UpstreamRequest("POST", URI.create(upstream.url("/empty")), Map.of(), null, TIMEOUT))
                    .close();
            transport.send(new UpstreamRequest("GET", URI.create(upstream.url("")), Map.of("Host", "example.test"),
                    null, TIMEOUT)).close();

            String first = upstream.heads.get(0);
            assertTrue(first.startsWith("POST /model/a%3Ab/invoke?x=a%2Fb HTTP/1.1\r\n"), first);
            assertTrue(first.contains("\r\nHost: 127.0.0.1:" + upstream.port() + "\r\n"), first);
            assertTrue(first.contains("\r\nAuthorization: Bearer k\r\n"), first);
            assertTrue(first.contains("\r\nUser-Agent: Gatehouse\r\n"), first);
            assertTrue(first.contains("\r\nContent-Length: 7\r\n"), first);
            assertFalse(first.contains("999"), "the caller's length is replaced by the body's");
            assertFalse(first.toLowerCase(java.util.Locale.ROOT).contains("expect"), first);
            assertArrayEquals(body, upstream.bodies.get(0));

            assertTrue(upstream.heads.get(1).contains("\r\nContent-Length: 0\r\n"), upstream.heads.get(1));

            String third = upstream.heads.get(2);
            assertTrue(third.startsWith("GET / HTTP/1.1\r\nHost: example.test\r\nUser-Agent: Gatehouse\r\n\r\n"), third);
            transport.send(new UpstreamRequest("GET", URI.create(upstream.url("/")), Map.of("user-agent", "theirs/1"),
                    null, TIMEOUT)).close();
            String fourth = upstream.heads.get(3);
            assertTrue(fourth.contains("\r\nuser-agent: theirs/1\r\n") && !fourth.contains("Gatehouse"), fourth);
        }
    }

    @Test
    void refusesAHeaderValueWithALineBreak() throws IOException {
        try (ScriptedUpstream upstream = answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
            GatewayException refused = assertThrows(GatewayException.TransportFailure.class, () -> transport.send(
                    new UpstreamRequest("GET", URI.create(upstream.url("/")), Map.of("x-a", "b\r\nx-injected: c"), null,
                            TIMEOUT)));
            assertFalse(refused.upstreamMayBill(), "nothing was sent");
        }
    }

    @Test
    void retriesOnceWhenThePooledConnectionWasClosedByTheUpstream() throws IOException, InterruptedException {
        try (ScriptedUpstream upstream = new ScriptedUpstream((connection, index) -> {
            connection.readRequest();
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"); // keep-alive, then closes
        })) {
            try (UpstreamResponse response = get(upstream, "/")) {
                assertEquals("ok", text(response));
            }
            assertEquals(0, ScriptedUpstream.next(upstream.closed), "the upstream closed the idle connection");
            try (UpstreamResponse response = get(upstream, "/")) {
                assertEquals("ok", text(response));
            }
            assertEquals(2, upstream.accepted.get());
        }
    }

    @Test
    void closingABodyEarlyClosesTheConnection() throws IOException, InterruptedException {
        try (ScriptedUpstream upstream = new ScriptedUpstream((connection, index) -> {
            connection.readRequest();
            connection.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\ndata: \r\n");
            connection.awaitDisconnect();
        })) {
            UpstreamResponse response = get(upstream, "/stream");
            byte[] start = new byte[6];
            assertEquals(6, response.body().readNBytes(start, 0, 6));
            response.close();
            assertEquals(0, ScriptedUpstream.next(upstream.disconnects), "the upstream saw the disconnect");
            assertThrows(IOException.class, () -> response.body().read(), "a closed body can not be read");

            get(upstream, "/stream").close();
            assertEquals(2, upstream.accepted.get(), "the next request had a new connection");
        }
    }

    @Test
    void anUpstreamClosingMidBodyIsAnError() throws IOException {
        try (ScriptedUpstream upstream = new ScriptedUpstream((connection, index) -> {
            connection.readRequest();
            connection.write(index == 0 ? "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"
                    : "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab");
        })) {
            for (int i = 0; i < 2; i++) {
                try (UpstreamResponse response = get(upstream, "/")) {
                    InputStream body = response.body();
                    IOException e = assertThrows(IOException.class, body::readAllBytes);
                    assertEquals("the upstream closed the connection before its response ended", e.getMessage());
                }
            }
        }
    }

    @Test
    void refusesMalformedFraming() throws IOException {
        try (ScriptedUpstream upstream = new ScriptedUpstream((connection, index) -> {
            connection.readRequest();
            connection.write(index == 0 ? "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"
                    : "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n");
            connection.awaitDisconnect();
        })) {
            GatewayException conflicting = assertThrows(GatewayException.TransportFailure.class, () -> get(upstream, "/"));
            assertEquals("the upstream sent conflicting Content-Length values", conflicting.getCause().getMessage());
            try (UpstreamResponse response = get(upstream, "/")) {
                IOException e = assertThrows(IOException.class, () -> response.body().readAllBytes());
                assertEquals("the upstream sent a malformed chunk size in a chunked response", e.getMessage());
            }
        }
    }

    @Test
    void aSilentUpstreamIsATimeout() throws IOException {
        try (ScriptedUpstream upstream = new ScriptedUpstream((connection, index) -> {
            connection.readRequest();
            connection.awaitDisconnect();
        })) {
            GatewayException e = assertThrows(GatewayException.UpstreamTimeout.class, () -> transport.send(
                    new UpstreamRequest("GET", URI.create(upstream.url("/")), Map.of(), null, Duration.ofMillis(200))));
            assertEquals("no answer from 127.0.0.1 within 200 ms", e.getMessage());
            assertTrue(e.upstreamMayBill());
        }
    }

    @Test
    void aClosedPortCanNotBeBilled() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        GatewayException e = assertThrows(GatewayException.TransportFailure.class, () -> transport.send(
                new UpstreamRequest("GET", URI.create("http://127.0.0.1:" + port + "/"), Map.of(), null, TIMEOUT)));
        assertEquals("could not reach 127.0.0.1", e.getMessage());
        assertFalse(e.upstreamMayBill());
    }

    @Test
    void checksTheEgressPolicyFirst() {
        Http1Transport strict = new Http1Transport(new EgressPolicy(Set.of()), TIMEOUT);
        GatewayException e = assertThrows(GatewayException.TransportFailure.class, () -> strict.send(
                new UpstreamRequest("GET", URI.create("http://127.0.0.1:9/"), Map.of(), null, TIMEOUT)));
        assertTrue(e.getMessage().startsWith("refusing to connect to 127.0.0.1"), e.getMessage());
    }

    @Test
    void returnsARedirectWithoutFollowingIt() throws IOException {
        try (ScriptedUpstream upstream = answering("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:9/elsewhere\r\n"
                + "Content-Length: 0\r\n\r\n")) {
            try (UpstreamResponse response = get(upstream, "/")) {
                assertEquals(302, response.status());
                assertEquals(1, upstream.heads.size());
            }
        }
    }
}
