package dev.gatehouse.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The soak's and the 10,000/s phase's tables, and the memory samples as CSV. Growth compares the
 * soak's second tenth (the first is the heap growing to its working size) with its last tenth:
 * the mean RSS of each, and the lowest heap reading of each (the live heap, between collections).
 */
final class SoakReport {
    private SoakReport() {
    }

    static String soak(Soak.Findings s, double sampleSeconds) {
        StringBuilder md = new StringBuilder();
        md.append(f("%n### soak: %.1f min at %.0f requests/s, open loop (of every 20 requests: 16 plain, 3 streams, "
                + "1 stream the client closes after %d chunks, counted as answered when it ended before that chunk, which a "
                + "gateway that regroups the upstream's events into fewer chunks does); memory every %.0f s%n%n",
                s.seconds() / 60, s.rate(), Soak.CANCEL_AFTER_CHUNKS, sampleSeconds));
        load(md, s);
        List<MemorySampler.Sample> all = s.samples();
        List<MemorySampler.Sample> early = window(all, s.seconds(), 0.1, 0.2);
        List<MemorySampler.Sample> late = window(all, s.seconds(), 0.9, 1.01);
        md.append("\n| gateway | RSS, 2nd tenth, mean | RSS, last tenth, mean | RSS growth | RSS max | heap low, 2nd tenth "
                + "| heap low, last tenth | heap growth | heap max | samples |\n|---|---|---|---|---|---|---|---|---|---|\n");
        double rssEarly = mean(early, x -> x.rssKib() / 1024.0);
        double rssLate = mean(late, x -> x.rssKib() / 1024.0);
        double heapEarly = min(early, x -> x.heapBytes() / 1048576.0);
        double heapLate = min(late, x -> x.heapBytes() / 1048576.0);
        md.append(f("| %s | %.1f MiB | %.1f MiB | %+.1f MiB | %.1f MiB | %s | %s | %s | %s | %d |%n", s.target(), rssEarly,
                rssLate, rssLate - rssEarly, max(all, x -> x.rssKib() / 1024.0), mib(heapEarly), mib(heapLate),
                heapEarly < 0 || heapLate < 0 ? "—" : f("%+.1f MiB", heapLate - heapEarly),
                mib(max(all, x -> x.heapBytes() / 1048576.0)), all.size()));
        return md.toString();
    }

    static String atRate(Soak.Findings s) {
        StringBuilder md = new StringBuilder();
        md.append(f("%n### memory-at-rate: resident memory while offered %.0f plain requests/s for %.0f s "
                + "(open loop; RSS sampled every 0.5 s)%n%n", s.rate(), s.seconds()));
        load(md, s);
        List<MemorySampler.Sample> all = s.samples();
        md.append(f("%n| gateway | peak RSS sampled | mean RSS | heap max |%n|---|---|---|---|%n| %s | %.1f MiB | %.1f MiB "
                + "| %s |%n", s.target(), max(all, x -> x.rssKib() / 1024.0), mean(all, x -> x.rssKib() / 1024.0),
                mib(max(all, x -> x.heapBytes() / 1048576.0))));
        return md.toString();
    }

    private static void load(StringBuilder md, Soak.Findings s) {
        md.append("| gateway | requests | answered | errors | cancelled | achieved/s | p50 | p99 | p99.9 |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        int kinds = s.mixed() ? 3 : 1;
        String[] names = {"plain", "stream", "cancelled stream"};
        for (int i = 0; i < kinds; i++) {
            Tally.PerKind k = s.tally().kind(i);
            md.append(f("| %s | %s | %d | %d | %d | %.0f |", s.target(), names[i], k.ok, k.errors, k.cancelled,
                    k.ok / s.seconds()));
            if (k.ok == 0) {
                md.append(" | | |\n");
            } else {
                md.append(f(" %.3f | %.3f | %.3f |%n", k.latency.getValueAtPercentile(50) / 1e6,
                        k.latency.getValueAtPercentile(99) / 1e6, k.latency.getValueAtPercentile(99.9) / 1e6));
            }
        }
    }

    static String csv(List<MemorySampler.Sample> samples) {
        StringBuilder csv = new StringBuilder("seconds,rss_mib,heap_used_mib\n");
        for (MemorySampler.Sample x : samples) {
            csv.append(f("%.1f,%.1f,%s%n", x.seconds(), x.rssKib() / 1024.0,
                    x.heapBytes() < 0 ? "" : f("%.1f", x.heapBytes() / 1048576.0)));
        }
        return csv.toString();
    }

    private static List<MemorySampler.Sample> window(List<MemorySampler.Sample> all, double seconds, double from,
                                                     double to) {
        return all.stream().filter(x -> x.seconds() >= from * seconds && x.seconds() < to * seconds).toList();
    }

    private static double mean(List<MemorySampler.Sample> s, ToDoubleFunction<MemorySampler.Sample> f) {
        return s.stream().mapToDouble(f).filter(v -> v >= 0).average().orElse(-1);
    }

    private static double min(List<MemorySampler.Sample> s, ToDoubleFunction<MemorySampler.Sample> f) {
        return s.stream().mapToDouble(f).filter(v -> v >= 0).min().orElse(-1);
    }

    private static double max(List<MemorySampler.Sample> s, ToDoubleFunction<MemorySampler.Sample> f) {
        return s.stream().mapToDouble(f).filter(v -> v >= 0).max().orElse(-1);
    }

    private static String mib(double v) {
        return v < 0 ? "—" : f("%.1f MiB", v);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
