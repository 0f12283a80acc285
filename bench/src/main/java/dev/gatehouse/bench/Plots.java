package dev.gatehouse.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The SVG chart of each scenario, written beside its summary: one chart per file. */
final class Plots {
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};
    private static final String[] DASHES = {"", "7,4", "3,3", "10,3,2,3"};

    private Plots() {
    }

    /** Latency percentiles against the offered rate, every target; colour per target, dash per percentile. */
    static void sweep(Path file, String title, List<Target> targets, List<Result> results) {
        SvgChart chart = new SvgChart(title, "offered rate, requests/s", "latency from due time, ms", true, true);
        for (Target t : targets) {
            for (int p = 0; p < PERCENTILES.length; p++) {
                List<double[]> points = new ArrayList<>();
                for (Result r : results) {
                    if (r.target().equals(t.name()) && r.ok() > 0) {
                        points.add(new double[] {r.rate(), r.ms(PERCENTILES[p])});
                    }
                }
                chart.add(new SvgChart.Series(t.name() + " p" + label(PERCENTILES[p]), SvgChart.colour(t.name()),
                        DASHES[p], points));
            }
            chart.key(new SvgChart.Key(t.name(), SvgChart.colour(t.name()), ""));
        }
        percentileKeys(chart);
        chart.write(file);
    }

    /** Time to first token and the longest gap between chunks (p99) against concurrent streams. */
    static void streams(Path file, List<Target> targets, List<StreamHold.Level> levels) {
        SvgChart chart = new SvgChart("Concurrent streams: p99 per level", "concurrent streams", "ms", true, true);
        for (Target t : targets) {
            List<double[]> ttft = new ArrayList<>();
            List<double[]> gap = new ArrayList<>();
            for (StreamHold.Level l : levels) {
                if (l.target().equals(t.name()) && l.ok() > 0) {
                    ttft.add(new double[] {l.streams(), l.ttft().getValueAtPercentile(99) / 1e6});
                    gap.add(new double[] {l.streams(), l.maxGap().getValueAtPercentile(99) / 1e6});
                }
            }
            chart.add(new SvgChart.Series(t.name() + " TTFT p99", SvgChart.colour(t.name()), "", ttft));
            chart.add(new SvgChart.Series(t.name() + " max gap p99", SvgChart.colour(t.name()), "3,3", gap));
        }
        chart.write(file);
    }

    /** Plain requests answered per second since listening, per gateway; and the streams' p99 per second. */
    static void warmStart(Path throughputFile, Path streamsFile, List<WarmStart.Start> starts) {
        SvgChart rate = new SvgChart("Warm start: plain requests answered per second", "seconds since listening",
                "requests/s", false, false);
        SvgChart p99 = new SvgChart("Warm start: stream p99 per second", "seconds since listening",
                "p99 to last byte, ms", false, true);
        for (WarmStart.Start s : starts) {
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < s.seconds().size(); i++) {
                PerSecond.Bucket b = s.seconds().get(i);
                if (!s.streaming()) {
                    points.add(new double[] {i + 1, b.ok()});
                } else if (b.ok() > 0) {
                    points.add(new double[] {i + 1, b.latency().getValueAtPercentile(99) / 1e6});
                }
            }
            (s.streaming() ? p99 : rate).add(new SvgChart.Series(s.target(), SvgChart.colour(s.target()), "", points));
        }
        rate.write(throughputFile);
        p99.write(streamsFile);
    }

    /** Resident memory and heap in use over the soak. */
    static void soak(Path file, Soak.Findings s) {
        SvgChart chart = new SvgChart(String.format(java.util.Locale.ROOT, "Soak at %.0f requests/s: %s's memory",
                s.rate(), s.target()), "minutes", "MiB", false, false);
        List<double[]> rss = new ArrayList<>();
        List<double[]> heap = new ArrayList<>();
        for (MemorySampler.Sample x : s.samples()) {
            rss.add(new double[] {x.seconds() / 60, x.rssKib() / 1024.0});
            if (x.heapBytes() >= 0) {
                heap.add(new double[] {x.seconds() / 60, x.heapBytes() / 1048576.0});
            }
        }
        chart.add(new SvgChart.Series("RSS", SvgChart.colour(s.target()), "", rss));
        chart.add(new SvgChart.Series("heap in use", "#2ca02c", "3,3", heap));
        chart.write(file);
    }

    private static void percentileKeys(SvgChart chart) {
        for (int p = 0; p < PERCENTILES.length; p++) {
            chart.key(new SvgChart.Key("p" + label(PERCENTILES[p]), "#333", DASHES[p]));
        }
    }

    private static String label(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
