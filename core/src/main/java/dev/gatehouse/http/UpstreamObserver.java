package dev.gatehouse.http;

import java.util.Map;

/**
 * Hears the HTTP calls one attempt makes to its upstream, as they happen: a server's traces make
 * a span of each. Called on the thread that sends the request and on the one that reads its
 * answer; must not throw, and costs nothing when nobody listens ({@link #NONE}).
 */
public interface UpstreamObserver {

    UpstreamObserver NONE = request -> Call.NONE;

    /** A request to the upstream is about to be sent; the returned call hears how it ends. */
    Call started(UpstreamRequest request);

    /** One HTTP call to an upstream, from sending it to the end of its answer's body. */
    interface Call {

        Call NONE = new Call() {};

        /**
         * Headers to send with the request beside its own (a W3C {@code traceparent}, when the
         * server propagates traces to upstreams); empty for none. Never a credential.
         */
        default Map<String, String> headers() {
            return Map.of();
        }

        /** The upstream answered with {@code status}; its body is read next. */
        default void responded(int status) {}

        /** The call failed before or while its answer was read. */
        default void failed(Throwable error) {}

        /** The call is over: its answer's body was read or closed, or it failed. Called once. */
        default void end() {}
    }
}
