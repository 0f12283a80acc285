package dev.gatehouse.bench;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One connection to the {@link FakeUpstream}: the request bytes read so far, the answer's bytes
 * the socket did not take yet, and the stream in progress. It parses just enough of a request:
 * the end of its head, its Content-Length, and whether the body says {@code "stream": true}.
 */
final class FakeConn {
    final SocketChannel channel;
    SelectionKey key;
    ByteBuffer in = ByteBuffer.allocate(4096);
    final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    boolean open = true;
    /** Answering a request: the next one waits in {@link #in}. */
    boolean busy;
    int chunksLeft;

    FakeConn(SocketChannel channel) {
        this.channel = channel;
    }

    /** Makes room to read more: grows the buffer when a request fills it. */
    void roomToRead() {
        if (!in.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
            in.flip();
            bigger.put(in);
            in = bigger;
        }
    }

    /**
     * Takes the next whole request out of the buffer: 1 if it asks for a stream, 0 if not, -1
     * if it has not fully arrived. Throws {@link IllegalStateException} on a head it can not read.
     */
    int nextRequest() {
        byte[] a = in.array();
        int end = in.position();
        int headEnd = indexOf(a, 0, end, HEAD_END);
        if (headEnd < 0) {
            return -1;
        }
        int bodyStart = headEnd + 4;
        int length = contentLength(a, headEnd);
        if (end < bodyStart + length) {
            return -1;
        }
        boolean stream = asksForStream(a, bodyStart, bodyStart + length);
        in.flip();
        in.position(bodyStart + length);
        in.compact();
        return stream ? 1 : 0;
    }

    private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);

    /** The Content-Length in the head {@code a[0..headEnd)}, found without copying it; 0 if absent. */
    private static int contentLength(byte[] a, int headEnd) {
        outer:
        for (int i = 0; i + CONTENT_LENGTH.length <= headEnd; i++) {
            for (int k = 0; k < CONTENT_LENGTH.length; k++) {
                int b = a[i + k];
                if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != CONTENT_LENGTH[k]) {
                    continue outer;
                }
            }
            int j = skipSpaces(a, i + CONTENT_LENGTH.length, headEnd);
            int n = 0;
            for (; j < headEnd && a[j] >= '0' && a[j] <= '9'; j++) {
                n = n * 10 + (a[j] - '0');
            }
            return n;
        }
        return 0;
    }

    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STREAM = "\"stream\"".getBytes(StandardCharsets.US_ASCII);

    /** {@code "stream"}, optional spaces, a colon, optional spaces, {@code true}. */
    private static boolean asksForStream(byte[] a, int from, int to) {
        for (int i = indexOf(a, from, to, STREAM); i >= 0; i = indexOf(a, i + 1, to, STREAM)) {
            int j = skipSpaces(a, i + STREAM.length, to);
            if (j < to && a[j] == ':') {
                j = skipSpaces(a, j + 1, to);
                return j + 4 <= to && a[j] == 't' && a[j + 1] == 'r' && a[j + 2] == 'u' && a[j + 3] == 'e';
            }
        }
        return false;
    }

    private static int skipSpaces(byte[] a, int i, int to) {
        while (i < to && (a[i] == ' ' || a[i] == '\t' || a[i] == '\r' || a[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static int indexOf(byte[] a, int from, int to, byte[] what) {
        outer:
        for (int i = from; i + what.length <= to; i++) {
            for (int k = 0; k < what.length; k++) {
                if (a[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
