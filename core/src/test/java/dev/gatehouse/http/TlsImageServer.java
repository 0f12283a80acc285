package dev.gatehouse.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * An https server on loopback with a certificate for one host name (made by the JDK's keytool,
 * self-signed), answering every request with one PNG; it records the server names (SNI) and
 * Host headers it was sent. {@link #clientTls()} trusts its certificate and nothing else.
 */
final class TlsImageServer implements AutoCloseable {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final SSLServerSocket server;
    private final KeyStore keys;
    final List<String> serverNames = new CopyOnWriteArrayList<>();
    final List<String> hosts = new CopyOnWriteArrayList<>();

    TlsImageServer(String certifiedHost, byte[] png) throws Exception {
        Path dir = Files.createTempDirectory("gatehouse-tls");
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "image", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + certifiedHost, "-ext", "SAN=dns:" + certifiedHost, "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        Files.delete(store);
        Files.delete(dir);
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> serve(png));
    }

    int port() {
        return server.getLocalPort();
    }

    /** A client that trusts this server's certificate only. */
    SSLSocketFactory clientTls() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("image", keys.getCertificate("image"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private void serve(byte[] png) {
        while (!server.isClosed()) {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.setSoTimeout(5_000);
                socket.startHandshake();
                ((ExtendedSSLSession) socket.getSession()).getRequestedServerNames().forEach(name ->
                        serverNames.add(((SNIHostName) name).getAsciiName()));
                String head = readHead(socket.getInputStream());
                for (String line : head.split("\r\n")) {
                    if (line.regionMatches(true, 0, "host:", 0, 5)) {
                        hosts.add(line.substring(5).trim());
                    }
                }
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: " + png.length
                        + "\r\nconnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(png);
                out.flush();
            } catch (IOException e) {
                // A client that refused the certificate, or the server closing: the next connection, if any.
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b = in.read(); b >= 0 && head.size() < 16 * 1024; b = in.read()) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
