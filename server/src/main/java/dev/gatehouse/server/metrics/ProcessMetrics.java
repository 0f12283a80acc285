package dev.gatehouse.server.metrics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process' state, read at each scrape: CPU time, resident memory, and open and most file
 * descriptors. CPU time and descriptors come from {@code com.sun.management}'s operating system
 * bean where the JDK has it; resident memory from {@code /proc/self/status} on Linux. A figure
 * the platform does not give is left out rather than written as zero. Names follow the
 * Prometheus Java client's {@code process_…} metrics.
 */
final class ProcessMetrics {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMetrics() {}

    static void scrape(StringBuilder out) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long cpuNanos = sun.getProcessCpuTime();
            if (cpuNanos >= 0) {
                PrometheusText.header(out, "process_cpu_seconds_total", "counter", "CPU time the process used.");
                out.append("process_cpu_seconds_total ");
                PrometheusText.value(out, cpuNanos / 1e9);
                out.append('\n');
            }
        }
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            JvmMetrics.gauge(out, "process_open_fds", "File descriptors open.", "", unix.getOpenFileDescriptorCount());
            JvmMetrics.gauge(out, "process_max_fds", "The most file descriptors the process may open.", "",
                    unix.getMaxFileDescriptorCount());
        }
        long rss = residentBytes();
        if (rss >= 0) {
            JvmMetrics.gauge(out, "process_resident_memory_bytes", "Resident memory of the process.", "", rss);
        }
    }

    /** {@code VmRSS} of {@code /proc/self/status}, in bytes; -1 off Linux. */
    static long residentBytes() {
        if (!Files.isReadable(STATUS)) {
            return -1;
        }
        try {
            List<String> lines = Files.readAllLines(STATUS);
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:     123456 kB"
                    String number = line.substring("VmRSS:".length()).replace("kB", "").strip();
                    return Long.parseLong(number) * 1024;
                }
            }
        } catch (IOException | NumberFormatException unreadable) {
            return -1;
        }
        return -1;
    }
}
