package dev.gatehouse.server.config;

import dev.gatehouse.server.spend.SpendSettings;
import java.time.Duration;
import java.util.List;

/** Reads the {@code spend:} section: whether the spend log is written, how often, and how long it is kept. */
final class SpendSection {

    static final List<String> KEYS = List.of("enabled", "flush_interval_seconds", "batch_size", "queue_capacity",
            "retention_days");

    private SpendSection() {}

    static SpendSettings read(Located at, Findings findings) {
        SpendSettings defaults = SpendSettings.defaults();
        Fields fields = new Fields(findings);
        if (!fields.isSection(at, KEYS)) {
            return defaults;
        }
        Boolean enabled = fields.bool(at.get("enabled"));
        Duration flush = fields.seconds(at.get("flush_interval_seconds"), 0, 60);
        if (flush != null && flush.isZero()) {
            findings.problem(at.get("flush_interval_seconds"), "must be more than 0");
            flush = null;
        }
        Long batch = fields.integer(at.get("batch_size"), 1, 10_000);
        Long queue = fields.integer(at.get("queue_capacity"), 1, 10_000_000);
        Long retention = fields.integer(at.get("retention_days"), 0, 36_500);
        return new SpendSettings(enabled != null ? enabled : defaults.enabled(),
                flush != null ? flush : defaults.flushInterval(),
                batch != null ? batch.intValue() : defaults.batchSize(),
                queue != null ? queue.intValue() : defaults.queueCapacity(),
                retention != null ? retention.intValue() : defaults.retentionDays());
    }
}
