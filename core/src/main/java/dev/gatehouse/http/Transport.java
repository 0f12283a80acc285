package dev.gatehouse.http;

/**
 * How providers reach their upstreams: one blocking call per HTTP request.
 *
 * <p>{@link #send} returns once the status and headers have arrived; the body is read from
 * the response, as a whole or as a stream, and closing the response ends the exchange (and,
 * for a stream not read to its end, the connection). Implementations throw
 * {@link dev.gatehouse.api.GatewayException.UpstreamTimeout} or
 * {@link dev.gatehouse.api.GatewayException.TransportFailure}, never follow redirects, and
 * never log request bodies or headers (they carry prompts and credentials).
 */
public interface Transport {

    UpstreamResponse send(UpstreamRequest request);

    /**
     * Waits while an upstream works on an asynchronous task (between polls). Transports that
     * account upstream time count the wait as the upstream's, not the gateway's.
     */
    default void pause(java.time.Duration duration) throws InterruptedException {
        Thread.sleep(duration);
    }

    /**
     * This transport with another connect timeout, for a deployment that sets its own; the same
     * transport where the connect timeout can not be changed.
     */
    default Transport withConnectTimeout(java.time.Duration connectTimeout) {
        return this;
    }
}
