package dev.gatehouse.server.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values one label of one metric has taken, at most {@code bound} of them: a value past the
 * bound is written {@code other}, so that a metric's series stay bounded however many teams or
 * keys send requests. Values are kept escaped, so a request pays a map look-up, not an escape.
 */
final class LabelValues {

    /** What a value past the bound is counted as. */
    static final String OTHER = "other";

    private final int bound;
    private final Map<String, String> escaped = new ConcurrentHashMap<>();

    LabelValues(int bound) {
        this.bound = bound;
    }

    /** {@code value} escaped, or {@link #OTHER} once {@code bound} other values were seen. */
    String of(String value) {
        String known = escaped.get(value);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            known = escaped.get(value);
            if (known != null) {
                return known;
            }
            if (escaped.size() >= bound) {
                return OTHER;
            }
            String added = PrometheusText.escape(value);
            escaped.put(value, added);
            return added;
        }
    }
}
