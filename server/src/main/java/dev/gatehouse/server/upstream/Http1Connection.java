package dev.gatehouse.server.upstream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One connection to an upstream, used by one exchange at a time: the socket, one read buffer
 * that the response head and body are read through, and one write buffer the request head (and
 * a small body) is gathered in so that it leaves in one write.
 */
final class Http1Connection {

    private static final int READ_BUFFER = 8 * 1024;
    /**
     * Room for a request head with its credentials and a small body; a longer head grows it, a
     * larger body is written after it. Small, because every open stream holds a connection: at
     * 10,000 streams each kilobyte here is 10 MB of heap.
     */
    private static final int WRITE_BUFFER = 2 * 1024;

    final Destination destination;
    /** The TCP socket; for TLS, the socket under the TLS one. Closing it aborts a read or write at once. */
    private final Socket tcp;
    private final InputStream in;
    private final OutputStream out;

    private final byte[] readBuffer = new byte[READ_BUFFER];
    private int readPos;
    private int readLimit;
    /** Set once the current exchange has received a byte: from then on it is never retried. */
    private boolean received;

    private byte[] writeBuffer = new byte[WRITE_BUFFER];
    private int writeLength;

    /** True once the connection carried an exchange and went back to the pool. */
    private boolean reused;
    /** When it last went back to the pool ({@link System#nanoTime()}). */
    private long idleSince;

    Http1Connection(Destination destination, Socket tcp, Socket socket) throws IOException {
        this.destination = destination;
        this.tcp = tcp;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Starts an exchange whose every wait for bytes is bounded by {@code readTimeoutMillis}. */
    void begin(int readTimeoutMillis) throws IOException {
        tcp.setSoTimeout(readTimeoutMillis);
        received = false;
        writeLength = 0;
    }

    boolean reused() {
        return reused;
    }

    boolean received() {
        return received;
    }

    long idleSince() {
        return idleSince;
    }

    /** Marks the connection idle in the pool; false when it can not carry another exchange. */
    boolean idle(long now) {
        if (readPos != readLimit || tcp.isClosed()) {
            return false; // bytes the upstream sent past its response: the connection is out of step
        }
        reused = true;
        idleSince = now;
        return true;
    }

    /** Closes the connection, at once, from any thread: a blocked read or write fails. */
    void close() {
        try {
            tcp.close();
        } catch (IOException e) {
            // Abandoned either way.
        }
    }

    // Writing: the request is gathered in the write buffer, then sent.

    /** Appends {@code text}, which must be ISO-8859-1 without control characters (checked by the caller). */
    void put(String text) {
        int length = text.length();
        ensureRoom(length);
        for (int i = 0; i < length; i++) {
            writeBuffer[writeLength++] = (byte) text.charAt(i);
        }
    }

    void put(byte[] bytes) {
        ensureRoom(bytes.length);
        System.arraycopy(bytes, 0, writeBuffer, writeLength, bytes.length);
        writeLength += bytes.length;
    }

    void putCrlf() {
        ensureRoom(2);
        writeBuffer[writeLength++] = '\r';
        writeBuffer[writeLength++] = '\n';
    }

    /** Room in the write buffer: it grows for a long head, and stays grown for the connection's next requests. */
    private void ensureRoom(int more) {
        if (writeLength + more > writeBuffer.length) {
            writeBuffer = java.util.Arrays.copyOf(writeBuffer, Math.max(writeBuffer.length * 2, writeLength + more));
        }
    }

    /** Sends the gathered head and then {@code body}: one write when the body fits in the buffer's room. */
    void send(byte[] body) throws IOException {
        if (body != null && body.length > 0 && writeLength + body.length <= writeBuffer.length) {
            put(body);
            body = null;
        }
        out.write(writeBuffer, 0, writeLength);
        if (body != null && body.length > 0) {
            out.write(body);
        }
        out.flush();
    }

    // Reading: everything goes through the read buffer.

    /** Reads more bytes into the buffer, after those not yet consumed; -1 at the end of the stream. */
    private int fill() throws IOException {
        if (readPos == readLimit) {
            readPos = 0;
            readLimit = 0;
        } else if (readLimit == readBuffer.length) {
            System.arraycopy(readBuffer, readPos, readBuffer, 0, readLimit - readPos);
            readLimit -= readPos;
            readPos = 0;
        }
        int n = in.read(readBuffer, readLimit, readBuffer.length - readLimit);
        if (n > 0) {
            readLimit += n;
            received = true;
        }
        return n;
    }

    /** The bytes buffered and not yet consumed. */
    int buffered() {
        return readLimit - readPos;
    }

    /** The next byte, -1 at the end of the stream. */
    int readByte() throws IOException {
        if (readPos == readLimit && fill() < 0) {
            return -1;
        }
        return readBuffer[readPos++] & 0xFF;
    }

    /** Waits for the first byte of the answer, without consuming it; false when the stream ended first. */
    boolean awaitByte() throws IOException {
        return readPos < readLimit || fill() > 0;
    }

    /**
     * Reads up to {@code length} bytes: those buffered first; a large read with nothing buffered
     * goes straight into {@code target}. -1 at the end of the stream.
     */
    int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (readPos == readLimit) {
            if (length >= readBuffer.length) {
                int n = in.read(target, offset, length);
                if (n > 0) {
                    received = true;
                }
                return n;
            }
            if (fill() < 0) {
                return -1;
            }
        }
        int n = Math.min(length, readLimit - readPos);
        System.arraycopy(readBuffer, readPos, target, offset, n);
        readPos += n;
        return n;
    }

    /**
     * One line of the response head, without its CR LF (a bare LF ends a line too, RFC 9112
     * section 2.2), decoded as ISO-8859-1. A line longer than the read buffer is refused.
     */
    String readLine() throws IOException {
        int scanned = readPos;
        while (true) {
            for (int i = scanned; i < readLimit; i++) {
                if (readBuffer[i] == '\n') {
                    int end = i > readPos && readBuffer[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(readBuffer, readPos, end - readPos, StandardCharsets.ISO_8859_1);
                    readPos = i + 1;
                    return line;
                }
            }
            if (readPos == 0 && readLimit == readBuffer.length) {
                throw new IOException("the upstream sent a response header line longer than " + READ_BUFFER + " bytes");
            }
            int seen = readLimit - readPos; // scanned already; fill may move them to the buffer's start
            if (fill() < 0) {
                throw new EOFException("the upstream closed the connection before its response head ended");
            }
            scanned = readPos + seen;
        }
    }
}
