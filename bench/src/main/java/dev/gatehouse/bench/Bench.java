package dev.gatehouse.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Runs the scenarios against the targets given with {@code --target} (the first is the
 * direct path to the fake upstream) and appends their Markdown tables to {@code --out}/summary.md,
 * with every run's histograms in {@code --out}/&lt;scenario&gt;.hlog.
 *
 * <pre>
 * bench latency --out DIR --target direct=… --target gatehouse=… [--rounds 7] [--seconds 10] [--warmup-seconds 30] [--stream]
 * bench sweep   --out DIR --target … [--rates 500,1000,…] [--seconds 10] [--connections 64] [--stream] [--scenario NAME]
 * bench streams --out DIR --target … [--levels 128,1000,…] [--seconds 8] [--ramp-seconds 2] [--stall-ms 200]
 * bench memory-idle --out DIR --pid gatehouse=PID …
 * bench resources   --out DIR --target … --pid gatehouse=PID … [--seconds 10] [--connections 16] [--settle-seconds 10]
 * </pre>
 * A sweep stops for a target at the first rate (or level) it did not hold with no errors at
 * all: the higher ones would only cost minutes.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] argv) throws IOException {
        Args args = new Args(argv);
        Path out = Path.of(args.str("--out", "bench/results/scratch"));
        Files.createDirectories(out);
        List<Target> targets = args.all("--target").stream().map(Target::parse).toList();
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String p : args.all("--pid")) {
            pids.put(p.substring(0, p.indexOf('=')), Long.parseLong(p.substring(p.indexOf('=') + 1)));
        }
        if (argv[0].equals("memory-idle")) {
            StringBuilder idle = new StringBuilder();
            pids.forEach((name, pid) -> idle.append(name).append(' ').append(Proc.rssKib(pid)).append('\n'));
            Files.writeString(out.resolve("memory-idle.txt"), idle);
            return;
        }
        double warmup = Double.parseDouble(args.str("--warmup-seconds", "30"));
        double seconds = Double.parseDouble(args.str("--seconds", "10"));
        boolean streaming = args.flag("--stream") || argv[0].equals("streams");
        String scenario = args.str("--scenario", argv[0] + (streaming ? "-stream" : "-plain"));
        String md;
        try (PrintStream hlog = new PrintStream(Files.newOutputStream(out.resolve(scenario + ".hlog")), true, "UTF-8")) {
            HistogramLogWriter log = new HistogramLogWriter(hlog);
            log.outputLogFormatVersion();
            log.outputLegend();
            for (Target t : targets) {
                System.err.printf("%s: warming up %s for %.0f s%n", scenario, t.name(), warmup);
                LoadGenerator.closed(t, streaming, 8, warmup * 0.8, Long.MAX_VALUE);
                LoadGenerator.closed(t, streaming, 1, warmup * 0.2, Long.MAX_VALUE);
            }
            md = switch (argv[0]) {
                case "latency" -> latency(args, scenario, targets, streaming, seconds, log);
                case "sweep" -> sweep(args, scenario, targets, streaming, seconds, log);
                case "streams" -> streams(args, scenario, targets, seconds, log);
                case "resources" -> resources(args, out, targets, pids, seconds);
                default -> throw new IllegalArgumentException("no scenario " + argv[0]);
            };
        }
        Files.writeString(out.resolve("summary.md"), md, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print(md);
    }

    private static String latency(Args args, String scenario, List<Target> targets, boolean streaming, double seconds,
                                  HistogramLogWriter log) {
        List<Result> results = new ArrayList<>();
        int rounds = (int) args.num("--rounds", 7);
        for (int r = 1; r <= rounds; r++) {
            for (Target t : targets) {
                Result res = LoadGenerator.closed(t, streaming, 1, seconds, Long.MAX_VALUE);
                results.add(res);
                write(log, res.latency(), res.seconds(), scenario + "/round" + r + "/" + t.name());
                if (streaming) {
                    write(log, res.ttft(), res.seconds(), scenario + "-ttft/round" + r + "/" + t.name());
                }
                System.err.printf("%s round %d %s: p50 %.3f ms p99 %.3f ms, %d ok, %d errors%n",
                        scenario, r, t.name(), res.ms(50), res.ms(99), res.ok(), res.errors());
            }
        }
        return Report.latency(scenario, targets, results, rounds, seconds);
    }

    private static String sweep(Args args, String scenario, List<Target> targets, boolean streaming, double seconds,
                                HistogramLogWriter log) {
        List<Result> results = new ArrayList<>();
        long[] rates = Arrays.stream(args.str("--rates", "500,1000,2000,4000,8000").split(","))
                .mapToLong(Long::parseLong).toArray();
        int connections = (int) args.num("--connections", 64);
        for (Target t : targets) {
            for (long rate : rates) {
                Result res = LoadGenerator.open(t, streaming, rate, connections, seconds);
                results.add(res);
                write(log, res.latency(), res.seconds(), scenario + "/" + rate + "/" + t.name());
                System.err.printf("%s %s at %d/s: achieved %.0f/s p99 %.3f ms, %d errors%n",
                        scenario, t.name(), rate, res.achievedRate(), res.ms(99), res.errors());
                if (res.errors() > 0 || res.achievedRate() < 0.95 * rate) {
                    break;
                }
            }
        }
        return Report.sweep(scenario, args.str("--title", "open-loop rate sweep"), targets, results, rates, seconds,
                connections);
    }

    private static String streams(Args args, String scenario, List<Target> targets, double seconds,
                                  HistogramLogWriter log) {
        List<StreamHold.Level> levels = new ArrayList<>();
        int[] counts = Arrays.stream(args.str("--levels", "128,1000,2500,5000,9500").split(","))
                .mapToInt(Integer::parseInt).toArray();
        double ramp = Double.parseDouble(args.str("--ramp-seconds", "2"));
        long stallNanos = TimeUnit.MILLISECONDS.toNanos(args.num("--stall-ms", 200));
        for (Target t : targets) {
            for (int n : counts) {
                StreamHold.Level level = StreamHold.run(t, n, ramp, seconds, stallNanos);
                levels.add(level);
                write(log, level.ttft(), level.seconds(), scenario + "-ttft/" + n + "/" + t.name());
                write(log, level.maxGap(), level.seconds(), scenario + "-maxgap/" + n + "/" + t.name());
                System.err.printf("%s %s at %d streams: peak %d, %d ok, %d errors, %d stalled, max gap p99 %.1f ms%n",
                        scenario, t.name(), n, level.peakInFlight(), level.ok(), level.errors(), level.stalled(),
                        level.maxGap().getValueAtPercentile(99) / 1e6);
                if (!level.held()) {
                    break;
                }
                pause();
            }
        }
        return Report.streams(scenario, targets, levels, seconds, ramp, stallNanos);
    }

    private static String resources(Args args, Path out, List<Target> targets, Map<String, Long> pids, double seconds)
            throws IOException {
        Map<String, Long> idle = new LinkedHashMap<>();
        Path idleFile = out.resolve("memory-idle.txt");
        if (Files.exists(idleFile)) {
            for (String line : Files.readAllLines(idleFile)) {
                String[] f = line.split(" ");
                idle.put(f[0], Long.parseLong(f[1]));
            }
        }
        long ticks = args.num("--clk-tck", 100);
        int connections = (int) args.num("--connections", 16);
        List<Report.Usage> usage = new ArrayList<>();
        for (Target t : targets) {
            Long pid = pids.get(t.name());
            if (pid == null) {
                continue;
            }
            double cpu0 = Proc.cpuSeconds(pid, ticks);
            Result res = LoadGenerator.closed(t, false, connections, seconds, Long.MAX_VALUE);
            double cpu = Proc.cpuSeconds(pid, ticks) - cpu0;
            long loaded = Proc.rssKib(pid);
            System.err.printf("resources %s: %d requests, %.2f CPU s, RSS %d KiB under load%n", t.name(), res.ok(), cpu,
                    loaded);
            usage.add(new Report.Usage(t.name(), pid, idle.getOrDefault(t.name(), -1L), loaded, res.ok(), res.errors(),
                    cpu));
        }
        // Memory after the load: every target idle for the settle time, then read.
        double settle = Double.parseDouble(args.str("--settle-seconds", "10"));
        sleep(settle);
        List<Report.Usage> done = usage.stream()
                .map(u -> u.after(Proc.peakRssKib(u.pid()), Proc.rssKib(u.pid()))).toList();
        return Report.resources(done, seconds, connections, settle);
    }

    /** Lets the closed sockets of a level leave the gateway before the next level opens more. */
    private static void pause() {
        sleep(1);
    }

    private static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(HistogramLogWriter log, Histogram histogram, double seconds, String tag) {
        Histogram h = histogram.copy();
        h.setTag(tag);
        h.setStartTimeStamp(System.currentTimeMillis() - (long) (seconds * 1000));
        h.setEndTimeStamp(System.currentTimeMillis());
        log.outputIntervalHistogram(h);
    }
}
