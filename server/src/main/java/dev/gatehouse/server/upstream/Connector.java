package dev.gatehouse.server.upstream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens connections to upstreams: TCP with TCP_NODELAY (without it every streamed chunk can
 * wait for a delayed ACK) within the connect timeout, and for https TLS with the server name
 * sent (SNI), the certificate checked against the host name, and only HTTP/1.1 offered (ALPN).
 */
final class Connector {

    private static final String[] HTTP_1_1 = {"http/1.1"};

    private final SSLSocketFactory tls;
    private final int connectTimeoutMillis;

    Connector(SSLSocketFactory tls, int connectTimeoutMillis) {
        this.tls = tls;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    /**
     * A new connection to {@code destination}; the TLS handshake waits at most
     * {@code readTimeoutMillis} for each of the upstream's messages.
     */
    Http1Connection open(Destination destination, int readTimeoutMillis) throws IOException {
        Socket tcp = new Socket();
        try {
            tcp.setTcpNoDelay(true);
            // Resolving happens here: an unknown host is an UnknownHostException "before sending".
            InetSocketAddress address = new InetSocketAddress(destination.socketHost(), destination.port());
            if (address.isUnresolved()) {
                throw new java.net.UnknownHostException(destination.socketHost());
            }
            tcp.connect(address, connectTimeoutMillis);
            if (!destination.tls()) {
                return new Http1Connection(destination, tcp, tcp);
            }
            SSLSocket socket = (SSLSocket) tls.createSocket(tcp, destination.socketHost(), destination.port(), true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setApplicationProtocols(HTTP_1_1);
            if (!destination.isAddressLiteral()) {
                parameters.setServerNames(List.of(new SNIHostName(destination.socketHost())));
            }
            socket.setSSLParameters(parameters);
            tcp.setSoTimeout(readTimeoutMillis);
            socket.startHandshake();
            return new Http1Connection(destination, tcp, socket);
        } catch (IOException | RuntimeException e) {
            tcp.close();
            throw e;
        }
    }
}
