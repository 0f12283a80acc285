package dev.gatehouse.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Runs the scenarios against the targets given with {@code --target} (the first is the
 * direct path to the fake upstream) and appends their Markdown tables to {@code --out}/summary.md,
 * with every run's histogram in {@code --out}/&lt;scenario&gt;.hlog.
 *
 * <pre>
 * bench latency --out DIR --target direct=… --target gatehouse=… [--rounds 7] [--seconds 10] [--warmup-seconds 30] [--stream]
 * bench sweep   --out DIR --target direct=… --target gatehouse=… [--rates 500,1000,…] [--seconds 10] [--connections 64]
 * </pre>
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] argv) throws IOException {
        Args args = new Args(argv);
        Path out = Path.of(args.str("--out", "bench/results/scratch"));
        Files.createDirectories(out);
        List<Target> targets = args.all("--target").stream().map(Target::parse).toList();
        double warmup = Double.parseDouble(args.str("--warmup-seconds", "30"));
        double seconds = Double.parseDouble(args.str("--seconds", "10"));
        boolean streaming = args.flag("--stream");
        String scenario = argv[0] + (streaming ? "-stream" : "-plain");
        List<Result> results = new ArrayList<>();
        try (PrintStream hlog = new PrintStream(Files.newOutputStream(out.resolve(scenario + ".hlog")), true, "UTF-8")) {
            HistogramLogWriter log = new HistogramLogWriter(hlog);
            log.outputLogFormatVersion();
            log.outputLegend();
            for (Target t : targets) {
                System.err.printf("%s: warming up %s for %.0f s%n", scenario, t.name(), warmup);
                LoadGenerator.closed(t, streaming, 8, warmup * 0.8, Long.MAX_VALUE);
                LoadGenerator.closed(t, streaming, 1, warmup * 0.2, Long.MAX_VALUE);
            }
            String md;
            if (argv[0].equals("latency")) {
                int rounds = (int) args.num("--rounds", 7);
                for (int r = 1; r <= rounds; r++) {
                    for (Target t : targets) {
                        Result res = LoadGenerator.closed(t, streaming, 1, seconds, Long.MAX_VALUE);
                        results.add(res);
                        write(log, res, scenario + "/round" + r + "/" + t.name());
                        System.err.printf("%s round %d %s: p50 %.3f ms p99 %.3f ms, %d ok, %d errors%n",
                                scenario, r, t.name(), res.ms(50), res.ms(99), res.ok(), res.errors());
                    }
                }
                md = Report.latency(scenario, targets, results, rounds, seconds);
            } else {
                long[] rates = Arrays.stream(args.str("--rates", "500,1000,2000,4000,8000").split(","))
                        .mapToLong(Long::parseLong).toArray();
                int connections = (int) args.num("--connections", 64);
                for (Target t : targets) {
                    for (long rate : rates) {
                        Result res = LoadGenerator.open(t, streaming, rate, connections, seconds);
                        results.add(res);
                        write(log, res, scenario + "/" + rate + "/" + t.name());
                        System.err.printf("%s %s at %d/s: achieved %.0f/s p99 %.3f ms, %d errors%n",
                                scenario, t.name(), rate, res.achievedRate(), res.ms(99), res.errors());
                    }
                }
                md = Report.sweep(scenario, targets, results, rates, seconds, connections);
            }
            Files.writeString(out.resolve("summary.md"), md, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            System.out.print(md);
        }
    }

    private static void write(HistogramLogWriter log, Result res, String tag) {
        Histogram h = res.latency().copy();
        h.setTag(tag);
        h.setStartTimeStamp(System.currentTimeMillis() - (long) (res.seconds() * 1000));
        h.setEndTimeStamp(System.currentTimeMillis());
        log.outputIntervalHistogram(h);
    }
}
