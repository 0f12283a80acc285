package dev.gatehouse.http;

import dev.gatehouse.api.GatewayException;

/**
 * How much of an upstream's answer Gatehouse reads into memory before it gives up on the
 * answer: a whole body read at once (a JSON answer, an error), and one event of a stream (an
 * SSE line or event, an AWS event-stream message). A stream as a whole is bounded by time (the
 * total timeout), not by size. An answer past a bound is a bad upstream answer
 * ({@link GatewayException.UpstreamServerError}: retried, counted against the deployment),
 * never a process out of memory.
 *
 * <p>The defaults are far above any answer a provider sends. The largest whole bodies are
 * embeddings: 2048 inputs of 3072 dimensions written as JSON numbers are about 100 MiB, hence
 * 128 MiB. The largest stream events carry one generated image inline in base64 (Gemini's image
 * models, OpenAI's partial images), a few MiB; AWS caps an event-stream message at 16 MiB, and
 * so does this bound.
 *
 * @param maxBodyBytes  the largest body read whole
 * @param maxEventBytes the largest single stream event (an SSE line, the data of an SSE event, an
 *                      event-stream message)
 */
public record UpstreamLimits(long maxBodyBytes, int maxEventBytes) {

    public static final long DEFAULT_MAX_BODY_BYTES = 128L * 1024 * 1024;
    public static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;
    /** The largest bound on a whole body: a byte array holds no more. */
    public static final long MAX_BODY_BYTES = 1024L * 1024 * 1024;
    public static final UpstreamLimits DEFAULTS = new UpstreamLimits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_EVENT_BYTES);

    public UpstreamLimits {
        if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("maxBodyBytes must be from 1 to " + MAX_BODY_BYTES);
        }
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("maxEventBytes must be at least 1");
        }
    }

    /** The failure of a body past {@link #maxBodyBytes}: names the bound and the setting that raises it. */
    public GatewayException bodyTooLarge() {
        return new GatewayException.UpstreamServerError("the upstream's answer is larger than " + maxBodyBytes
                + " bytes, the bound on an upstream body (setting max_upstream_body_bytes); it was not read", 0,
                null);
    }

    /** The failure of a stream event past {@link #maxEventBytes}, naming what it was. */
    public GatewayException eventTooLarge(String what) {
        return new GatewayException.UpstreamServerError("the upstream sent " + what + " larger than "
                + maxEventBytes + " bytes, the bound on one stream event (setting max_upstream_event_bytes); the"
                + " stream was ended", 0, null);
    }
}
