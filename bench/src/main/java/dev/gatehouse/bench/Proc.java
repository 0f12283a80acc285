package dev.gatehouse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident memory and CPU time, read from Linux's {@code /proc/PID/status}
 * (VmRSS, VmHWM: the resident set now and its high-water mark since the start) and
 * {@code /proc/PID/stat} (utime + stime, in clock ticks).
 */
final class Proc {
    private Proc() {
    }

    /** The resident set now, in KiB. */
    static long rssKib(long pid) {
        return statusKib(pid, "VmRSS:");
    }

    /** The largest resident set since the process started, in KiB. */
    static long peakRssKib(long pid) {
        return statusKib(pid, "VmHWM:");
    }

    /** User plus system CPU time so far, in seconds ({@code ticksPerSecond}: {@code getconf CLK_TCK}). */
    static double cpuSeconds(long pid, long ticksPerSecond) {
        String stat = read(pid, "stat");
        // Fields after the command name, which is in parentheses and may contain spaces.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime are fields 14 and 15 of stat(5), here 11 and 12 (0-based, from field 3).
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) ticksPerSecond;
    }

    private static long statusKib(long pid, String field) {
        for (String line : read(pid, "status").split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
    }

    private static String read(long pid, String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
