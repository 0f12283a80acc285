package dev.gatehouse.bench;

/**
 * One kind of request in a run: its prepared bytes, whether it streams, and after how many body
 * chunks the client hangs up on it (0: never), as a user closing the tab does.
 */
record Kind(String name, byte[] request, boolean streaming, int cancelAfterChunks) {

    static Kind plain(Target target) {
        return new Kind("plain", target.request(false), false, 0);
    }

    static Kind stream(Target target) {
        return new Kind("stream", target.request(true), true, 0);
    }

    static Kind of(Target target, boolean streaming) {
        return streaming ? stream(target) : plain(target);
    }
}
