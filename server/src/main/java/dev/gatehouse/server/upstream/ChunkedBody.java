package dev.gatehouse.server.upstream;

import java.io.IOException;

/**
 * A body in the chunked transfer coding (RFC 9112 section 7.1): chunks of a hexadecimal size,
 * extensions ignored, ended by a chunk of size 0 and a trailer section, which is read and
 * dropped.
 */
final class ChunkedBody extends ResponseBody {

    /** More hex digits than this would overflow a long. */
    private static final int MAX_SIZE_DIGITS = 15;
    /** Extensions are ignored, but not read without end. */
    private static final int MAX_EXTENSION_BYTES = 4096;

    /** Bytes left in the current chunk; 0 between chunks. */
    private long remaining;
    /** False until the first chunk's size was read: later sizes follow a chunk's CR LF. */
    private boolean started;

    ChunkedBody(Http1Connection connection, ConnectionPool pool) {
        super(connection, pool);
    }

    @Override
    int readBody(byte[] target, int offset, int length) throws IOException {
        if (remaining == 0) {
            remaining = nextChunkSize();
            if (remaining == 0) {
                ResponseHead.readFields(connection); // the trailers
                ended();
                return -1;
            }
        }
        int n = connection.read(target, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new IOException(CLOSED_EARLY);
        }
        remaining -= n;
        return n;
    }

    /** Reads the CR LF ending the previous chunk, then the next chunk's size line. */
    private long nextChunkSize() throws IOException {
        if (started) {
            int cr = connection.readByte();
            int lf = cr == '\r' ? connection.readByte() : cr;
            if (lf != '\n') {
                throw lf < 0 ? new IOException(CLOSED_EARLY)
                        : new IOException("the upstream sent a chunk longer than its size in a chunked response");
            }
        }
        started = true;
        long size = 0;
        int digits = 0;
        int b = connection.readByte();
        for (; b >= 0; b = connection.readByte()) {
            int value = Character.digit(b, 16);
            if (value < 0) {
                break;
            }
            if (++digits > MAX_SIZE_DIGITS) {
                throw new IOException("the upstream sent a chunk size too large in a chunked response");
            }
            size = size * 16 + value;
        }
        if (digits == 0 || (b != ';' && b != ' ' && b != '\t' && b != '\r' && b != '\n')) {
            throw b < 0 ? new IOException(CLOSED_EARLY)
                    : new IOException("the upstream sent a malformed chunk size in a chunked response");
        }
        // Chunk extensions (after ';') and whitespace before them are ignored up to the line's end.
        for (int skipped = 0; b != '\n'; skipped++) {
            if (skipped == MAX_EXTENSION_BYTES) {
                throw new IOException("the upstream sent a chunk extension too long in a chunked response");
            }
            b = connection.readByte();
            if (b < 0) {
                throw new IOException(CLOSED_EARLY);
            }
        }
        return size;
    }

    @Override
    int availableInFrame() {
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }
}
