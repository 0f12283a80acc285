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
        if (results.getFirst().streaming()) {
            md.append(f("%nTime to first token (the first body chunk): per target, rounds pooled; then added, gateway "
                    + "minus direct in the same round, median of %d rounds [min – max], ms%n%n", rounds));
            md.append("| target | p50 | p90 | p99 | p99.9 | added p50 | added p99 | added p99.9 |\n"
                    + "|---|---|---|---|---|---|---|---|\n");
            for (Target t : targets) {
                List<Result> mine = of(results, t.name());
                Histogram all = new Histogram(Result.HIGHEST_NANOS, 3);
                mine.forEach(r -> all.add(r.ttft()));
                md.append("| ").append(t.name()).append(" |");
                if (all.getTotalCount() == 0) {
                    md.append(" every request failed | | | | | | |\n");
                    continue;
                }
                for (double p : PERCENTILES) {
                    md.append(f(" %.3f |", all.getValueAtPercentile(p) / 1e6));
                }
                boolean isDirect = t == targets.getFirst();
                for (double p : new double[] {50, 99, 99.9}) {
                    if (isDirect || mine.stream().anyMatch(r -> r.ok() == 0)) {
                        md.append(" — |");
                        continue;
                    }
                    double[] d = new double[mine.size()];
                    for (int i = 0; i < d.length; i++) {
                        d[i] = mine.get(i).ttftMs(p) - direct.get(i).ttftMs(p);
                    }
                    Arrays.sort(d);
                    md.append(f(" %.3f [%.3f – %.3f] |", d[d.length / 2], d[0], d[d.length - 1]));
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    /** Scenarios 2 and 3: every rate per target, then the highest rate held under each p99 bound. */
    static String sweep(String scenario, String title, List<Target> targets, List<Result> results, long[] rates,
                        double seconds, int connections) {
        StringBuilder md = new StringBuilder();
        md.append(f("%n### %s: %s (%.0f s per rate, %d connections, latency from each request's due time; "
                + "a target's sweep stops at its first rate with errors or under 95 %% achieved)%n%n",
                scenario, title, seconds, connections));
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

    /** Scenario 4's sweep: every level per target, then the most streams each held. */
    static String streams(String scenario, List<Target> targets, List<StreamHold.Level> levels, double seconds,
                          double ramp, long stallNanos) {
        StringBuilder md = new StringBuilder();
        md.append(f("%n### %s: concurrent streams (each client streams back to back for %.0f s after a %.0f s ramp; "
                + "stalled: a gap over %.0f ms between two chunks; held: peak in flight reached, no stall, errors < 0.1 %%; "
                + "a target's sweep stops at its first level not held)%n%n", scenario, seconds, ramp, stallNanos / 1e6));
        md.append("| target | streams | peak in flight | streams done | errors | stalled | TTFT p50 | TTFT p99 "
                + "| max gap p50 | max gap p99 | max gap max | held |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (StreamHold.Level l : levels) {
            md.append(f("| %s | %d | %d | %d | %d | %d |", l.target(), l.streams(), l.peakInFlight(), l.ok(), l.errors(),
                    l.stalled()));
            if (l.ok() == 0) {
                md.append(" | | | | | no |\n");
                continue;
            }
            md.append(f(" %.3f | %.3f | %.1f | %.1f | %.1f | %s |%n", l.ttft().getValueAtPercentile(50) / 1e6,
                    l.ttft().getValueAtPercentile(99) / 1e6, l.maxGap().getValueAtPercentile(50) / 1e6,
                    l.maxGap().getValueAtPercentile(99) / 1e6, l.maxGap().getMaxValue() / 1e6, l.held() ? "yes" : "no"));
        }
        md.append("\nMost concurrent streams held:\n\n| target | streams |\n|---|---|\n");
        for (Target t : targets) {
            int best = levels.stream().filter(l -> l.target().equals(t.name()) && l.held())
                    .mapToInt(StreamHold.Level::streams).max().orElse(0);
            md.append(best == 0 ? f("| %s | — |%n", t.name()) : f("| %s | %d |%n", t.name(), best));
        }
        return md.toString();
    }

    /** One gateway's memory and CPU in scenario 5; memory in KiB (-1: not read). */
    record Usage(String target, long pid, long idleKib, long loadedKib, long ok, long errors, double cpuSeconds,
                 long peakKib, long afterKib) {
        Usage(String target, long pid, long idleKib, long loadedKib, long ok, long errors, double cpuSeconds) {
            this(target, pid, idleKib, loadedKib, ok, errors, cpuSeconds, -1, -1);
        }

        Usage after(long peak, long after) {
            return new Usage(target, pid, idleKib, loadedKib, ok, errors, cpuSeconds, peak, after);
        }
    }

    /** Scenario 5: resident memory idle, under load, at its peak and after the load; CPU per 1,000 requests. */
    static String resources(List<Usage> usage, double seconds, int connections, double settle) {
        StringBuilder md = new StringBuilder();
        md.append(f("%n### resources: memory and CPU (CPU over %.0f s of plain requests on %d connections, closed loop; "
                + "idle: after start, before any request; peak: VmHWM after every scenario; after: VmRSS %.0f s after "
                + "the load ended; MiB)%n%n", seconds, connections, settle));
        md.append("| gateway | idle RSS | RSS under load | peak RSS | RSS after load | requests | errors | CPU s "
                + "| CPU s per 1,000 requests |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Usage u : usage) {
            md.append(f("| %s | %s | %s | %s | %s | %d | %d | %.2f | %.3f |%n", u.target(), mib(u.idleKib()),
                    mib(u.loadedKib()), mib(u.peakKib()), mib(u.afterKib()), u.ok(), u.errors(), u.cpuSeconds(),
                    u.ok() == 0 ? Double.NaN : u.cpuSeconds() * 1000 / u.ok()));
        }
        return md.toString();
    }

    private static String mib(long kib) {
        return kib < 0 ? "—" : f("%.1f", kib / 1024.0);
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
