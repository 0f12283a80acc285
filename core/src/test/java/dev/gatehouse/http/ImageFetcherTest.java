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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageFetcherTest {

    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
    private final JdkHttpTransport transport = new JdkHttpTransport(Duration.ofSeconds(2));

    /** A fetcher that resolves every name to {@code address} and applies the real rules. */
    private ImageFetcher resolvingTo(String address) {
        ImageFetcher.Policy real = ImageFetcher.Policy.publicInternet();
        return new ImageFetcher(transport, new ImageFetcher.Policy(host -> new InetAddress[] {InetAddress.getByName(address)},
                real.allowedAddress(), real.allowedPort(), 1024, Duration.ofSeconds(2)));
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
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.com/a.png", "gopher://example.com/",
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

    /** The fetch path itself, against a loopback server on any port, which this test (only) allows. */
    private ImageFetcher loopback(long maxBytes) {
        return new ImageFetcher(transport, new ImageFetcher.Policy(InetAddress::getAllByName,
                InetAddress::isLoopbackAddress, port -> true, maxBytes, Duration.ofSeconds(2)));
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
}
