package dev.gatehouse.server.guardrail;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the guardrails found, by kind, action and stage, for Prometheus: one instance for the
 * whole server. The kinds are the detectors' own names and the configured deny patterns' names,
 * so the label values are bounded by the code and the configuration, never by a request.
 */
public final class GuardrailMetrics {

    private record Labels(String kind, String action, String stage) {}

    private final Map<Labels, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts each hit of one check of one request. */
    public void count(List<GuardrailHit> hits, String stage) {
        for (GuardrailHit hit : hits) {
            counts.computeIfAbsent(new Labels(hit.kind(), hit.action().wireName(), stage), l -> new LongAdder())
                    .increment();
        }
    }

    /** How many findings of {@code kind} were handled with {@code action} at {@code stage}. */
    public long count(String kind, String action, String stage) {
        LongAdder adder = counts.get(new Labels(kind, action, stage));
        return adder == null ? 0 : adder.sum();
    }

    /** Prometheus' text format, in the shape of the server's other sections. */
    public void scrape(StringBuilder out) {
        out.append("# HELP gatehouse_guardrail_findings_total What the guardrails found in requests (stage input)"
                + " and answers, whole or streamed (stage output), by kind and by what was done (block, mask, reversible, log).\n");
        out.append("# TYPE gatehouse_guardrail_findings_total counter\n");
        Map<String, Long> lines = new TreeMap<>();
        counts.forEach((l, n) -> lines.put("gatehouse_guardrail_findings_total{kind=\"" + escape(l.kind())
                + "\",action=\"" + l.action() + "\",stage=\"" + l.stage() + "\"} ", n.sum()));
        lines.forEach((line, n) -> out.append(line).append(n).append('\n'));
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
