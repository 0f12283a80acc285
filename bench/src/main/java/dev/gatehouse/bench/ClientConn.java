package dev.gatehouse.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** One keep-alive client connection of a {@link LoadLoop}: its channel, the request in flight, and its reader. */
final class ClientConn {
    final SocketChannel channel;
    final ResponseReader reader = new ResponseReader();
    SelectionKey key;
    boolean connected;
    /** The request in flight (or waiting for the connection to open); null when idle. */
    Ask ask;
    long origin;
    /** What the socket did not take yet of the request. */
    ByteBuffer unsent;

    ClientConn(SocketChannel channel) {
        this.channel = channel;
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closed either way.
        }
    }
}
