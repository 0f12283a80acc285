package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.node.DoubleNode;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * LiteLLM's per-model {@code stream_timeout} as Gatehouse's {@code idle_timeout_seconds}. LiteLLM
 * documents it as the longest wait for a streaming response's first chunk
 * (docs.litellm.ai/docs/proxy/timeout, "Custom Timeouts &amp; Stream Timeouts"), and hands it to its
 * HTTP client as the read timeout of streamed calls, where it bounds every wait for the next chunk.
 * Gatehouse's idle timeout bounds the pauses between a stream's chunks; the wait for the first
 * byte stays {@code timeout_seconds} (LiteLLM's {@code timeout}), which also bounds every pause, so
 * a stream timeout longer than it can not be honoured.
 */
final class LiteLlmStreamTimeout {

    private static final BigDecimal SHORTEST = BigDecimal.ONE;

    private LiteLlmStreamTimeout() {}

    /**
     * The idle timeout setting for {@code stream_timeout}, or a missing value with a warning when
     * Gatehouse can not honour it. Values that are not numbers pass on, for the deployment's own
     * check to report.
     *
     * @param firstByte the deployment's timeout_seconds as it will be (its own, or the default)
     */
    static Located idle(Located streamTimeout, Duration firstByte, Findings findings) {
        if (streamTimeout.isMissing() || !streamTimeout.value().isNumber()) {
            return streamTimeout;
        }
        BigDecimal seconds = streamTimeout.value().decimalValue();
        if (seconds.movePointRight(3).compareTo(BigDecimal.valueOf(firstByte.toMillis())) > 0) {
            findings.warn(streamTimeout, "longer than the deployment's timeout (" + firstByte.toSeconds() + " s),"
                    + " which in Gatehouse bounds every pause of a stream too; ignored");
            return streamTimeout.with(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        }
        if (seconds.compareTo(SHORTEST) < 0) {
            findings.warn(streamTimeout, "Gatehouse's shortest idle timeout is 1 s; using 1 s");
            return streamTimeout.with(DoubleNode.valueOf(1));
        }
        return streamTimeout;
    }
}
