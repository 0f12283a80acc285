package dev.gatehouse.bench;

import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The warm-start scenario's tables: per gateway the steady state (the mean of the last
 * {@code steadySeconds} of the plain run), the seconds until it first reached 90 % of it and
 * from which it stayed there, and the streams' p99 over the first 10 s; then second by second.
 */
final class WarmStartReport {
    private WarmStartReport() {
    }

    /** The plain run's figures for one target. */
    record Plain(double steady, int firstWithin, int staysWithin) {
        static Plain of(WarmStart.Start start, int steadySeconds) {
            List<PerSecond.Bucket> b = start.seconds();
            int from = Math.max(0, b.size() - steadySeconds);
            double steady = b.subList(from, b.size()).stream().mapToLong(PerSecond.Bucket::ok).average().orElse(0);
            int first = -1;
            int stays = -1;
            for (int i = 0; i < b.size(); i++) {
                boolean within = b.get(i).ok() >= 0.9 * steady;
                if (within && first < 0) {
                    first = i + 1;
                }
                if (within && stays < 0) {
                    stays = i + 1;
                } else if (!within) {
                    stays = -1;
                }
            }
            return new Plain(steady, first, stays);
        }
    }

    static String markdown(List<WarmStart.Start> starts, int steadySeconds) {
        StringBuilder md = new StringBuilder();
        WarmStart.Start any = starts.getFirst();
        md.append(f("%n### warmstart: the first seconds of a fresh gateway (from the moment its port accepts; "
                + "plain: closed loop, %d connections; streams: closed loop, %d at once; steady state: the mean of the "
                + "plain run's last %d s)%n%n", concurrency(starts, false), concurrency(starts, true), steadySeconds));
        md.append("| gateway | launch to listening, s | steady req/s | first second ≥ 90 % of steady | ≥ 90 % from "
                + "second on | req/s in second 1 / 2 / 5 | stream p99, first 10 s, ms | worst stream p99 in one "
                + "second, ms | stream TTFT p99, first 10 s, ms |\n|---|---|---|---|---|---|---|---|---|\n");
        for (String target : starts.stream().map(WarmStart.Start::target).distinct().toList()) {
            WarmStart.Start plain = find(starts, target, false);
            WarmStart.Start stream = find(starts, target, true);
            md.append("| ").append(target).append(" |");
            md.append(plain == null ? " — |" : f(" %.2f |", plain.launchToListening()));
            if (plain == null) {
                md.append(" — | — | — | — |");
            } else {
                Plain p = Plain.of(plain, steadySeconds);
                md.append(f(" %.0f | %s | %s | %s / %s / %s |", p.steady(), second(p.firstWithin()),
                        second(p.staysWithin()), ok(plain, 0), ok(plain, 1), ok(plain, 4)));
            }
            if (stream == null) {
                md.append(" — | — | — |\n");
            } else {
                Histogram latency = new Histogram(Result.HIGHEST_NANOS, 3);
                Histogram ttft = new Histogram(Result.HIGHEST_NANOS, 3);
                long worst = 0;
                for (PerSecond.Bucket b : stream.seconds().subList(0, Math.min(10, stream.seconds().size()))) {
                    latency.add(b.latency());
                    ttft.add(b.ttft());
                    worst = Math.max(worst, b.latency().getValueAtPercentile(99));
                }
                md.append(f(" %.2f | %.2f | %.2f |%n", latency.getValueAtPercentile(99) / 1e6, worst / 1e6,
                        ttft.getValueAtPercentile(99) / 1e6));
            }
        }
        md.append("\nSecond by second (plain: requests answered in that second; streams: p99 to the last byte, ms):\n\n");
        List<String> targets = starts.stream().map(WarmStart.Start::target).distinct().toList();
        StringBuilder head = new StringBuilder("| second |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String t : targets) {
            head.append(' ').append(t).append(" req/s | ").append(t).append(" stream p99 |");
            rule.append("---|---|");
        }
        md.append(head).append('\n').append(rule).append('\n');
        int rows = starts.stream().mapToInt(s -> s.seconds().size()).max().orElse(0);
        for (int i = 0; i < rows; i++) {
            md.append("| ").append(i + 1).append(" |");
            for (String t : targets) {
                WarmStart.Start plain = find(starts, t, false);
                WarmStart.Start stream = find(starts, t, true);
                md.append(' ').append(plain == null ? "" : ok(plain, i)).append(" |");
                md.append(' ').append(stream == null || i >= stream.seconds().size() ? ""
                        : f("%.2f", stream.seconds().get(i).latency().getValueAtPercentile(99) / 1e6)).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** One target's seconds as CSV: second, plain requests answered, stream p99 and TTFT p99 in ms. */
    static String csv(List<WarmStart.Start> starts, String target) {
        WarmStart.Start plain = find(starts, target, false);
        WarmStart.Start stream = find(starts, target, true);
        StringBuilder csv = new StringBuilder("second,plain_requests,plain_errors,stream_p99_ms,stream_ttft_p99_ms\n");
        int rows = Math.max(plain == null ? 0 : plain.seconds().size(), stream == null ? 0 : stream.seconds().size());
        for (int i = 0; i < rows; i++) {
            csv.append(i + 1).append(',').append(ok(plain, i)).append(',')
                    .append(plain == null || i >= plain.seconds().size() ? "" : plain.seconds().get(i).errors());
            if (stream != null && i < stream.seconds().size() && stream.seconds().get(i).ok() > 0) {
                PerSecond.Bucket b = stream.seconds().get(i);
                csv.append(f(",%.3f,%.3f", b.latency().getValueAtPercentile(99) / 1e6,
                        b.ttft().getValueAtPercentile(99) / 1e6));
            } else {
                csv.append(",,");
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    static WarmStart.Start find(List<WarmStart.Start> starts, String target, boolean streaming) {
        return starts.stream().filter(s -> s.target().equals(target) && s.streaming() == streaming).findFirst()
                .orElse(null);
    }

    private static int concurrency(List<WarmStart.Start> starts, boolean streaming) {
        return starts.stream().filter(s -> s.streaming() == streaming).mapToInt(WarmStart.Start::concurrency).findFirst()
                .orElse(0);
    }

    private static String ok(WarmStart.Start start, int second) {
        return start == null || second >= start.seconds().size() ? "" : Long.toString(start.seconds().get(second).ok());
    }

    private static String second(int s) {
        return s < 0 ? "never" : Integer.toString(s);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
