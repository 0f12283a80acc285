package dev.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.DataUrl;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.testkit.FakeHttpServer;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageFetcherTest {

    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
    /** A fetcher that resolves every name to {@code address} and applies the real rules. */
    private ImageFetcher resolvingTo(String address) {
        ImageFetcher.Policy real = ImageFetcher.Policy.publicInternet();
        return new ImageFetcher(new ImageFetcher.Policy(host -> new InetAddress[] {InetAddress.getByName(address)},
                real.allowedAddress(), real.allowedPort(), real.schemes(), 1024, Duration.ofSeconds(2),
                Duration.ofSeconds(2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "0.0.0.0", "::1", "fc00::1", "fe80::1", "::ffff:10.0.0.1", "224.0.0.1"})
    void refusesPrivateAndReservedAddressesBeforeConnecting(String address) {
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                () -> resolvingTo(address).fetch("https://images.example.com/cat.png", "messages[0].content[1]"));
        assertEquals("messages[0].content[1]", error.param());
        assertTrue(error.getMessage().contains("private or reserved address"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.com/a.png", "http://example.com/a.png", "gopher://example.com/",
        "https://user:pw@example.com/a.png", "https://example.com:8443/a.png", "not a url", "https:///nohost"})
    void refusesUrlsThatAreNotPlainWebImages(String url) {
        assertThrows(GatewayException.BadRequest.class, () -> resolvingTo("93.184.216.34").fetch(url, "p"));
    }

    @Test
    void publicAddressesAreAllowed() throws Exception {
        for (String address : List.of("93.184.216.34", "8.8.8.8", "2606:2800:220:1:248:1893:25c8:1946")) {
            assertTrue(PublicAddresses.isPublic(InetAddress.getByName(address)), address);
        }
        assertFalse(PublicAddresses.isPublic(InetAddress.getByName("198.18.0.1")));
        assertFalse(PublicAddresses.isPublic(InetAddress.getByName("2001:db8::1")));
    }

    /**
     * The fetch path itself, against a loopback server on any port over plain http (the fakes
     * have no TLS), which this test (only) allows.
     */
    private ImageFetcher loopback(long maxBytes) {
        return loopback(InetAddress::getAllByName, maxBytes, Duration.ofSeconds(5));
    }

    private static ImageFetcher loopback(ImageFetcher.Resolver resolver, long maxBytes, Duration total) {
        return new ImageFetcher(new ImageFetcher.Policy(resolver, InetAddress::isLoopbackAddress, port -> true,
                Set.of("http"), maxBytes, Duration.ofSeconds(2), total));
    }

    private static String imageUrl(FakeHttpServer server) {
        return server.baseUrl() + "/cat.png";
    }

    @Test
    void fetchesAnImageAsADataUrl() {
        try (FakeHttpServer server = new FakeHttpServer(r -> new Reply.Full(200, Map.of("content-type", "image/png"), PNG))) {
            DataUrl image = loopback(1024).fetch(imageUrl(server), "p");
            assertEquals("image/png", image.mediaType());
            assertEquals(Base64.getEncoder().encodeToString(PNG), image.base64Data());
        }
    }

    @Test
    void refusesWhatIsNotAnAcceptedImage() {
        try (FakeHttpServer html = new FakeHttpServer(r -> new Reply.Full(200, Map.of("content-type", "text/html"),
                "<html>".getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
            assertTrue(assertThrows(GatewayException.BadRequest.class, () -> loopback(1024).fetch(imageUrl(html), "p"))
                    .getMessage().contains("text/html"));
        }
        try (FakeHttpServer big = new FakeHttpServer(r -> new Reply.Full(200, Map.of("content-type", "image/png"),
                new byte[2048]))) {
            assertTrue(assertThrows(GatewayException.BadRequest.class, () -> loopback(1024).fetch(imageUrl(big), "p"))
                    .getMessage().contains("larger than 1024 bytes"));
        }
    }

    @Test
    void doesNotFollowRedirects() {
        List<RecordedRequest> seen = new ArrayList<>();
        try (FakeHttpServer server = new FakeHttpServer(r -> {
            seen.add(r);
            return new Reply.Full(302, Map.of("location", "http://169.254.169.254/latest/meta-data/"), new byte[0]);
        })) {
            GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                    () -> loopback(1024).fetch(imageUrl(server), "p"));
            assertTrue(error.getMessage().contains("redirects are not followed"), error.getMessage());
            assertEquals(1, seen.size(), "one request, no second hop");
        }
    }

    @Test
    void readsAChunkedImage() {
        try (FakeHttpServer server = new FakeHttpServer(r -> new Reply.Stream(200, Map.of("content-type", "image/png"),
                List.of(Reply.Frame.of(java.util.Arrays.copyOfRange(PNG, 0, 10)),
                        Reply.Frame.of(java.util.Arrays.copyOfRange(PNG, 10, PNG.length))), false))) {
            assertEquals(Base64.getEncoder().encodeToString(PNG), loopback(1024).fetch(imageUrl(server), "p").base64Data());
        }
    }

    /**
     * A server that sends a byte now and then, each pause shorter than the read timeout, is cut
     * off by the total deadline instead of holding the request for as long as it likes.
     */
    @Test
    void aServerDrippingBytesIsCutOffAtTheTotalDeadline() {
        List<Reply.Frame> drip = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            drip.add(new Reply.Frame(new byte[] {PNG[i % PNG.length]}, Duration.ofMillis(100)));
        }
        try (FakeHttpServer server = new FakeHttpServer(r -> new Reply.Stream(200, Map.of("content-type", "image/png"),
                drip, false))) {
            GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                    () -> loopback(InetAddress::getAllByName, 1024, Duration.ofMillis(500)).fetch(imageUrl(server), "p"));
            assertTrue(error.getMessage().contains("did not arrive whole within"), error.getMessage());
            assertEquals("p", error.param());
        }
    }

    /**
     * The host is resolved once, and the connection goes to the address that was checked: a
     * resolver that would answer a private address the second time (DNS rebinding) is never
     * asked again, and the server still sees the host's name.
     */
    @Test
    void connectsToTheCheckedAddressWithoutResolvingAgain() {
        AtomicInteger lookups = new AtomicInteger();
        ImageFetcher.Resolver rebinding = host -> new InetAddress[] {InetAddress.getByName(
                lookups.incrementAndGet() == 1 ? "127.0.0.1" : "10.0.0.1")};
        List<RecordedRequest> seen = new ArrayList<>();
        try (FakeHttpServer server = new FakeHttpServer(r -> {
            seen.add(r);
            return new Reply.Full(200, Map.of("content-type", "image/png"), PNG);
        })) {
            String url = "http://images.rebind.test:" + server.baseUrl().getPort() + "/cat.png";
            DataUrl image = loopback(rebinding, 1024, Duration.ofSeconds(5)).fetch(url, "p");
            assertEquals(Base64.getEncoder().encodeToString(PNG), image.base64Data());
            assertEquals(1, lookups.get(), "resolved once");
            assertEquals(1, seen.size());
            assertEquals("images.rebind.test:" + server.baseUrl().getPort(), seen.getFirst().header("host").orElseThrow());
        }
    }

    @Test
    void aHostWithAnyPrivateAddressIsNotFetched() {
        List<RecordedRequest> seen = new ArrayList<>();
        try (FakeHttpServer server = new FakeHttpServer(r -> {
            seen.add(r);
            return new Reply.Full(200, Map.of("content-type", "image/png"), PNG);
        })) {
            ImageFetcher.Resolver mixed = host -> new InetAddress[] {InetAddress.getByName("93.184.216.34"),
                InetAddress.getByName("127.0.0.1")};
            ImageFetcher fetcher = new ImageFetcher(new ImageFetcher.Policy(mixed, PublicAddresses::isPublic,
                    port -> true, Set.of("http"), 1024, Duration.ofSeconds(2), Duration.ofSeconds(2)));
            GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class, () -> fetcher.fetch(
                    "http://images.mixed.test:" + server.baseUrl().getPort() + "/cat.png", "p"));
            assertTrue(error.getMessage().contains("private or reserved address"), error.getMessage());
            assertEquals(0, seen.size(), "nothing was sent");
        }
    }

    @Test
    void aBudgetSmallerThanTheLimitIsNamedAsTheRequestsAllowance() {
        try (FakeHttpServer server = new FakeHttpServer(r -> new Reply.Full(200, Map.of("content-type", "image/png"),
                new byte[600]))) {
            GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                    () -> loopback(1024).fetch(imageUrl(server), "p", 500));
            assertTrue(error.getMessage().contains("larger than 500 bytes, what is left of the request's allowance"),
                    error.getMessage());
        }
    }

    /**
     * Over https the connection goes to the checked address too, while TLS is spoken to the host
     * name: the server is sent the name (SNI) and the Host header, and its certificate is checked
     * against the name; a certificate for another name is refused.
     */
    @Test
    void httpsToTheCheckedAddressKeepsTheHostNameForSniAndTheCertificate() throws Exception {
        try (TlsImageServer server = new TlsImageServer("images.tls.test", PNG)) {
            AtomicInteger lookups = new AtomicInteger();
            ImageFetcher.Resolver resolver = host -> {
                lookups.incrementAndGet();
                return new InetAddress[] {InetAddress.getLoopbackAddress()};
            };
            ImageFetcher fetcher = new ImageFetcher(new ImageFetcher.Policy(resolver, InetAddress::isLoopbackAddress,
                    port -> true, Set.of("https"), 1024, Duration.ofSeconds(2), Duration.ofSeconds(5),
                    server.clientTls()));
            DataUrl image = fetcher.fetch("https://images.tls.test:" + server.port() + "/cat.png", "p");
            assertEquals(Base64.getEncoder().encodeToString(PNG), image.base64Data());
            assertEquals(1, lookups.get());
            assertEquals(List.of("images.tls.test"), server.serverNames);
            assertEquals(List.of("images.tls.test:" + server.port()), server.hosts);

            GatewayException.BadRequest wrongName = assertThrows(GatewayException.BadRequest.class, () -> fetcher.fetch(
                    "https://other.tls.test:" + server.port() + "/cat.png", "p"));
            assertTrue(wrongName.getMessage().contains("could not be fetched"), wrongName.getMessage());
            assertEquals(1, server.hosts.size(), "no request was sent over a connection whose certificate is for another name");
        }
    }

    /** A hostile image server gets a 400 naming the field, whatever it sends. */
    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: -5\r\n\r\nzz",
        "HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: x\r\n\r\nzz",
        "HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: 99999999999\r\n\r\nzz",
        "HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: 10\r\n\r\nzz",
        "HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nnot a chunk",
        "HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ntransfer-encoding: chunked\r\n\r\n-1\r\n",
        "HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ntransfer-encoding: chunked\r\n\r\nffffffffffff\r\n",
        "SSH-2.0-OpenSSH_9.6\r\n",
        "HTTP/1.1 abc OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\ncontent-type: image/png\r\n"})
    void malformedAnswersAreRefusedNamingTheField(String answer) throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (java.net.Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    socket.getOutputStream().write(answer.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                } catch (java.io.IOException e) {
                    // The test's assertion says what matters.
                }
            });
            GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class, () -> loopback(1024)
                    .fetch("http://127.0.0.1:" + server.getLocalPort() + "/cat.png", "messages[0].content[0].image_url.url"));
            assertEquals("messages[0].content[0].image_url.url", error.param());
        }
    }
}
