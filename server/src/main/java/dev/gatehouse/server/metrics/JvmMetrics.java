package dev.gatehouse.server.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The JVM's own state, read at each scrape from its management beans: heap used and its
 * maximum, time spent in and number of collections per collector, live and daemon platform
 * threads, and the virtual threads mounted on carriers where the JDK tells (JDK 24 and later:
 * {@code jdk.management:type=VirtualThreadScheduler}). Names follow the Prometheus Java
 * client's {@code jvm_…} metrics, so existing JVM dashboards read them.
 */
final class JvmMetrics {

    private static final String VIRTUAL_SCHEDULER = "jdk.management:type=VirtualThreadScheduler";

    private JvmMetrics() {}

    static void scrape(StringBuilder out) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        gauge(out, "jvm_memory_used_bytes", "Memory used, by area.", "area=\"heap\"", heap.getUsed());
        gauge(out, "jvm_memory_max_bytes", "The most memory the area may use (-1: no limit).", "area=\"heap\"",
                heap.getMax());
        PrometheusText.header(out, "jvm_gc_collection_seconds", "summary",
                "Time spent in garbage collections and their number, by collector.");
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String labels = "{" + PrometheusText.label("gc", gc.getName()) + "} ";
            out.append("jvm_gc_collection_seconds_count").append(labels).append(Math.max(0, gc.getCollectionCount()))
                    .append('\n');
            out.append("jvm_gc_collection_seconds_sum").append(labels);
            PrometheusText.value(out, Math.max(0, gc.getCollectionTime()) / 1000.0);
            out.append('\n');
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        gauge(out, "jvm_threads_current", "Live platform threads (virtual threads are not among them).", "",
                threads.getThreadCount());
        gauge(out, "jvm_threads_daemon", "Live daemon platform threads.", "", threads.getDaemonThreadCount());
        Long mounted = mountedVirtualThreads();
        if (mounted != null) {
            gauge(out, "jvm_threads_virtual_mounted", "Virtual threads mounted on a carrier thread now.", "",
                    mounted);
        }
    }

    /** Virtual threads running on carriers now; null where the JDK does not tell (before JDK 24). */
    private static Long mountedVirtualThreads() {
        if (Runtime.version().feature() < 24) {
            return null; // and the platform MBean server, slow to start, is never started for nothing
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = new ObjectName(VIRTUAL_SCHEDULER);
            if (!server.isRegistered(name)) {
                return null;
            }
            return server.getAttribute(name, "MountedVirtualThreadCount") instanceof Number count
                    ? count.longValue() : null;
        } catch (JMException | RuntimeException notTold) {
            return null;
        }
    }

    static void gauge(StringBuilder out, String name, String help, String labels, long value) {
        PrometheusText.header(out, name, "gauge", help);
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(value).append('\n');
    }
}
