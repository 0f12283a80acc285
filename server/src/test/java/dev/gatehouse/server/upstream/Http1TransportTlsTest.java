package dev.gatehouse.server.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * https through the transport, to an upstream on loopback with a self-signed certificate for
 * {@code localhost} (made by the JDK's keytool) that the transport is told to trust: the server
 * name is sent, HTTP/1.1 is agreed, and a host name the certificate does not name is refused.
 */
class Http1TransportTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static KeyStore keys;
    private static final List<String> serverNames = new CopyOnWriteArrayList<>();
    private static final List<String> protocols = new CopyOnWriteArrayList<>();
    private static ScriptedUpstream upstream;
    private static Http1Transport transport;

    @BeforeAll
    static void start() throws Exception {
        keys = selfSigned("localhost");
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        SSLParameters parameters = server.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        server.setSSLParameters(parameters);
        upstream = new ScriptedUpstream(server, (connection, index) -> {
            SSLSocket socket = (SSLSocket) connection.socket;
            socket.startHandshake();
            ((ExtendedSSLSession) socket.getSession()).getRequestedServerNames().forEach(name ->
                    serverNames.add(((SNIHostName) name).getAsciiName()));
            protocols.add(socket.getApplicationProtocol());
            while (connection.readRequest() != null) {
                connection.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret");
            }
        });
        transport = new Http1Transport(new EgressPolicy(Set.of("localhost", "127.0.0.1")), TIMEOUT, trusting(keys));
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
    }

    @Test
    void talksToAnUpstreamItsCertificateNames() {
        for (int i = 0; i < 2; i++) {
            try (UpstreamResponse response = transport.send(new UpstreamRequest("GET",
                    URI.create("https://localhost:" + upstream.port() + "/v1/models"), Map.of(), null, TIMEOUT))) {
                assertEquals("secret", new String(response.readAll(), StandardCharsets.UTF_8));
            }
        }
        assertTrue(serverNames.contains("localhost"), "the server name was sent: " + serverNames);
        assertEquals("http/1.1", protocols.getLast(), "only HTTP/1.1 was offered");
        assertTrue(upstream.heads.getLast().contains("\r\nHost: localhost:" + upstream.port() + "\r\n"));
    }

    @Test
    void refusesAHostTheCertificateDoesNotName() {
        GatewayException e = assertThrows(GatewayException.TransportFailure.class, () -> transport.send(
                new UpstreamRequest("GET", URI.create("https://127.0.0.1:" + upstream.port() + "/"), Map.of(), null,
                        TIMEOUT)));
        assertEquals("could not reach 127.0.0.1", e.getMessage());
        assertTrue(e.getCause() instanceof javax.net.ssl.SSLHandshakeException, String.valueOf(e.getCause()));
    }

    @Test
    void theDefaultTrustRefusesASelfSignedCertificate() {
        Http1Transport defaults = new Http1Transport(new EgressPolicy(Set.of("localhost")), TIMEOUT);
        GatewayException e = assertThrows(GatewayException.TransportFailure.class, () -> defaults.send(
                new UpstreamRequest("GET", URI.create("https://localhost:" + upstream.port() + "/"), Map.of(), null,
                        TIMEOUT)));
        assertTrue(e.getCause() instanceof javax.net.ssl.SSLHandshakeException, String.valueOf(e.getCause()));
    }

    private static KeyStore selfSigned(String host) throws Exception {
        Path dir = Files.createTempDirectory("gatehouse-tls");
        Path store = dir.resolve("upstream.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "upstream", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + host, "-ext", "SAN=dns:" + host, "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore loaded = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            loaded.load(in, PASSWORD);
        }
        Files.delete(store);
        Files.delete(dir);
        return loaded;
    }

    /** A client that trusts the upstream's certificate only. */
    private static SSLSocketFactory trusting(KeyStore keys) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("upstream", keys.getCertificate("upstream"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
