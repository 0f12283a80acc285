package dev.gatehouse.server.metrics;

/**
 * {@code gatehouse_build_info}: which build runs, as an info metric — a constant 1 whose labels
 * carry the facts, named {@code _info} as OpenMetrics' info type is
 * (https://github.com/prometheus/OpenMetrics/blob/main/specification/OpenMetrics.md#info) and
 * written as a gauge, as Prometheus' own {@code prometheus_build_info} is in the text format:
 * the version, the commit and the SHA-256 of the jar, computed once at start. Each label is
 * {@value #UNKNOWN} when it can not be known: no commit outside a git checkout, no jar when
 * Gatehouse runs from classes in a directory.
 */
public final class BuildInfoMetric {

    public static final String UNKNOWN = "unknown";

    private final String series;

    public BuildInfoMetric(String version, String commit, String jarSha256) {
        this.series = "gatehouse_build_info{" + PrometheusText.label("version", version) + ","
                + PrometheusText.label("commit", commit) + "," + PrometheusText.label("jar_sha256", jarSha256) + "} 1\n";
    }

    public void scrape(StringBuilder out) {
        PrometheusText.header(out, "gatehouse_build_info", "gauge",
                "The running build: its version, commit and jar's SHA-256; always 1.");
        out.append(series);
    }
}
