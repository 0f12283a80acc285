package dev.gatehouse.server.metrics;

/**
 * The {@code metrics:} section: which labels the metrics carry and how many values each may take.
 *
 * @param perKeyLabels   whether token and cost series also carry a {@code key_id} label; off by
 *                       default, as a gateway may serve thousands of keys and each would multiply
 *                       those series
 * @param maxLabelValues how many distinct values one label of one metric may take (a team, a key,
 *                       a model, a deployment); later values are counted under {@code other}
 */
public record MetricsSettings(boolean perKeyLabels, int maxLabelValues) {

    /**
     * 100 values a label: a team label of 100 values times a few dozen models keeps the token and
     * cost series in the low thousands, and a scrape under a megabyte, while a typical deployment's
     * teams and models all fit (docs/observability.md).
     */
    public static final int DEFAULT_MAX_LABEL_VALUES = 100;

    public static final MetricsSettings DEFAULTS = new MetricsSettings(false, DEFAULT_MAX_LABEL_VALUES);

    public MetricsSettings {
        if (maxLabelValues < 1) {
            throw new IllegalArgumentException("max_label_values must be at least 1");
        }
    }
}
