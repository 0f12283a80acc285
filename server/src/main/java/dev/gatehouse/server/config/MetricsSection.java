package dev.gatehouse.server.config;

import dev.gatehouse.server.metrics.MetricsSettings;
import java.util.List;

/**
 * Reads the {@code metrics:} section: {@code per_key_labels} (a {@code key_id} label on token and
 * cost series) and {@code max_label_values} (how many values one label of one metric may take).
 */
final class MetricsSection {

    static final List<String> KEYS = List.of("per_key_labels", "max_label_values");

    /** Enough for any real set of teams or models; more would make a scrape a database dump. */
    static final int MOST_LABEL_VALUES = 100_000;

    private MetricsSection() {}

    static MetricsSettings read(Located at, Findings findings) {
        Fields fields = new Fields(findings);
        if (!fields.isSection(at, KEYS)) {
            return MetricsSettings.DEFAULTS;
        }
        Boolean perKey = fields.bool(at.get("per_key_labels"));
        Long bound = fields.integer(at.get("max_label_values"), 1, MOST_LABEL_VALUES);
        return new MetricsSettings(perKey != null ? perKey : MetricsSettings.DEFAULTS.perKeyLabels(),
                bound != null ? bound.intValue() : MetricsSettings.DEFAULTS.maxLabelValues());
    }
}
