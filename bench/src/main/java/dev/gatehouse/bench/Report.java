package dev.gatehouse.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The Markdown tables of {@code summary.md}. Latencies in milliseconds. */
final class Report {
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private Report() {
    }

    /**
     * Scenario 1: per target, all rounds pooled; then, per gateway, the added latency: in each
     * round the gateway's percentile minus the direct path's in the same round, as the median
     * of the rounds and their range.
     */
    static String latency(String scenario, List<Target> targets, List<Result> results, int rounds, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append(f("%n### %s: added latency at concurrency 1 (%d rounds of %.0f s, targets alternating)%n%n",
                scenario, rounds, seconds));
        md.append("| target | requests | errors | req/s | p50 | p90 | p99 | p99.9 |\n|---|---|---|---|---|---|---|---|\n");
        for (Target t : targets) {
            List<Result> mine = of(results, t.name());
            Histogram all = new Histogram(Result.HIGHEST_NANOS, 3);
            mine.forEach(r -> all.add(r.latency()));
            double secs = mine.stream().mapToDouble(Result::seconds).sum();
            long errors = mine.stream().mapToLong(Result::errors).sum();
            md.append(f("| %s | %d | %d | %.0f |", t.name(), all.getTotalCount(), errors, all.getTotalCount() / secs));
            if (all.getTotalCount() == 0) {
                md.append(" every request failed | | | |\n");
                continue;
            }
            for (double p : PERCENTILES) {
                md.append(f(" %.3f |", all.getValueAtPercentile(p) / 1e6));
            }
            md.append('\n');
        }
        md.append(f("%nAdded latency, gateway minus direct in the same round: median of %d rounds [min – max], ms%n%n", rounds));
        md.append("| gateway | p50 | p99 | p99.9 |\n|---|---|---|---|\n");
        List<Result> direct = of(results, targets.getFirst().name());
        for (Target t : targets.subList(1, targets.size())) {
            List<Result> mine = of(results, t.name());
            md.append("| ").append(t.name()).append(" |");
            if (mine.stream().anyMatch(r -> r.ok() == 0)) {
                md.append(" — (a round without one success) | | |\n");
                continue;
            }
            for (double p : new double[] {50, 99, 99.9}) {
                double[] d = new double[mine.size()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = mine.get(i).ms(p) - direct.get(i).ms(p);
                }
                Arrays.sort(d);
                md.append(f(" %.3f [%.3f – %.3f] |", d[d.length / 2], d[0], d[d.length - 1]));
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** Scenario 2: every rate per target, then the highest rate held under each p99 bound. */
    static String sweep(String scenario, List<Target> targets, List<Result> results, long[] rates,
                        double seconds, int connections) {
        StringBuilder md = new StringBuilder();
        md.append(f("%n### %s: open-loop rate sweep (%.0f s per rate, %d connections, latency from each request's due time)%n%n",
                scenario, seconds, connections));
        md.append("| target | rate | achieved | errors | p50 | p90 | p99 | p99.9 |\n|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            md.append(f("| %s | %d | %.0f | %d |", r.target(), r.rate(), r.achievedRate(), r.errors()));
            for (double p : PERCENTILES) {
                md.append(f(" %.3f |", r.ms(p)));
            }
            md.append('\n');
        }
        md.append("\nHighest rate held with no errors and p99 under the bound (— if none):\n\n");
        md.append("| target | p99 < 1 ms | p99 < 5 ms | p99 < 10 ms |\n|---|---|---|---|\n");
        for (Target t : targets) {
            md.append("| ").append(t.name()).append(" |");
            for (double bound : new double[] {1, 5, 10}) {
                long best = 0;
                for (Result r : of(results, t.name())) {
                    if (r.errors() == 0 && r.ms(99) < bound && r.achievedRate() >= 0.95 * r.rate()) {
                        best = Math.max(best, r.rate());
                    }
                }
                md.append(best == 0 ? " — |" : f(" %d |", best));
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static List<Result> of(List<Result> results, String target) {
        List<Result> mine = new ArrayList<>();
        results.stream().filter(r -> r.target().equals(target)).forEach(mine::add);
        return mine;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
