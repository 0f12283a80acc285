package dev.gatehouse.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The warm-start scenario: starts a fresh gateway process, and from the moment its port accepts
 * a connection (Gatehouse logs "listening on" then) drives it closed loop, counting answers per
 * second. One start for plain requests ({@code connections} of them at once, for {@code seconds}),
 * another for streams ({@code streams} at once, for {@code streamSeconds}), so that each measures
 * a JVM that has seen nothing before.
 */
final class WarmStart {
    private WarmStart() {
    }

    /** What one start measured: the per-second buckets from "listening", and how long the start took. */
    record Start(String target, boolean streaming, int concurrency, double launchToListening,
                 List<PerSecond.Bucket> seconds) {
    }

    /**
     * Launches {@code command} (a shell command; its output goes to {@code log}), waits for
     * {@code target}'s port, runs the load, and stops the process.
     */
    static Start run(Target target, String command, Path log, boolean streaming, int concurrency, int seconds) {
        long launched = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "exec " + command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            long t0 = waitForPort(target, process, launched);
            PerSecond perSecond = new PerSecond(t0, streaming);
            Schedule schedule = new Schedule.Closed(t0, concurrency, 0, t0 + seconds * Schedule.SECOND);
            LoadLoop.run(target, List.of(Kind.of(target, streaming)), concurrency, schedule, perSecond);
            return new Start(target.name(), streaming, concurrency, (t0 - launched) / 1e9, perSecond.seconds(seconds));
        } finally {
            stop(process);
        }
    }

    /** Probes the port every 2 ms; returns when it first accepted a connection. */
    private static long waitForPort(Target target, Process process, long launched) {
        while (System.nanoTime() - launched < 120 * Schedule.SECOND) {
            if (!process.isAlive()) {
                throw new IllegalStateException(target.name() + " exited before listening, status " + process.exitValue());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(target.host(), target.port()), 100);
                return System.nanoTime();
            } catch (IOException notYet) {
                sleepMillis(2);
            }
        }
        throw new IllegalStateException(target.name() + " did not listen within 120 s");
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
