package dev.gatehouse.server.upstream;

import java.io.IOException;

/**
 * A body without a length, ended by the upstream closing the connection (RFC 9112 section 6.3,
 * point 8); the connection is then not reused.
 */
final class UntilCloseBody extends ResponseBody {

    UntilCloseBody(Http1Connection connection) {
        super(connection, null);
    }

    @Override
    int readBody(byte[] target, int offset, int length) throws IOException {
        int n = connection.read(target, offset, length);
        if (n < 0) {
            ended();
        }
        return n;
    }

    @Override
    int availableInFrame() {
        return Integer.MAX_VALUE;
    }
}
