package dev.gatehouse.http;

import java.time.Duration;

/**
 * A transport whose answers are read within the given {@link UpstreamLimits} rather than the
 * defaults: the bounds travel with each {@link UpstreamResponse}, to whichever reader (a whole
 * body, an SSE stream, an event stream) the provider uses.
 */
public final class LimitedTransport implements Transport {

    private final Transport inner;
    private final UpstreamLimits limits;

    public LimitedTransport(Transport inner, UpstreamLimits limits) {
        this.inner = java.util.Objects.requireNonNull(inner, "inner");
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) {
        return inner.send(request).withLimits(limits);
    }

    @Override
    public void pause(Duration duration) throws InterruptedException {
        inner.pause(duration);
    }

    @Override
    public Transport withConnectTimeout(Duration connectTimeout) {
        return new LimitedTransport(inner.withConnectTimeout(connectTimeout), limits);
    }
}
