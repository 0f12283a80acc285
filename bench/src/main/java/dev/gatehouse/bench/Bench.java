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
 * bench warmstart --out DIR --target direct=… --target gatehouse=… --launch gatehouse=COMMAND … [--seconds 30]
 *                 [--stream-seconds 10] [--connections 16] [--streams 2] [--steady-seconds 10]
 * bench soak --out DIR --target gatehouse=…;model=M --stream-target gatehouse=…;model=S --pid gatehouse=PID
 *            [--metrics URL] [--rate 2000] [--seconds 1800] [--connections 4096] [--sample-seconds 5]
 * bench memory-at-rate --out DIR --target gatehouse=… --pid gatehouse=PID [--metrics URL] [--rate 10000] [--seconds 20]
 * </pre>
 * The sweeps, the streams, the warm start and the soak also write their charts as SVG files.
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
        switch (argv[0]) {
            case "warmstart" -> {
                append(out, warmStart(args, out, targets));
                return;
            }
            case "soak", "memory-at-rate" -> {
                append(out, soak(args, out, argv[0], targets.getFirst(), pids));
                return;
            }
            default -> { }
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
                LoadGenerator.closed(t, streaming, 8, warmup * 0.8);
                LoadGenerator.closed(t, streaming, 1, warmup * 0.2);
            }
            md = switch (argv[0]) {
                case "latency" -> latency(args, scenario, targets, streaming, seconds, log);
                case "sweep" -> sweep(args, out, scenario, targets, streaming, seconds, log);
                case "streams" -> streams(args, out, scenario, targets, seconds, log);
                case "resources" -> resources(args, out, targets, pids, seconds);
                default -> throw new IllegalArgumentException("no scenario " + argv[0]);
            };
        }
        append(out, md);
    }

    private static void append(Path out, String md) throws IOException {
        Files.writeString(out.resolve("summary.md"), md, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print(md);
    }

    /**
     * Scenario 6: each target named by {@code --launch NAME=COMMAND} started fresh twice (plain,
     * then streams) and measured from the moment it listens. The first target (the direct path)
     * warms the load generator up first, so that its own JIT is not what is measured.
     */
    private static String warmStart(Args args, Path out, List<Target> targets) throws IOException {
        int seconds = (int) args.num("--seconds", 30);
        int streamSeconds = (int) args.num("--stream-seconds", 10);
        int connections = (int) args.num("--connections", 16);
        int streams = (int) args.num("--streams", 2);
        int steady = (int) args.num("--steady-seconds", Math.min(10, seconds / 3));
        LoadGenerator.closed(targets.getFirst(), false, 8, args.num("--generator-warmup-seconds", 3));
        LoadGenerator.closed(targets.getFirst(), true, 2, 1);
        List<WarmStart.Start> starts = new ArrayList<>();
        for (String launch : args.all("--launch")) {
            String name = launch.substring(0, launch.indexOf('='));
            String command = launch.substring(launch.indexOf('=') + 1);
            Target t = targets.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("--launch " + name + " names no --target"));
            for (boolean streaming : new boolean[] {false, true}) {
                String kind = streaming ? "stream" : "plain";
                System.err.printf("warmstart: starting %s for %s%n", name, kind);
                WarmStart.Start start = WarmStart.run(t, command, out.resolve("warmstart-" + name + "-" + kind + ".log"),
                        streaming, streaming ? streams : connections, streaming ? streamSeconds : seconds);
                starts.add(start);
                System.err.printf("warmstart %s %s: listening after %.2f s, per second: %s%n", name, kind,
                        start.launchToListening(), start.seconds().stream().map(b -> Long.toString(b.ok())).toList());
                pause();
            }
            Files.writeString(out.resolve("warmstart-" + name + ".csv"), WarmStartReport.csv(starts, name));
        }
        Plots.warmStart(out.resolve("warmstart-throughput.svg"), out.resolve("warmstart-streams.svg"), starts);
        return WarmStartReport.markdown(starts, steady);
    }

    /**
     * Scenario 7: the soak (a mix of plain requests, streams and cancelled streams, open loop,
     * memory sampled into soak-memory.csv); or, as {@code memory-at-rate}, plain requests only at
     * a high rate, for the resident memory under that load.
     */
    private static String soak(Args args, Path out, String scenario, Target target, Map<String, Long> pids)
            throws IOException {
        boolean mixed = scenario.equals("soak");
        Target streams = mixed ? Target.parse(args.str("--stream-target", "")) : null;
        if (streams != null && (!streams.host().equals(target.host()) || streams.port() != target.port())) {
            throw new IllegalArgumentException("--stream-target must be the same gateway as --target");
        }
        String metrics = args.str("--metrics", "");
        double sample = Double.parseDouble(args.str("--sample-seconds", mixed ? "5" : "0.5"));
        Soak.Findings found = Soak.run(target, streams, args.num("--rate", mixed ? 2000 : 10000),
                Double.parseDouble(args.str("--seconds", mixed ? "1800" : "20")),
                (int) args.num("--connections", mixed ? 4096 : 512), pids.get(target.name()),
                metrics.isEmpty() ? null : java.net.URI.create(metrics), sample);
        Files.writeString(out.resolve(scenario + "-memory.csv"), SoakReport.csv(found.samples()));
        if (!mixed) {
            return SoakReport.atRate(found);
        }
        Plots.soak(out.resolve("soak-memory.svg"), found);
        return SoakReport.soak(found, sample);
    }

    private static String latency(Args args, String scenario, List<Target> targets, boolean streaming, double seconds,
                                  HistogramLogWriter log) {
        List<Result> results = new ArrayList<>();
        int rounds = (int) args.num("--rounds", 7);
        for (int r = 1; r <= rounds; r++) {
            for (Target t : targets) {
                Result res = LoadGenerator.closed(t, streaming, 1, seconds);
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

    private static String sweep(Args args, Path out, String scenario, List<Target> targets, boolean streaming, double seconds,
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
        String title = args.str("--title", "open-loop rate sweep");
        Plots.sweep(out.resolve(scenario + ".svg"), title, targets, results);
        return Report.sweep(scenario, title, targets, results, rates, seconds, connections);
    }

    private static String streams(Args args, Path out, String scenario, List<Target> targets, double seconds,
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
        Plots.streams(out.resolve(scenario + ".svg"), targets, levels);
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
            Result res = LoadGenerator.closed(t, false, connections, seconds);
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
