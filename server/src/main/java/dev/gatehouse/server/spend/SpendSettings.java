package dev.gatehouse.server.spend;

import java.time.Duration;
import java.util.Objects;

/**
 * How the spend log is written and kept ({@code spend:} in the configuration).
 *
 * @param enabled       whether requests are logged at all
 * @param flushInterval the longest a row waits in memory before it is written; after a crash at most this
 *                      much of the log can be missing
 * @param batchSize     rows written in one JDBC batch; a full batch is written at once
 * @param queueCapacity rows that may wait in memory; more are counted and logged as dropped
 * @param retentionDays rows older than this many days are deleted; 0 keeps them for ever
 */
public record SpendSettings(boolean enabled, Duration flushInterval, int batchSize, int queueCapacity,
        int retentionDays) {

    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final int DEFAULT_QUEUE_CAPACITY = 100_000;
    public static final int DEFAULT_RETENTION_DAYS = 0;

    public SpendSettings {
        Objects.requireNonNull(flushInterval, "flushInterval");
        if (flushInterval.isNegative() || flushInterval.isZero() || batchSize < 1 || queueCapacity < 1
                || retentionDays < 0) {
            throw new IllegalArgumentException("invalid spend settings");
        }
    }

    public static SpendSettings defaults() {
        return new SpendSettings(true, DEFAULT_FLUSH_INTERVAL, DEFAULT_BATCH_SIZE, DEFAULT_QUEUE_CAPACITY,
                DEFAULT_RETENTION_DAYS);
    }

    public SpendSettings withFlushInterval(Duration interval) {
        return new SpendSettings(enabled, interval, batchSize, queueCapacity, retentionDays);
    }
}
