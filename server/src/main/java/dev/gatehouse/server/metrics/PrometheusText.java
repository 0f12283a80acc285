package dev.gatehouse.server.metrics;

/**
 * Prometheus' text exposition format (version 0.0.4), the few pieces every metric writes: the
 * {@code # HELP} and {@code # TYPE} lines and escaped label values. Label values escape a
 * backslash, a double quote and a line feed, as the format says
 * (https://prometheus.io/docs/instrumenting/exposition_formats/#text-format-details).
 */
final class PrometheusText {

    private PrometheusText() {}

    /** The {@code # HELP} and {@code # TYPE} lines of {@code name}. */
    static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** {@code name="value"}, the value escaped. */
    static String label(String name, String value) {
        return name + "=\"" + escape(value) + '"';
    }

    /** A label value as the format writes it between double quotes. */
    static String escape(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = switch (c) {
                case '\\' -> "\\\\";
                case '"' -> "\\\"";
                case '\n' -> "\\n";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }

    /** A sample's value: whole numbers without a fraction, others as Java writes a double. */
    static void value(StringBuilder out, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(value);
        }
    }
}
