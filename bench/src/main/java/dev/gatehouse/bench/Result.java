package dev.gatehouse.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One measured run. {@code rate} is the requested rate (open loop) or 0; {@code concurrency}
 * the connections used. {@code errors} counts non-200 answers, failed exchanges and, in open
 * loop, requests not sent before the run's deadline. Latencies in the histograms are nanoseconds:
 * {@code latency} to the response's last byte, {@code ttft} (streaming only, else empty) to its
 * first body chunk, the first token.
 */
record Result(String target, String mode, boolean streaming, long rate, int concurrency,
              long ok, long errors, double seconds, Histogram latency, Histogram ttft) {

    static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(120);

    double achievedRate() {
        return seconds > 0 ? ok / seconds : 0;
    }

    /** The latency at a percentile, in milliseconds. */
    double ms(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1e6;
    }

    /** The time to the first token at a percentile, in milliseconds. */
    double ttftMs(double percentile) {
        return ttft.getValueAtPercentile(percentile) / 1e6;
    }
}
